// axe-core in the page, against WCAG 2.x A and AA rules.
import AxeBuilder from '@axe-core/playwright';

export async function violations(page) {
  // Measure the page at rest: colours mid-transition are not what a reader sees.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
}
