//! What changed between the published story and a draft, field by field and view by view,
//! for the editor's review before publishing.
//!
//! Lists are aligned on their common items (a longest common subsequence), so that inserting
//! a figure shows one added figure rather than every later figure changed. Steps, sources,
//! glossary terms, scales and views are matched by id. A step added or removed is one change,
//! not one per field.

use crate::model::*;

/// How a field or an item changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// In the draft only (a step, a figure, a glossary term…).
    Added,
    /// In the published story only.
    Removed,
    /// In both, with another value.
    Changed,
}

/// One change from the published story to the draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// The step changed; `None` for the story level (trajectory, glossary, meta, scales,
    /// sources, open data).
    pub step: Option<String>,
    /// The view changed within the step, or the scale changed at the story level.
    pub scale: Option<ScaleId>,
    /// The field, as in the validator's paths: `title.fr`, `figure[1].label.en`,
    /// `trajectory`, `branch[0]`, `term[resilience].definition.fr`. List indexes are 0-based,
    /// in the draft for added and changed items, in the published story for removed ones.
    pub field: String,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// The published value, readable: texts as they are, lists of ids joined; empty for an
    /// added item.
    pub before: String,
    /// The draft's value, likewise; empty for a removed item.
    pub after: String,
}

/// Every change from `published` to `draft`, in a stable order: the story level first (meta,
/// scales, trajectory, sources, glossary, open data), then the steps in the draft's
/// trajectory order, steps that left the trajectory in the published order, then side steps
/// by id; within a step, its links (next, branches, choices) and then its views in
/// [`ScaleId::ALL`] order.
///
/// Empty exactly when the two stories are equal: a difference that no field here names (the
/// order of steps or views in their lists, which the files do not keep) is reported as one
/// change of the field `other`.
pub fn diff(published: &Story, draft: &Story) -> Vec<Change> {
    let mut d = Differ { out: Vec::new(), step: None, scale: None };
    d.meta(&published.meta, &draft.meta);
    d.scales(&published.scales, &draft.scales);
    if published.trajectory != draft.trajectory {
        d.push("trajectory", ChangeKind::Changed, published.trajectory.join(" → "), draft.trajectory.join(" → "));
    }
    d.sources(&published.sources, &draft.sources);
    d.glossary(&published.glossary, &draft.glossary);
    d.territory(published.territory.as_ref(), draft.territory.as_ref());
    d.steps(published, draft);
    if d.out.is_empty() && published != draft {
        d.step = None;
        d.scale = None;
        d.push("other", ChangeKind::Changed, String::new(), String::new());
    }
    d.out
}

struct Differ {
    out: Vec<Change>,
    /// Where the changes pushed now belong.
    step: Option<String>,
    scale: Option<ScaleId>,
}

impl Differ {
    fn push(&mut self, field: impl Into<String>, kind: ChangeKind, before: String, after: String) {
        self.out.push(Change { step: self.step.clone(), scale: self.scale, field: field.into(), kind, before, after });
    }

    fn value(&mut self, field: &str, before: String, after: String) {
        if before != after {
            self.push(field, ChangeKind::Changed, before, after);
        }
    }

    /// Each language on its own: a translation changes apart from the original.
    fn text(&mut self, field: &str, a: &Text, b: &Text) {
        for (lang, x, y) in [(Lang::Fr, &a.fr, &b.fr), (Lang::En, &a.en, &b.en)] {
            if x != y {
                self.push(format!("{field}.{}", lang.code()), ChangeKind::Changed, x.clone(), y.clone());
            }
        }
    }

