//! The editor's fields: a text in French and English side by side, lists of texts, and the
//! problems the validator finds, shown next to the field they are about.

use leptos::prelude::*;
use recit_story::edit::{self, Value};
use recit_story::{FieldPath, Lang, Text};

use crate::draft::use_draft;
use crate::text::{problem_kind, text};

/// The language's own text, without the reader's fallback to French.
fn own(text: &Text, lang: Lang) -> String {
    match lang {
        Lang::Fr => text.fr.clone(),
        Lang::En => text.en.clone(),
    }
}

/// An id for an element from a field path (`step[a].commune.title` → `f-step-a-commune-title`).
pub fn field_id(path: &FieldPath) -> String {
    let mut id = String::from("f-");
    for c in path.to_string().chars() {
        id.push(if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' });
    }
    id
}

/// The validator's messages about `path` (and, for French, about the text as a whole).
#[component]
pub fn Problems(
    /// The field path, as the validator names it.
    path: FieldPath,
    /// Also the messages about this path (a text's French side takes the text's).
    #[prop(optional)]
    parent: Option<FieldPath>,
    /// The editor's language.
    lang: Lang,
) -> impl IntoView {
    let diagnostics = use_draft().diagnostics();
    let id = format!("{}-problems", field_id(&path));
    view! {
        <ul class="field-problems" id=id>
            {move || diagnostics.with(|all| {
                all.iter()
                    .filter(|d| d.path == path || parent.as_ref() == Some(&d.path))
                    .map(|d| view! {
                        <li class=if d.is_error() { "error" } else { "warning" }>
                            <strong>{problem_kind(d.code, lang)}</strong> " : " {d.message.clone()} " — " {d.help.clone()}
                        </li>
                    })
                    .collect_view()
            })}
        </ul>
    }
}

/// A text in French and English side by side, read and written at its field path.
#[component]
pub fn TextPair(
    /// The field's name.
    label: &'static str,
    /// The field path the validator uses (`step[a].commune.title`).
    path: FieldPath,
    /// A text area rather than one line.
    #[prop(optional)]
    multiline: bool,
    /// The editor's language.
    lang: Lang,
) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let columns = Lang::ALL.map(|l| {
        let text_at = path.clone();
        let field = path.clone().field(l.code());
        let id = field_id(&field);
        let described = format!("{id}-problems");
        let value = move || draft.with(|s| edit::text(s, &text_at).map(|t| own(&t, l)).unwrap_or_default());
        let group = field.clone();
        let on_input = move |e: leptos::ev::Event| {
            let value = event_target_value(&e);
            draft.type_in(&group, |s| {
                let _ = edit::set_field(s, &group, Value::Text(value));
            });
        };
        let name = if l == Lang::Fr { t.french } else { t.english };
        let input = if multiline {
            view! { <textarea id=id.clone() lang=l.code() rows="6" aria-describedby=described prop:value=value on:input=on_input on:blur=move |_| draft.seal()></textarea> }.into_any()
        } else {
            view! { <input id=id.clone() lang=l.code() type="text" aria-describedby=described prop:value=value on:input=on_input on:blur=move |_| draft.seal() /> }.into_any()
        };
        let parent = (l == Lang::Fr).then(|| path.clone());
        view! {
            <div class="lang-column">
                <label for=id>{label} " · " {name}</label>
                {input}
                <Problems path=field parent=parent.unwrap_or_default() lang=lang />
            </div>
        }
    });
    view! { <div class="text-pair">{columns.into_iter().collect_view()}</div> }
}
