//! The editor's fields: a text in French and English side by side, lists of texts, and the
//! problems the validator finds, shown next to the field they are about.

use std::sync::Arc;

use leptos::prelude::*;
use recit_story::{FieldPath, Lang, ScaleId, Story, Text, View};

use crate::draft::use_draft;
use crate::text::{problem_kind, text};

/// Reads a text of the draft.
pub type Getter = Arc<dyn Fn(&Story) -> Option<Text> + Send + Sync>;
/// Writes one language of a text of the draft.
pub type Setter = Arc<dyn Fn(&mut Story, Lang, String) + Send + Sync>;

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

/// A text in French and English side by side.
#[component]
pub fn TextPair(
    /// The field's name.
    label: &'static str,
    /// The field path the validator uses (`step[a].commune.title`).
    path: FieldPath,
    get: Getter,
    set: Setter,
    /// A text area rather than one line.
    #[prop(optional)]
    multiline: bool,
    /// The editor's language.
    lang: Lang,
) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let columns = Lang::ALL.map(|l| {
        let (get, set) = (get.clone(), set.clone());
        let field = path.clone().field(l.code());
        let id = field_id(&field);
        let described = format!("{id}-problems");
        let value = move || draft.with(|s| get(s).map(|t| own(&t, l)).unwrap_or_default());
        let group = field.clone();
        let on_input = move |e: leptos::ev::Event| {
            let value = event_target_value(&e);
            let set = set.clone();
            draft.type_in(&group, move |s| set(s, l, value));
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

/// A list of texts of a view (actors, questions), each removable, and a way to add one.
#[component]
pub fn TextList(
    /// The list's name.
    label: &'static str,
    /// The list's field path (`step[a].commune.questions`).
    path: FieldPath,
    step: String,
    scale: ScaleId,
    /// The list in a view.
    list: fn(&View) -> &Vec<Text>,
    list_mut: fn(&mut View) -> &mut Vec<Text>,
    /// The editor's language.
    lang: Lang,
) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let (step_for_len, step_for_add) = (step.clone(), step.clone());
    let len = Memo::new(move |_| draft.with(|s| s.step(&step_for_len).and_then(|st| st.view(scale)).map_or(0, |v| list(v).len())));
    let items = move || {
        (0..len.get())
            .map(|i| {
                let (get_step, set_step, remove_step) = (step.clone(), step.clone(), step.clone());
                let get: Getter = Arc::new(move |s: &Story| s.step(&get_step)?.view(scale).and_then(|v| list(v).get(i).cloned()));
                let set: Setter = Arc::new(move |s: &mut Story, l, value| {
                    if let Some(item) = s.view_mut(&set_step, scale).and_then(|v| list_mut(v).get_mut(i)) {
                        *item = with_lang(item, l, value);
                    }
                });
                let remove = move |_| {
                    draft.edit(|s| {
                        if let Some(v) = s.view_mut(&remove_step, scale) {
                            if i < list_mut(v).len() {
                                list_mut(v).remove(i);
                            }
                        }
                    })
                };
                view! {
                    <li>
                        <TextPair label=label path=path.clone().key(i) get=get set=set lang=lang />
                        <button type="button" class="button small" on:click=remove>{t.remove}</button>
                    </li>
                }
            })
            .collect_view()
    };
    let add = move |_| {
        draft.edit(|s| {
            if let Some(v) = s.view_mut(&step_for_add, scale) {
                list_mut(v).push(Text::default());
            }
        })
    };
    view! {
        <fieldset class="text-list">
            <legend>{label}</legend>
            <ol>{items}</ol>
            <button type="button" class="button small" on:click=add>{t.add}</button>
        </fieldset>
    }
}

/// `text` with its `lang` side replaced.
pub fn with_lang(text: &Text, lang: Lang, value: String) -> Text {
    match lang {
        Lang::Fr => Text { fr: value, ..text.clone() },
        Lang::En => Text { en: value, ..text.clone() },
    }
}