    /// A list, aligned: `fields` reports what changed inside an item found in both at
    /// (`name[index]`, published item, draft item).
    fn list<T: PartialEq>(&mut self, name: &str, a: &[T], b: &[T], summary: impl Fn(&T) -> String, mut fields: impl FnMut(&mut Self, &str, &T, &T)) {
        for pair in align(a, b) {
            match pair {
                (Some(i), Some(j)) if a[i] != b[j] => fields(self, &format!("{name}[{j}]"), &a[i], &b[j]),
                (Some(_), Some(_)) | (None, None) => {}
                (Some(i), None) => self.push(format!("{name}[{i}]"), ChangeKind::Removed, summary(&a[i]), String::new()),
                (None, Some(j)) => self.push(format!("{name}[{j}]"), ChangeKind::Added, String::new(), summary(&b[j])),
            }
        }
    }

    fn texts(&mut self, name: &str, a: &[Text], b: &[Text]) {
        self.list(name, a, b, text_summary, |d, at, x, y| d.text(at, x, y));
    }

    fn meta(&mut self, a: &Meta, b: &Meta) {
        self.text("title", &a.title, &b.title);
        self.text("promise", &a.promise, &b.promise);
        self.text("report.title", &a.report.title, &b.report.title);
        self.value("report.authors", a.report.authors.join("; "), b.report.authors.join("; "));
        self.value("report.publishers", a.report.publishers.join("; "), b.report.publishers.join("; "));
        self.value("report.date", a.report.date.clone(), b.report.date.clone());
    }

    fn scales(&mut self, a: &[Scale], b: &[Scale]) {
        for id in ScaleId::ALL {
            self.scale = Some(id);
            match (a.iter().find(|s| s.id == id), b.iter().find(|s| s.id == id)) {
                (Some(x), Some(y)) => {
                    self.text("name", &x.name, &y.name);
                    self.text("short", &x.short, &y.short);
                    self.value("population", x.population.to_string(), y.population.to_string());
                    self.value("population_source", x.population_source.clone(), y.population_source.clone());
                    self.value("code", x.code.clone().unwrap_or_default(), y.code.clone().unwrap_or_default());
                }
                (Some(x), None) => self.push("scale", ChangeKind::Removed, x.name.fr.clone(), String::new()),
                (None, Some(y)) => self.push("scale", ChangeKind::Added, String::new(), y.name.fr.clone()),
                (None, None) => {}
            }
        }
        self.scale = None;
    }

    fn sources(&mut self, a: &[Source], b: &[Source]) {
        self.keyed(
            "source",
            "sources",
            a,
            b,
            |s| &s.id,
            |s| text_summary(&s.title),
            |d, at, x, y| {
                d.text(&format!("{at}.title"), &x.title, &y.title);
                match (&x.kind, &y.kind) {
                    (SourceKind::Report { ocr_lines: l1, passage: p1 }, SourceKind::Report { ocr_lines: l2, passage: p2 }) => {
                        let lines = |l: &Option<(u32, u32)>| l.map_or(String::new(), |(from, to)| format!("{from}–{to}"));
                        d.value(&format!("{at}.ocr_lines"), lines(l1), lines(l2));
                        d.text(&format!("{at}.passage"), p1, p2);
                    }
                    (SourceKind::Dataset { publisher: p1, version: v1, year: y1, licence: l1, url: u1 }, SourceKind::Dataset { publisher: p2, version: v2, year: y2, licence: l2, url: u2 }) => {
                        d.value(&format!("{at}.publisher"), p1.clone(), p2.clone());
                        d.value(&format!("{at}.version"), v1.clone(), v2.clone());
                        d.value(&format!("{at}.year"), y1.to_string(), y2.to_string());
                        d.value(&format!("{at}.licence"), l1.clone(), l2.clone());
                        d.value(&format!("{at}.url"), u1.clone(), u2.clone());
                    }
                    (k1, k2) => d.value(&format!("{at}.kind"), kind_name(k1).into(), kind_name(k2).into()),
                }
            },
        );
    }

    fn glossary(&mut self, a: &[Term], b: &[Term]) {
        self.keyed(
            "term",
            "glossary",
            a,
            b,
            |t| &t.id,
            |t| text_summary(&t.word),
            |d, at, x, y| {
                d.text(&format!("{at}.word"), &x.word, &y.word);
                d.text(&format!("{at}.definition"), &x.definition, &y.definition);
            },
        );
    }

