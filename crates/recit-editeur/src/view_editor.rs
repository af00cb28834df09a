//! One view of a step being edited: its texts in both languages, figures, quotes, workshop
//! material, with the validator's problems beside each field and the readers' preview.

use std::sync::Arc;

use leptos::prelude::*;
use recit_story::{FieldPath, Figure, Lang, Position, Quote, ScaleId, Story, Text, View};

use crate::draft::use_draft;
use crate::fields::{with_lang, Getter, Problems, Setter, TextList, TextPair};
use crate::picture::{picture_preview, PictureEdit};
use crate::route::{EditorRoute, Page};
use crate::text::text;
use recit::components::rich_text::RichText;
use recit::i18n::{number, scale_label};

/// A text field of a view, read and written through `field`.
fn view_text(step: &str, scale: ScaleId, field: fn(&mut View) -> &mut Text) -> (Getter, Setter) {
    let (a, b) = (step.to_string(), step.to_string());
    let get: Getter = Arc::new(move |s: &Story| {
        let mut view = s.step(&a)?.view(scale)?.clone();
        Some(field(&mut view).clone())
    });
    let set: Setter = Arc::new(move |s: &mut Story, lang, value| {
        if let Some(v) = s.view_mut(&b, scale) {
            let t = field(v);
            *t = with_lang(t, lang, value);
        }
    });
    (get, set)
}

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
    let pair = |label, field: &str, get_set: (Getter, Setter), multiline: bool| {
        let (get, set) = get_set;
        view! { <TextPair label=label path=at.clone().field(field) get=get set=set multiline=multiline lang=lang /> }
    };
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
                {pair(t.field_title, "title", view_text(&step, scale, |v| &mut v.title), false)}
                {pair(t.field_text, "text", view_text(&step, scale, |v| &mut v.text), true)}
                {pair(t.field_easy, "easy", view_text(&step, scale, |v| &mut v.easy), true)}
                <TextList label=t.field_actors path=at.clone().field("actors") step=step.clone() scale=scale list=|v| &v.actors list_mut=|v| &mut v.actors lang=lang />
                <Figures step=step.clone() scale=scale lang=lang />
                <Quotes step=step.clone() scale=scale lang=lang />
                <TextList label=t.field_questions path=at.clone().field("questions") step=step.clone() scale=scale list=|v| &v.questions list_mut=|v| &mut v.questions lang=lang />
                {pair(t.field_activity, "activity", view_text(&step, scale, |v| &mut v.activity), true)}
                {pair(t.field_notes, "notes", view_text(&step, scale, |v| &mut v.notes), true)}
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

/// The readers' view of the draft, in the editor's language.
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
                    <h3 class="preview-title">{view.title.get(lang).to_string()}</h3>
                    <div class="text"><RichText source=view.text.get(lang).to_string() position=position /></div>
                    <ul class="preview-figures">
                        {view.figures.iter().map(|f| view! { <li><strong>{number(f.value, lang)}</strong> " " {f.label.get(lang).to_string()}</li> }).collect_view()}
                    </ul>
                    {view.quotes.iter().map(|q| view! { <blockquote><p>{q.text.get(lang).to_string()}</p></blockquote> }).collect_view()}
                    {(!voices.is_empty()).then(|| view! {
                        <section class="voices">
                            <h4>{text(lang).voices}</h4>
                            {voices.into_iter().map(|c| view! { <blockquote><p>{c.text}</p><footer>{c.author}</footer></blockquote> }).collect_view()}
                        </section>
                    })}
                </article>
            })
        })
    }
}

