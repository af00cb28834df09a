//! One view of a step being edited: its texts in both languages, figures, quotes, workshop
//! material, with the validator's problems beside each field and the readers' preview.

use leptos::prelude::*;
use recit_story::edit::{self, Field, ViewList};
use recit_story::{FieldPath, Lang, Position, ScaleId, Text};

use crate::draft::{use_draft, Draft};
use crate::fields::{Problems, TextPair};
use crate::picture::{picture_preview, PictureEdit};
use crate::route::{EditorRoute, Page};
use crate::text::text;
use recit::components::rich_text::RichText;
use recit::i18n::{number, scale_label};

/// The editing page of the view of `step` at `scale`.
#[component]
pub fn ViewEditor(step: String, scale: ScaleId, route: EditorRoute) -> impl IntoView {
    let draft = use_draft();
    let lang = route.lang;
    let t = text(lang);
    if draft.with(|s| s.step(&step).and_then(|st| st.view(scale)).is_none()) {
        return view! { <p role="alert">{t.not_found}</p> <a href=route.to(Page::Map)>{t.map}</a> }.into_any();
    }
    let at = FieldPath::view(&step, scale);
    let pair = |label, field: &str, multiline: bool| view! { <TextPair label=label path=at.clone().field(field) multiline=multiline lang=lang /> };
    let items = |label, list| view! { <ViewItems label=label list=list step=step.clone() scale=scale lang=lang /> };
    let tabs = ScaleId::ALL.map(|s| {
        let href = route.to(Page::View { step: step.clone(), scale: s });
        view! { <li><a href=href aria-current=(s == scale).then_some("page")>{scale_label(s, lang)}</a></li> }
    });
    let file_step = step.clone();
    let download = move |_| {
        let path = format!("steps/{file_step}.toml");
        if let Some((_, text)) = draft.files().into_iter().find(|(p, _)| *p == path) {
            let _ = recit::dom::download(&format!("{file_step}.toml"), &text);
        }
    };
    view! {
        <nav class="scale-tabs" aria-label=t.scale><ul>{tabs.into_iter().collect_view()}</ul></nav>
        <div class="view-editor">
            <form class="fields" on:submit=|e| e.prevent_default()>
                <Problems path=at.clone() lang=lang />
                {pair(t.field_title, "title", false)}
                {pair(t.field_text, "text", true)}
                {pair(t.field_easy, "easy", true)}
                {items(t.field_actors, ViewList::Actors)}
                {items(t.field_figures, ViewList::Figures)}
                {items(t.field_quotes, ViewList::Quotes)}
                {items(t.field_questions, ViewList::Questions)}
                {pair(t.field_activity, "activity", true)}
                {pair(t.field_notes, "notes", true)}
                <PictureEdit step=step.clone() scale=scale lang=lang />
                <Branches step=step.clone() lang=lang />
                <crate::motif::MotifSelect step=step.clone() lang=lang />
                <p><button type="button" class="button" on:click=download>{t.export_step}</button></p>
            </form>
            <aside class="preview" aria-label=t.preview tabindex="0">
                <h2>{t.preview}</h2>
                <Preview step=step scale=scale lang=lang />
            </aside>
        </div>
    }
    .into_any()
}

/// The readers' view of the draft, in the editor's language, typeset as readers see it (the
/// draft itself keeps what members typed).
#[component]
fn Preview(step: String, scale: ScaleId, lang: Lang) -> impl IntoView {
    let draft = use_draft();
    move || {
        draft.with(|s| {
            let view = s.step(&step)?.view(scale)?;
            let position = Position { lang, scale, step: step.clone() };
            let voices: Vec<_> = s.accepted_contributions(&step, scale).cloned().collect();
            Some(view! {
                <article class="step preview-article">
                    {view.picture.as_ref().map(|p| picture_preview(p, lang))}
                    <h3 class="preview-title">{view.title.typeset(lang).into_owned()}</h3>
                    <div class="text"><RichText source=view.text.typeset(lang).into_owned() position=position /></div>
                    <ul class="preview-figures">
                        {view.figures.iter().map(|f| view! { <li><strong>{number(f.value, lang)}</strong> " " {f.label.typeset(lang).into_owned()}</li> }).collect_view()}
                    </ul>
                    {view.quotes.iter().map(|q| view! { <blockquote><p>{q.text.typeset(lang).into_owned()}</p></blockquote> }).collect_view()}
                    {(!voices.is_empty()).then(|| view! {
                        <section class="voices">
                            <h4>{text(lang).voices}</h4>
                            {voices.into_iter().map(|c| view! { <blockquote><p>{c.typeset_text().into_owned()}</p><footer>{c.author}</footer></blockquote> }).collect_view()}
                        </section>
                    })}
                </article>
            })
        })
    }
}