    /// A list of items with ids, matched by id: `name[id]` added, removed or changed field by
    /// field, and `order` changed when items in both moved.
    #[allow(clippy::too_many_arguments)]
    fn keyed<T: PartialEq>(&mut self, name: &str, order: &str, a: &[T], b: &[T], key: impl Fn(&T) -> &str, summary: impl Fn(&T) -> String, mut fields: impl FnMut(&mut Self, &str, &T, &T)) {
        let pairs = match_by_key(a, b, &key);
        for &pair in &pairs {
            match pair {
                (Some(i), Some(j)) if a[i] != b[j] => fields(self, &format!("{name}[{}]", key(&b[j])), &a[i], &b[j]),
                (Some(_), Some(_)) | (None, None) => {}
                (Some(i), None) => self.push(format!("{name}[{}]", key(&a[i])), ChangeKind::Removed, summary(&a[i]), String::new()),
                (None, Some(j)) => self.push(format!("{name}[{}]", key(&b[j])), ChangeKind::Added, String::new(), summary(&b[j])),
            }
        }
        let kept: Vec<usize> = pairs.iter().filter_map(|p| p.0.filter(|_| p.1.is_some())).collect();
        if kept.windows(2).any(|w| w[0] > w[1]) {
            let ids = |items: &[T]| items.iter().map(&key).collect::<Vec<_>>().join(", ");
            self.push(order, ChangeKind::Changed, ids(a), ids(b));
        }
    }

    fn territory(&mut self, a: Option<&Territory>, b: Option<&Territory>) {
        let summary = |t: &Territory| {
            let communes: usize = t.groupings.iter().map(|g| g.communes.len()).sum();
            format!("{} groupings, {communes} communes, from {}", t.groupings.len(), t.source)
        };
        match (a, b) {
            (Some(x), Some(y)) if x != y => self.push("territory", ChangeKind::Changed, summary(x), summary(y)),
            (Some(x), None) => self.push("territory", ChangeKind::Removed, summary(x), String::new()),
            (None, Some(y)) => self.push("territory", ChangeKind::Added, String::new(), summary(y)),
            _ => {}
        }
    }

    fn steps(&mut self, published: &Story, draft: &Story) {
        let mut pairs = match_by_key(&published.steps, &draft.steps, |s| &s.id);
        let id = |p: &(Option<usize>, Option<usize>)| match *p {
            (_, Some(j)) => draft.steps[j].id.as_str(),
            (Some(i), None) => published.steps[i].id.as_str(),
            (None, None) => "", // match_by_key pairs at least one side
        };
        pairs.sort_by_cached_key(|p| {
            let id = id(p);
            let rank = match (draft.main_index(id), published.main_index(id)) {
                (Some(i), _) => (0, i),
                (None, Some(i)) => (1, i),
                (None, None) => (2, 0),
            };
            (rank, id.to_string())
        });
        for pair in pairs {
            self.step = Some(id(&pair).to_string());
            match pair {
                (Some(i), Some(j)) => self.step_fields(&published.steps[i], &draft.steps[j]),
                (Some(i), None) => self.push("step", ChangeKind::Removed, step_summary(&published.steps[i]), String::new()),
                (None, Some(j)) => self.push("step", ChangeKind::Added, String::new(), step_summary(&draft.steps[j])),
                (None, None) => {}
            }
        }
        self.step = None;
    }