/// The key figures of a view: value, "about", label, source.
#[component]
fn Figures(step: String, scale: ScaleId, lang: Lang) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let at = FieldPath::view(&step, scale);
    let len_step = step.clone();
    let len = Memo::new(move |_| draft.with(|s| s.step(&len_step).and_then(|st| st.view(scale)).map_or(0, |v| v.figures.len())));
    let add_step = step.clone();
    let items = move || {
        (0..len.get())
            .map(|i| {
                let fat = at.clone().item("figure", i);
                let figure = {
                    let step = step.clone();
                    move |s: &Story| s.step(&step).and_then(|st| st.view(scale)).and_then(|v| v.figures.get(i)).cloned()
                };
                let change = {
                    let step = step.clone();
                    move |f: Box<dyn FnOnce(&mut Figure)>| {
                        let step = step.clone();
                        draft.edit(move |s| {
                            if let Some(figure) = s.view_mut(&step, scale).and_then(|v| v.figures.get_mut(i)) {
                                f(figure);
                            }
                        })
                    }
                };
                let (label_get, label_set): (Getter, Setter) = {
                    let (a, b) = (figure.clone(), step.clone());
                    (
                        Arc::new(move |s: &Story| a(s).map(|f| f.label)),
                        Arc::new(move |s: &mut Story, l, value| {
                            if let Some(f) = s.view_mut(&b, scale).and_then(|v| v.figures.get_mut(i)) {
                                f.label = with_lang(&f.label, l, value);
                            }
                        }),
                    )
                };
                let (value_of, approx_of, source_of) = (figure.clone(), figure.clone(), figure.clone());
                let (c1, c2, c3) = (change.clone(), change.clone(), change);
                view! {
                    <li class="figure-edit">
                        <label>{t.value} " "
                            <input type="number" min="0" step="1" prop:value=move || draft.with(|s| value_of(s).map(|f| f.value.to_string()).unwrap_or_default())
                                on:input=move |e| { if let Ok(n) = event_target_value(&e).parse::<u64>() { c1(Box::new(move |f| f.value = n)) } } />
                        </label>
                        <label>
                            <input type="checkbox" prop:checked=move || draft.with(|s| approx_of(s).is_some_and(|f| f.approximate))
                                on:change=move |e| { let on = event_target_checked(&e); c2(Box::new(move |f| f.approximate = on)) } />
                            " " {t.approximate}
                        </label>
                        <TextPair label=t.label path=fat.clone().field("label") get=label_get set=label_set lang=lang />
                        <SourceSelect path=fat.field("source") current=Signal::derive(move || draft.with(|s| source_of(s).map(|f| f.source).unwrap_or_default()))
                            on_change=move |id| c3(Box::new(move |f| f.source = id)) lang=lang />
                        <button type="button" class="button small" on:click={
                            let step = step.clone();
                            move |_| {
                                let step = step.clone();
                                draft.edit(move |s| { if let Some(v) = s.view_mut(&step, scale) { if i < v.figures.len() { v.figures.remove(i); } } });
                            }
                        }>{t.remove}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="text-list">
            <legend>{t.field_figures}</legend>
            <ol>{items}</ol>
            <button type="button" class="button small" on:click=move |_| {
                let step = add_step.clone();
                draft.edit(move |s| {
                    if let Some(v) = s.view_mut(&step, scale) {
                        v.figures.push(Figure { value: 0, approximate: false, label: Text::default(), source: String::new() });
                    }
                })
            }>{t.add}</button>
        </fieldset>
    }
}

/// The quotes of a view: text, who said it, source.
#[component]
fn Quotes(step: String, scale: ScaleId, lang: Lang) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let at = FieldPath::view(&step, scale);
    let len_step = step.clone();
    let len = Memo::new(move |_| draft.with(|s| s.step(&len_step).and_then(|st| st.view(scale)).map_or(0, |v| v.quotes.len())));
    let add_step = step.clone();
    let items = move || {
        (0..len.get())
            .map(|i| {
                let qat = at.clone().item("quote", i);
                let part = |field: fn(&mut Quote) -> &mut Text| -> (Getter, Setter) {
                    let (a, b) = (step.clone(), step.clone());
                    (
                        Arc::new(move |s: &Story| s.step(&a)?.view(scale)?.quotes.get(i).cloned().map(|mut q| field(&mut q).clone())),
                        Arc::new(move |s: &mut Story, l, value| {
                            if let Some(q) = s.view_mut(&b, scale).and_then(|v| v.quotes.get_mut(i)) {
                                let t = field(q);
                                *t = with_lang(t, l, value);
                            }
                        }),
                    )
                };
                let ((text_get, text_set), (by_get, by_set)) = (part(|q| &mut q.text), part(|q| &mut q.by));
                let (source_step, set_step, remove_step) = (step.clone(), step.clone(), step.clone());
                view! {
                    <li class="quote-edit">
                        <TextPair label=t.field_quotes path=qat.clone().field("text") get=text_get set=text_set multiline=true lang=lang />
                        <TextPair label=t.by path=qat.clone().field("by") get=by_get set=by_set lang=lang />
                        <SourceSelect path=qat.field("source")
                            current=Signal::derive(move || draft.with(|s| s.step(&source_step).and_then(|st| st.view(scale)).and_then(|v| v.quotes.get(i)).map(|q| q.source.clone()).unwrap_or_default()))
                            on_change=move |id| { let step = set_step.clone(); draft.edit(move |s| { if let Some(q) = s.view_mut(&step, scale).and_then(|v| v.quotes.get_mut(i)) { q.source = id; } }) }
                            lang=lang />
                        <button type="button" class="button small" on:click=move |_| {
                            let step = remove_step.clone();
                            draft.edit(move |s| { if let Some(v) = s.view_mut(&step, scale) { if i < v.quotes.len() { v.quotes.remove(i); } } })
                        }>{t.remove}</button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="text-list">
            <legend>{t.field_quotes}</legend>
            <ol>{items}</ol>
            <button type="button" class="button small" on:click=move |_| {
                let step = add_step.clone();
                draft.edit(move |s| {
                    if let Some(v) = s.view_mut(&step, scale) {
                        v.quotes.push(Quote { text: Text::default(), by: Text::default(), source: String::new() });
                    }
                })
            }>{t.add}</button>
        </fieldset>
    }
}

/// A choice among the draft's sources.
#[component]
fn SourceSelect(path: FieldPath, current: Signal<String>, on_change: impl Fn(String) + 'static, lang: Lang) -> impl IntoView {
    let draft = use_draft();
    let id = crate::fields::field_id(&path);
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
    view! {
        <div class="source-select">
            <label for=id.clone()>{text(lang).source}</label>
            <select id=id on:change=move |e| on_change(event_target_value(&e))>
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
