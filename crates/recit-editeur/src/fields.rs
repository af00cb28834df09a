//! The editor's fields: a text in French and English side by side, lists of texts, and the
//! problems the validator finds, shown next to the field they are about.

use leptos::prelude::*;
use recit_story::edit::{self, Value};
use recit_story::shared::rebase_edit;
use recit_story::{FieldPath, Lang, Text};
use wasm_bindgen::JsCast;

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
                            <strong>{problem_kind(d.code, lang)}</strong> {text(lang).colon} {d.message.clone()} " — " {d.help.clone()}
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
        // What the field last showed: a keystroke is an edit of it, replayed on the draft if
        // another member's change came in before the field showed it.
        let shown = StoredValue::new(String::new());
        let group = field.clone();
        let parent = path.clone();
        let on_input = move |e: leptos::ev::Event| {
            let typed = event_target_value(&e);
            let base = shown.get_value();
            shown.set_value(typed.clone());
            draft.type_in(&group, |s| {
                let current = edit::text(s, &parent).map(|t| own(&t, l)).unwrap_or_default();
                let _ = edit::set_field(s, &group, Value::Text(rebase_edit(&base, &typed, &current)));
            });
        };
        let name = if l == Lang::Fr { t.french } else { t.english };
        // The value is set by an effect rather than `prop:value`: a change from another member
        // must not move the caret of the one typing here.
        let input = if multiline {
            let element = NodeRef::<leptos::html::Textarea>::new();
            show_value(value, move || element.get().map(Into::into), shown);
            view! { <textarea id=id.clone() lang=l.code() rows="6" aria-describedby=described node_ref=element on:input=on_input on:blur=move |_| draft.seal()></textarea> }.into_any()
        } else {
            let element = NodeRef::<leptos::html::Input>::new();
            show_value(value, move || element.get().map(Into::into), shown);
            view! { <input id=id.clone() lang=l.code() type="text" aria-describedby=described node_ref=element on:input=on_input on:blur=move |_| draft.seal() /> }.into_any()
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

/// Shows `value` in the field that `element` gives whenever it changes, and records it as
/// what the field `shown`.
fn show_value(value: impl Fn() -> String + 'static, element: impl Fn() -> Option<web_sys::Element> + 'static, shown: StoredValue<String>) {
    Effect::new(move |_| {
        let value = value();
        if let Some(element) = element() {
            set_value_keeping_caret(&element, &value);
            shown.set_value(value);
        }
    });
}

/// Sets a text field's value; if it has the focus, keeps the caret and selection where they
/// were in the text, moved by what was inserted or removed before them.
fn set_value_keeping_caret(element: &web_sys::Element, value: &str) {
    use js_sys::Reflect;
    use wasm_bindgen::JsValue;
    let get = |key: &str| Reflect::get(element, &JsValue::from_str(key)).ok();
    let old = get("value").and_then(|v| v.as_string()).unwrap_or_default();
    if old == value {
        return;
    }
    let focused = document().active_element().as_ref() == Some(element);
    let position = |key: &str| get(key).and_then(|v| v.as_f64()).map(|n| n as usize);
    let (start, end) = (position("selectionStart"), position("selectionEnd"));
    let _ = Reflect::set(element, &JsValue::from_str("value"), &JsValue::from_str(value));
    let (Some(start), Some(end), true) = (start, end, focused) else { return };
    let (old, new): (Vec<u16>, Vec<u16>) = (old.encode_utf16().collect(), value.encode_utf16().collect());
    let before = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let after = old[before..].iter().rev().zip(new[before..].iter().rev()).take_while(|(a, b)| a == b).count();
    let moved = |at: usize| {
        if at <= before {
            at
        } else if at >= old.len() - after {
            at + new.len() - old.len()
        } else {
            new.len() - after
        }
    };
    if let Ok(set) = Reflect::get(element, &JsValue::from_str("setSelectionRange")).and_then(|f| f.dyn_into::<js_sys::Function>()) {
        let _ = set.call2(element, &JsValue::from(moved(start) as u32), &JsValue::from(moved(end) as u32));
    }
}