    fn step_fields(&mut self, a: &Step, b: &Step) {
        self.value("next", a.next.clone().unwrap_or_default(), b.next.clone().unwrap_or_default());
        self.list(
            "branch",
            &a.branches,
            &b.branches,
            |b| format!("{} → {}", b.label.fr, b.to),
            |d, at, x, y| {
                d.value(&format!("{at}.to"), x.to.clone(), y.to.clone());
                d.text(&format!("{at}.label"), &x.label, &y.label);
            },
        );
        self.list(
            "choice",
            &a.choices,
            &b.choices,
            |c| format!("{}: {}", c.id, c.prompt.fr),
            |d, at, x, y| {
                d.value(&format!("{at}.id"), x.id.clone(), y.id.clone());
                d.text(&format!("{at}.prompt"), &x.prompt, &y.prompt);
                d.list(
                    &format!("{at}.option"),
                    &x.options,
                    &y.options,
                    |o| format!("{} → {}", o.label.fr, o.to),
                    |d, at, x, y| {
                        d.text(&format!("{at}.label"), &x.label, &y.label);
                        d.value(&format!("{at}.to"), x.to.clone(), y.to.clone());
                    },
                );
            },
        );
        for scale in ScaleId::ALL {
            self.scale = Some(scale);
            match (a.view(scale), b.view(scale)) {
                (Some(x), Some(y)) if x != y => self.view(x, y),
                (Some(x), None) => self.push("view", ChangeKind::Removed, text_summary(&x.title), String::new()),
                (None, Some(y)) => self.push("view", ChangeKind::Added, String::new(), text_summary(&y.title)),
                _ => {}
            }
        }
        self.scale = None;
    }

    fn view(&mut self, a: &View, b: &View) {
        self.text("title", &a.title, &b.title);
        self.text("text", &a.text, &b.text);
        self.text("easy", &a.easy, &b.easy);
        self.texts("actors", &a.actors, &b.actors);
        self.list("figure", &a.figures, &b.figures, figure_summary, |d, at, x, y| {
            d.value(&format!("{at}.value"), x.value.to_string(), y.value.to_string());
            d.value(&format!("{at}.approximate"), yes_no(x.approximate), yes_no(y.approximate));
            d.text(&format!("{at}.label"), &x.label, &y.label);
            d.value(&format!("{at}.source"), x.source.clone(), y.source.clone());
        });
        self.list(
            "quote",
            &a.quotes,
            &b.quotes,
            |q| text_summary(&q.text),
            |d, at, x, y| {
                d.text(&format!("{at}.text"), &x.text, &y.text);
                d.text(&format!("{at}.by"), &x.by, &y.by);
                d.value(&format!("{at}.source"), x.source.clone(), y.source.clone());
            },
        );
        self.texts("questions", &a.questions, &b.questions);
        self.text("activity", &a.activity, &b.activity);
        self.text("notes", &a.notes, &b.notes);
        self.list(
            "quiz",
            &a.quiz,
            &b.quiz,
            |q| text_summary(&q.question),
            |d, at, x, y| {
                d.text(&format!("{at}.question"), &x.question, &y.question);
                d.texts(&format!("{at}.options"), &x.options, &y.options);
                d.value(&format!("{at}.answer"), x.answer.to_string(), y.answer.to_string());
                d.text(&format!("{at}.explanation"), &x.explanation, &y.explanation);
                d.value(&format!("{at}.source"), x.source.clone(), y.source.clone());
            },
        );
        self.list("terms", &a.terms, &b.terms, Clone::clone, |d, at, x, y| d.value(at, x.clone(), y.clone()));
        match (&a.picture, &b.picture) {
            // Its size is read from the file, not written: not a change of its own.
            (Some(x), Some(y)) => {
                self.value("picture.file", x.file.clone(), y.file.clone());
                self.text("picture.alt", &x.alt, &y.alt);
                self.value("picture.credit", x.credit.clone(), y.credit.clone());
                self.value("picture.licence", x.licence.clone(), y.licence.clone());
                self.value("picture.source.by", x.by.clone(), y.by.clone());
                self.value("picture.source.date", x.date.clone(), y.date.clone());
            }
            (None, Some(y)) => self.push("picture", ChangeKind::Added, String::new(), y.file.clone()),
            (Some(x), None) => self.push("picture", ChangeKind::Removed, x.file.clone(), String::new()),
            (None, None) => {}
        }
    }
}

