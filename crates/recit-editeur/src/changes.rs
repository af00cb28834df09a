//! What the draft changes in the published story, view by view, before and after side by side.

use leptos::prelude::*;
use recit_story::diff::{diff, ChangeKind};
use recit_story::Lang;

use crate::draft::use_draft;
use crate::route::{EditorRoute, Page};
use crate::text::text;
use recit::i18n::scale_label;
use recit::story_data::story;

/// The changes page.
#[component]
pub fn ChangesPage(route: EditorRoute) -> impl IntoView {
    let draft = use_draft();
    let lang: Lang = route.lang;
    let t = text(lang);
    let changes = Memo::new(move |_| draft.with(|s| diff(story(), s)));
    move || {
        let list = changes.get();
        if list.is_empty() {
            return view! { <p class="no-changes">{t.no_changes}</p> }.into_any();
        }
        let rows = list
            .into_iter()
            .map(|c| {
                let place = match (&c.step, c.scale) {
                    (Some(step), Some(scale)) => {
                        let href = route.to(Page::View { step: step.clone(), scale });
                        view! { <a href=href>{format!("{step} · {}", scale_label(scale, lang))}</a> }.into_any()
                    }
                    (Some(step), None) => step.clone().into_any(),
                    (None, _) => t.whole_story.into_any(),
                };
                let kind = match c.kind {
                    ChangeKind::Added => t.added,
                    ChangeKind::Removed => t.removed,
                    ChangeKind::Changed => t.changed,
                };
                view! {
                    <tr class=format!("change {}", kind)>
                        <th scope="row">{place}</th>
                        <td><code>{c.field}</code> " " <span class="kind">{kind}</span></td>
                        <td class="before">{c.before}</td>
                        <td class="after">{c.after}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="changes">
                <thead><tr><th scope="col">{t.step}</th><th scope="col">{t.label}</th><th scope="col">{t.before}</th><th scope="col">{t.after_change}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    }
}