/// A list of a view (actors, figures, quotes, workshop questions): each item's fields and a
/// way to remove it, and a way to add one, every change through [`edit`].
#[component]
fn ViewItems(
    /// The list's name.
    label: &'static str,
    list: ViewList,
    step: String,
    scale: ScaleId,
    /// The editor's language.
    lang: Lang,
) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let at = FieldPath::view(&step, scale);
    let len_step = step.clone();
    let len = Memo::new(move |_| draft.with(|s| s.step(&len_step).and_then(|st| st.view(scale)).map_or(0, |v| list.len(v))));
    let add_step = step.clone();
    let items = move || {
        (0..len.get())
            .map(|i| {
                let step = step.clone();
                let remove = move |_| {
                    let step = step.clone();
                    draft.edit(move |s| {
                        let _ = edit::remove_item(s, &step, scale, list, i);
                    })
                };
                let class = match list {
                    ViewList::Figures => Some("figure-edit"),
                    ViewList::Quotes => Some("quote-edit"),
                    _ => None,
                };
                view! {
                    <li class=class>
                        {item_fields(list, at.clone().item(list.key(), i), label, lang)}
                        <button type="button" class="button small" on:click=remove>{t.remove}</button>
                    </li>
                }
            })
            .collect_view()
    };
    let add = move |_| {
        let step = add_step.clone();
        draft.edit(move |s| {
            if let Some(blank) = list.blank() {
                let _ = edit::insert_item(s, &step, scale, None, blank);
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

/// The fields of the item at `item` of `list`: a figure's value, « about », label and
/// source; a quote's text, author and source; otherwise the item's text, named `label`.
fn item_fields(list: ViewList, item: FieldPath, label: &'static str, lang: Lang) -> AnyView {
    let draft = use_draft();
    let t = text(lang);
    match list {
        ViewList::Figures => {
            let (value, approximate) = (item.clone().field("value"), item.clone().field("approximate"));
            let (read_value, read_approximate) = (value.clone(), approximate.clone());
            view! {
                <label>{t.value} " "
                    <input type="number" min="0" step="1" prop:value=move || draft.with(|s| match edit::field(s, &read_value) { Some(Field::Number(n)) => n.to_string(), _ => String::new() })
                        on:input=move |e| { if let Ok(n) = event_target_value(&e).parse::<u64>() { set(draft, &value, edit::Value::Number(n)) } } />
                </label>
                <label>
                    <input type="checkbox" prop:checked=move || draft.with(|s| edit::field(s, &read_approximate) == Some(Field::Flag(&true)))
                        on:change=move |e| set(draft, &approximate, edit::Value::Flag(event_target_checked(&e))) />
                    " " {t.approximate}
                </label>
                <TextPair label=t.label path=item.clone().field("label") lang=lang />
                <SourceSelect path=item.field("source") lang=lang />
            }
            .into_any()
        }
        ViewList::Quotes => view! {
            <TextPair label=t.field_quotes path=item.clone().field("text") multiline=true lang=lang />
            <TextPair label=t.by path=item.clone().field("by") lang=lang />
            <SourceSelect path=item.field("source") lang=lang />
        }
        .into_any(),
        _ => view! { <TextPair label=label path=item lang=lang /> }.into_any(),
    }
}

/// Sets the field at `path` of the draft, one undo step.
fn set(draft: Draft, path: &FieldPath, value: edit::Value) {
    draft.edit(|s| {
        let _ = edit::set_field(s, path, value);
    });
}

/// A choice among the draft's sources, for the source id at `path`.
#[component]
fn SourceSelect(path: FieldPath, lang: Lang) -> impl IntoView {
    let draft = use_draft();
    let id = crate::fields::field_id(&path);
    let read = path.clone();
    let current = Memo::new(move |_| {
        draft.with(|s| match edit::field(s, &read) {
            Some(Field::String(source)) => source.clone(),
            _ => String::new(),
        })
    });
    let options = move || {
        draft.with(|s| {
            s.sources
                .iter()
                .map(|src| {
                    let selected = current.get() == src.id;
                    view! { <option value=src.id.clone() selected=selected>{format!("{} — {}", src.id, src.title.get(lang))}</option> }
                })
                .collect_view()
        })
    };
    let write = path.clone();
    view! {
        <div class="source-select">
            <label for=id.clone()>{text(lang).source}</label>
            <select id=id on:change=move |e| set(draft, &write, edit::Value::Text(event_target_value(&e)))>
                <option value="" selected=move || current.get().is_empty()>"—"</option>
                {options}
            </select>
            <Problems path=path lang=lang />
        </div>
    }
}

/// The side paths a step offers: each removable, and a new one to a chosen step.
#[component]
fn Branches(step: String, lang: Lang) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let message = RwSignal::new(None::<String>);
    let target = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let listed = step.clone();
    let list = move || {
        draft.with(|s| {
            s.step(&listed).map(|st| {
                st.branches
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let from = listed.clone();
                        let remove = move |_| {
                            draft.edit(|s| {
                                let _ = recit_story::edit::remove_branch(s, &from, i);
                            })
                        };
                        view! { <li>{format!("{} → {}", b.label.get(lang), b.to)} " " <button type="button" class="button small" on:click=remove>{t.remove}</button></li> }
                    })
                    .collect_view()
            })
        })
    };
    let from = step.clone();
    let add = move |_| {
        let (to, words) = (target.get_untracked(), label.get_untracked());
        let mut outcome = Ok(());
        draft.edit(|s| outcome = recit_story::edit::add_branch(s, &from, &to, Text::new(words, "")));
        message.set(outcome.err().map(|e| e.to_string()));
        if message.with_untracked(Option::is_none) {
            label.set(String::new());
        }
    };
    let others = step.clone();
    view! {
        <fieldset class="text-list branches-edit">
            <legend>{t.branches}</legend>
            <ul>{list}</ul>
            <label for="branch-label">{t.label} " · " {t.french}</label>
            <input id="branch-label" type="text" prop:value=move || label.get() on:input=move |e| label.set(event_target_value(&e)) />
            <label for="branch-to">{t.branch_to}</label>
            <select id="branch-to" on:change=move |e| target.set(event_target_value(&e))>
                <option value="">"—"</option>
                {move || draft.with(|s| s.steps.iter().filter(|st| st.id != others).map(|st| view! { <option value=st.id.clone()>{st.id.clone()}</option> }).collect_view())}
            </select>
            <button type="button" class="button small" on:click=add>{t.add}</button>
            <p role="status">{move || message.get()}</p>
        </fieldset>
    }
}