/// A text in one line of a list of changes: French, or English when there is no French.
fn text_summary(text: &Text) -> String {
    if text.fr.is_empty() {
        text.en.clone()
    } else {
        text.fr.clone()
    }
}

fn step_summary(step: &Step) -> String {
    step.view(ScaleId::Commune).or(step.views.first()).map_or_else(|| step.id.clone(), |v| text_summary(&v.title))
}

fn figure_summary(f: &Figure) -> String {
    let about = if f.approximate { "≈ " } else { "" };
    format!("{about}{} {}", f.value, text_summary(&f.label)).trim_end().to_string()
}

fn yes_no(b: bool) -> String {
    (if b { "yes" } else { "no" }).into()
}

fn kind_name(kind: &SourceKind) -> &'static str {
    match kind {
        SourceKind::Report { .. } => "report",
        SourceKind::Dataset { .. } => "dataset",
    }
}

/// Pairs items with equal keys, the n-th of a key in `a` with the n-th in `b` (keys should
/// be unique, but a draft may not be valid yet): in `b`'s order, then what only `a` has.
fn match_by_key<T>(a: &[T], b: &[T], key: impl Fn(&T) -> &str) -> Vec<(Option<usize>, Option<usize>)> {
    let mut index: std::collections::HashMap<&str, std::collections::VecDeque<usize>> = std::collections::HashMap::new();
    for (i, item) in a.iter().enumerate() {
        index.entry(key(item)).or_default().push_back(i);
    }
    let mut used = vec![false; a.len()];
    let mut pairs: Vec<_> = b
        .iter()
        .enumerate()
        .map(|(j, item)| {
            let i = index.get_mut(key(item)).and_then(|found| found.pop_front());
            if let Some(i) = i {
                used[i] = true;
            }
            (i, Some(j))
        })
        .collect();
    pairs.extend((0..a.len()).filter(|&i| !used[i]).map(|i| (Some(i), None)));
    pairs
}

/// Above this many cells, lists are paired by position instead of by a longest common
/// subsequence: a view's lists hold a handful of items, and the table must stay small.
const MAX_ALIGN_CELLS: usize = 1 << 16;

/// Pairs the items of `a` and `b` in order: equal items of a longest common subsequence,
/// then, between them, removed and added items paired as changed items as far as they go.
fn align<T: PartialEq>(a: &[T], b: &[T]) -> Vec<(Option<usize>, Option<usize>)> {
    let (n, m) = (a.len(), b.len());
    let mut pairs = Vec::with_capacity(n.max(m));
    if (n + 1).saturating_mul(m + 1) > MAX_ALIGN_CELLS {
        pairs.extend((0..n.max(m)).map(|k| ((k < n).then_some(k), (k < m).then_some(k))));
        return pairs;
    }
    // longest[i][j]: the length of a longest common subsequence of a[i..] and b[j..].
    let width = m + 1;
    let mut longest = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            longest[i * width + j] = if a[i] == b[j] { longest[(i + 1) * width + j + 1] + 1 } else { longest[(i + 1) * width + j].max(longest[i * width + j + 1]) };
        }
    }
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    let flush = |pairs: &mut Vec<_>, removed: &mut Vec<usize>, added: &mut Vec<usize>| {
        let both = removed.len().min(added.len());
        pairs.extend(removed.iter().zip(added.iter()).map(|(&i, &j)| (Some(i), Some(j))));
        pairs.extend(removed[both..].iter().map(|&i| (Some(i), None)));
        pairs.extend(added[both..].iter().map(|&j| (None, Some(j))));
        removed.clear();
        added.clear();
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            flush(&mut pairs, &mut removed, &mut added);
            pairs.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if j == m || (i < n && longest[(i + 1) * width + j] >= longest[i * width + j + 1]) {
            removed.push(i);
            i += 1;
        } else {
            added.push(j);
            j += 1;
        }
    }
    flush(&mut pairs, &mut removed, &mut added);
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit;

    fn story() -> Story {
        let mut story = Story::default();
        story.meta.title = Text::new("Récit", "Story");
        for id in ["a", "b", "c"] {
            edit::add_step(&mut story, id, None, true).unwrap();
        }
        edit::add_step(&mut story, "s", None, false).unwrap();
        edit::set_next(&mut story, "s", Some("b")).unwrap();
        story.glossary.push(Term { id: "resilience".into(), word: Text::new("résilience", "resilience"), definition: Text::new("…", "…") });
        story
    }

    fn figure(value: u64, label: &str) -> Figure {
        Figure { value, approximate: false, label: Text::new(label, label), source: "r".into() }
    }

    /// (step, scale, field, kind) of each change, for short assertions.
    fn short(changes: &[Change]) -> Vec<(Option<&str>, Option<ScaleId>, &str, ChangeKind)> {
        changes.iter().map(|c| (c.step.as_deref(), c.scale, c.field.as_str(), c.kind)).collect()
    }

    use ChangeKind::*;
    use ScaleId::*;

    #[test]
    fn identical_stories_have_no_change() {
        assert!(diff(&story(), &story()).is_empty());
        assert!(diff(&Story::default(), &Story::default()).is_empty());
    }

    #[test]
    fn texts_change_language_by_language() {
        let published = story();
        let mut draft = story();
        draft.view_mut("b", Agglomeration).unwrap().title.en = "A title".into();
        draft.view_mut("b", Pole).unwrap().text = Text::new("Autre", "Other");
        draft.meta.promise.fr = "Une promesse".into();
        let changes = diff(&published, &draft);
        assert_eq!(
            short(&changes),
            [(None, None, "promise.fr", Changed), (Some("b"), Some(Agglomeration), "title.en", Changed), (Some("b"), Some(Pole), "text.fr", Changed), (Some("b"), Some(Pole), "text.en", Changed),]
        );
        assert_eq!((changes[1].before.as_str(), changes[1].after.as_str()), ("", "A title"));
        assert_eq!((changes[2].before.as_str(), changes[2].after.as_str()), ("À écrire.", "Autre"));
    }

    #[test]
    fn a_step_added_or_removed_is_one_change() {
        let published = story();
        let mut draft = story();
        edit::add_step(&mut draft, "d", Some("a"), true).unwrap();
        edit::delete_step(&mut draft, "s").unwrap();
        let changes = diff(&published, &draft);
        assert_eq!(short(&changes), [(None, None, "trajectory", Changed), (Some("d"), None, "step", Added), (Some("s"), None, "step", Removed)]);
        assert_eq!(changes[0].before, "a → b → c");
        assert_eq!(changes[0].after, "a → d → b → c");
        assert_eq!(changes[1].after, "Nouvelle étape");
    }

    #[test]
    fn steps_come_in_trajectory_order_then_side_steps_by_id() {
        let published = story();
        let mut draft = story();
        edit::add_step(&mut draft, "r", None, false).unwrap();
        edit::move_step(&mut draft, "c", -2).unwrap();
        for step in &mut draft.steps {
            step.views[0].activity.fr = "Activité".into();
        }
        let steps: Vec<_> = diff(&published, &draft).into_iter().map(|c| c.step).collect();
        assert_eq!(steps, [None, Some("c".into()), Some("a".into()), Some("b".into()), Some("r".into()), Some("s".into())]);
    }

    #[test]
    fn inserting_a_figure_is_one_added_figure() {
        let mut published = story();
        published.view_mut("a", Commune).unwrap().figures = vec![figure(1, "un"), figure(2, "deux")];
        let mut draft = published.clone();
        let figures = &mut draft.view_mut("a", Commune).unwrap().figures;
        figures.insert(0, figure(0, "zéro"));
        figures[2].label.en = "two".into();
        let changes = diff(&published, &draft);
        assert_eq!(short(&changes), [(Some("a"), Some(Commune), "figure[0]", Added), (Some("a"), Some(Commune), "figure[2].label.en", Changed)]);
        assert_eq!((changes[1].before.as_str(), changes[1].after.as_str()), ("deux", "two"));
        assert_eq!(changes[0].after, "0 zéro");

        let mut removed = published.clone();
        removed.view_mut("a", Commune).unwrap().figures.remove(0);
        let changes = diff(&published, &removed);
        assert_eq!(short(&changes), [(Some("a"), Some(Commune), "figure[0]", Removed)]);
        assert_eq!(changes[0].before, "1 un");
    }

    #[test]
    fn every_field_of_a_view() {
        let published = story();
        let mut draft = story();
        let v = draft.view_mut("a", Commune).unwrap();
        v.actors.push(Text::new("La commune", ""));
        v.quotes.push(Quote { text: Text::new("Citation", ""), by: Text::default(), source: "r".into() });
        v.questions.push(Text::new("Pourquoi ?", ""));
        v.activity.fr = "Dessiner".into();
        v.notes.en = "Notes".into();
        v.quiz.push(QuizQuestion { question: Text::new("Combien ?", ""), options: vec![], answer: 1, explanation: Text::default(), source: "r".into() });
        v.terms.push("resilience".into());
        v.figures.push(figure(1, "un"));
        let mut changed = draft.clone();
        let v = changed.view_mut("a", Commune).unwrap();
        v.figures[0] = Figure { value: 2, approximate: true, label: Text::new("un", "one"), source: "s".into() };
        v.quotes[0].by.fr = "Le maire".into();
        v.quiz[0].options.push(Text::new("Dix", "Ten"));
        v.quiz[0].answer = 2;
        v.terms[0] = "transition".into();
        let fields = |a: &Story, b: &Story| diff(a, b).into_iter().map(|c| format!("{} {:?}", c.field, c.kind)).collect::<Vec<_>>();
        assert_eq!(
            fields(&published, &draft),
            ["actors[0] Added", "figure[0] Added", "quote[0] Added", "questions[0] Added", "activity.fr Changed", "notes.en Changed", "quiz[0] Added", "terms[0] Added"]
        );
        assert_eq!(
            fields(&draft, &changed),
            [
                "figure[0].value Changed",
                "figure[0].approximate Changed",
                "figure[0].label.en Changed",
                "figure[0].source Changed",
                "quote[0].by.fr Changed",
                "quiz[0].options[0] Added",
                "quiz[0].answer Changed",
                "terms[0] Changed",
            ]
        );
        let view_gone = {
            let mut s = draft.clone();
            s.steps[0].views.retain(|v| v.scale != Pole);
            s
        };
        assert_eq!(short(&diff(&draft, &view_gone)), [(Some("a"), Some(Pole), "view", Removed)]);
    }

    #[test]
    fn links_of_a_step() {
        let published = story();
        let mut draft = story();
        edit::set_next(&mut draft, "s", Some("c")).unwrap();
        edit::add_branch(&mut draft, "a", "s", Text::new("Détour", "Detour")).unwrap();
        draft.steps[1].choices.push(Choice { id: "q".into(), prompt: Text::new("?", "?"), options: vec![] });
        let changes = diff(&published, &draft);
        assert_eq!(short(&changes), [(Some("a"), None, "branch[0]", Added), (Some("b"), None, "choice[0]", Added), (Some("s"), None, "next", Changed)]);
        assert_eq!(changes[0].after, "Détour → s");
        assert_eq!((changes[2].before.as_str(), changes[2].after.as_str()), ("b", "c"));

        let mut more = draft.clone();
        more.steps[1].choices[0].options.push(ChoiceOption { label: Text::new("Oui", "Yes"), to: "c".into() });
        more.steps[0].branches[0].to = "c".into();
        assert_eq!(short(&diff(&draft, &more)), [(Some("a"), None, "branch[0].to", Changed), (Some("b"), None, "choice[0].option[0]", Added)]);
    }

    #[test]
    fn story_level() {
        let published = story();
        let mut draft = story();
        draft.glossary[0].definition.en = "Bouncing back".into();
        draft.glossary.push(Term { id: "transition".into(), word: Text::new("transition", "transition"), definition: Text::default() });
        draft.sources.push(Source { id: "r".into(), title: Text::new("Rapport", "Report"), kind: SourceKind::Report { ocr_lines: None, passage: Text::default() } });
        draft.scales.push(Scale { id: Pole, name: Text::new("Pôle", "Pole"), short: Text::default(), population: 1, population_source: "r".into(), code: None });
        draft.meta.report.authors.push("Vincent Chassagne".into());
        draft.territory = Some(Territory { source: "r".into(), groupings: vec![] });
        let changes = diff(&published, &draft);
        assert_eq!(
            short(&changes),
            [
                (None, None, "report.authors", Changed),
                (None, Some(Pole), "scale", Added),
                (None, None, "source[r]", Added),
                (None, None, "term[resilience].definition.en", Changed),
                (None, None, "term[transition]", Added),
                (None, None, "territory", Added),
            ]
        );
        let mut more = draft.clone();
        more.sources[0].kind = SourceKind::Report { ocr_lines: Some((1, 7)), passage: Text::new("Passage", "") };
        more.scales[0].population = 2;
        more.glossary.swap(0, 1);
        more.glossary.remove(1);
        more.sources.push(Source {
            id: "d".into(),
            title: Text::new("Données", "Data"),
            kind: SourceKind::Dataset { publisher: "INSEE".into(), version: "1".into(), year: 2024, licence: "LO".into(), url: "u".into() },
        });
        let changes = diff(&draft, &more);
        assert_eq!(
            short(&changes),
            [
                (None, Some(Pole), "population", Changed),
                (None, None, "source[r].ocr_lines", Changed),
                (None, None, "source[r].passage.fr", Changed),
                (None, None, "source[d]", Added),
                (None, None, "term[resilience]", Removed),
            ]
        );
        assert_eq!(changes[1].after, "1–7");
        let mut reordered = draft.clone();
        reordered.glossary.swap(0, 1);
        let changes = diff(&draft, &reordered);
        assert_eq!(short(&changes), [(None, None, "glossary", Changed)]);
        assert_eq!((changes[0].before.as_str(), changes[0].after.as_str()), ("resilience, transition", "transition, resilience"));
    }

    #[test]
    fn an_unsorted_draft_is_still_a_change() {
        let published = story();
        let mut draft = story();
        draft.steps.swap(0, 1);
        assert_eq!(short(&diff(&published, &draft)), [(None, None, "other", Changed)]);
    }

    #[test]
    fn alignment() {
        let pairs = |a: &str, b: &str| align(a.as_bytes(), b.as_bytes());
        assert_eq!(pairs("abc", "abc"), [(Some(0), Some(0)), (Some(1), Some(1)), (Some(2), Some(2))]);
        assert_eq!(pairs("abc", "xabc")[0], (None, Some(0)));
        assert_eq!(pairs("abc", "axc"), [(Some(0), Some(0)), (Some(1), Some(1)), (Some(2), Some(2))]);
        assert_eq!(pairs("abc", "ac"), [(Some(0), Some(0)), (Some(1), None), (Some(2), Some(1))]);
        assert_eq!(pairs("", "ab"), [(None, Some(0)), (None, Some(1))]);
        let long: Vec<u32> = (0..300).collect();
        let shifted: Vec<u32> = (1..301).collect();
        assert_eq!(align(&long, &shifted).len(), 300, "too long to align: by position");
    }
}
