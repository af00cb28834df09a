//! Testimonies and visitors' answers: attached to a step and a scale, with their provenance,
//! moderated (proposed, accepted, rejected). Conflicts from an imported file are settled here.

use leptos::prelude::*;
use recit_story::contribution::{resolve, Attribution, Conflict, Contribution, Status};
use recit_story::{Lang, ScaleId, Story};

use crate::draft::use_draft;
use crate::fields::{field_id, Problems};
use crate::text::text;
use recit::i18n::scale_label;

/// The contributions that an import found in conflict with the draft, until settled.
#[derive(Clone, Copy)]
pub struct Conflicts(pub RwSignal<Vec<Conflict>>);

fn contribution_mut<'s>(story: &'s mut Story, id: &str) -> Option<&'s mut Contribution> {
    story.contributions.iter_mut().find(|c| c.id == id)
}

fn attribution_name(attribution: Attribution, lang: Lang) -> &'static str {
    let t = text(lang);
    match attribution {
        Attribution::Name => t.by_name,
        Attribution::Pseudonym => t.by_pseudonym,
        Attribution::Anonymous => t.anonymous,
    }
}

fn status_name(status: Status, lang: Lang) -> &'static str {
    let t = text(lang);
    match status {
        Status::Proposed => t.proposed,
        Status::Accepted => t.accepted,
        Status::Rejected => t.rejected,
    }
}

/// The contributions page.
#[component]
pub fn ContributionsPage(lang: Lang) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let ids = Memo::new(move |_| draft.with(|s| s.contributions.iter().map(|c| c.id.clone()).collect::<Vec<_>>()));
    let add = move |_| {
        let now = js_sys::Date::new_0();
        let date: String = now.to_iso_string().into();
        draft.edit(|s| {
            let step = s.start().unwrap_or_default().to_string();
            s.contributions.push(Contribution {
                id: format!("conseil-{}", now.get_time() as u64),
                step,
                scale: ScaleId::Commune,
                lang,
                date: recit_story::date::day(&date).to_string(),
                author: String::new(),
                // Nobody is named until they chose to be, and agreed.
                attribution: Attribution::Anonymous,
                consent: None,
                role: String::new(),
                source: String::new(),
                status: Status::Proposed,
                text: String::new(),
                origin: "conseil".into(),
            });
            s.sort_contributions();
        });
    };
    view! {
        <ConflictList lang=lang />
        <button type="button" class="button primary" on:click=add>{t.testimony}</button>
        <ul class="contributions">
            {move || ids.get().into_iter().map(|id| view! { <ContributionCard id=id lang=lang /> }).collect_view()}
        </ul>
    }
}

/// One contribution, every field editable, its problems beside.
#[component]
fn ContributionCard(id: String, lang: Lang) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let at = recit_story::contribution::contribution_path(&id, 0);
    let get = {
        let id = id.clone();
        move |f: fn(&Contribution) -> String| {
            let id = id.clone();
            move || draft.with(|s| s.contributions.iter().find(|c| c.id == id).map(f).unwrap_or_default())
        }
    };
    let set = {
        let (id, at) = (id.clone(), at.clone());
        move |field: &'static str, f: fn(&mut Contribution, String)| {
            let (id, group) = (id.clone(), at.clone().field(field));
            move |e: leptos::ev::Event| {
                let value = event_target_value(&e);
                let id = id.clone();
                draft.type_in(&group, move |s| {
                    if let Some(c) = contribution_mut(s, &id) {
                        f(c, value)
                    }
                });
            }
        }
    };
    let line = |label: &'static str, field: &'static str, read: fn(&Contribution) -> String, write: fn(&mut Contribution, String)| {
        let path = at.clone().field(field);
        let input_id = field_id(&path);
        view! {
            <div class="field">
                <label for=input_id.clone()>{label}</label>
                <input id=input_id type="text" prop:value=get(read) on:input=set(field, write) on:blur=move |_| draft.seal() />
                <Problems path=path lang=lang />
            </div>
        }
    };
    let choice = |label: &'static str, field: &'static str, options: Vec<(String, String)>, read: fn(&Contribution) -> String, write: fn(&mut Contribution, String)| {
        let path = at.clone().field(field);
        let select_id = field_id(&path);
        let current = get(read);
        view! {
            <div class="field">
                <label for=select_id.clone()>{label}</label>
                <select id=select_id on:change=set(field, write)>
                    {options.into_iter().map(|(value, name)| {
                        let (v, current) = (value.clone(), current.clone());
                        view! { <option value=value selected=move || current() == v>{name}</option> }
                    }).collect_view()}
                </select>
                <Problems path=path lang=lang />
            </div>
        }
    };
    let attributions = Attribution::ALL.iter().map(|a| (a.id().to_string(), attribution_name(*a, lang).to_string())).collect();
    let statuses = Status::ALL.iter().map(|s| (s.id().to_string(), status_name(*s, lang).to_string())).collect();
    let scales = ScaleId::ALL.iter().map(|s| (s.id().to_string(), scale_label(*s, lang).to_string())).collect();
    let langs = Lang::ALL.iter().map(|l| (l.code().to_string(), l.code().to_string())).collect();
    let steps = draft.with_untracked_steps();
    let text_path = at.clone().field("text");
    let text_id = field_id(&text_path);
    let remove_id = id.clone();
    view! {
        <li class="contribution-card" data-id=id.clone()>
            <h2 class="card-title">{id.clone()}</h2>
            {choice(t.status, "status", statuses, |c| c.status.id().to_string(), |c, v| if let Some(s) = Status::from_id(&v) { c.status = s })}
            {choice(t.step, "step", steps, |c| c.step.clone(), |c, v| c.step = v)}
            {choice(t.scale, "scale", scales, |c| c.scale.id().to_string(), |c, v| if let Some(s) = ScaleId::from_id(&v) { c.scale = s })}
            {choice(t.language, "lang", langs, |c| c.lang.code().to_string(), |c, v| if let Some(l) = Lang::from_code(&v) { c.lang = l })}
            {line(t.author, "author", |c| c.author.clone(), |c, v| c.author = v)}
            {choice(t.attribution, "attribution", attributions, |c| c.attribution.id().to_string(), |c, v| if let Some(a) = Attribution::from_id(&v) { c.attribution = a })}
            {line(t.consent, "consent", |c| c.consent.clone().unwrap_or_default(), |c, v| c.consent = (!v.trim().is_empty()).then(|| v.trim().to_string()))}
            {line(t.role, "role", |c| c.role.clone(), |c, v| c.role = v)}
            {line(t.date, "date", |c| c.date.clone(), |c, v| c.date = v)}
            {line(t.collected, "source", |c| c.source.clone(), |c, v| c.source = v)}
            <div class="field">
                <label for=text_id.clone()>{t.text}</label>
                <textarea id=text_id rows="4" prop:value=get(|c| c.text.clone()) on:input=set("text", |c, v| c.text = v) on:blur=move |_| draft.seal()></textarea>
                <Problems path=text_path lang=lang />
            </div>
            <button type="button" class="button small" on:click=move |_| {
                let id = remove_id.clone();
                draft.edit(move |s| s.contributions.retain(|c| c.id != id));
            }>{t.remove}</button>
        </li>
    }
}

/// An imported file's contributions that differ from the draft's, side by side.
#[component]
fn ConflictList(lang: Lang) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let Conflicts(conflicts) = expect_context::<Conflicts>();
    let settle = move |id: String, choice: Contribution| {
        draft.edit(|s| resolve(&mut s.contributions, choice));
        conflicts.update(|list| list.retain(|c| c.mine.id != id));
    };
    move || {
        let list = conflicts.get();
        (!list.is_empty()).then(|| {
            view! {
                <section class="conflicts" aria-labelledby="conflicts-title">
                    <h2 id="conflicts-title">{t.conflicts}</h2>
                    {list.into_iter().map(|c| {
                        let (id, mine, theirs) = (c.mine.id.clone(), c.mine.clone(), c.theirs.clone());
                        let (id2, shown, heading) = (id.clone(), id.clone(), id.clone());
                        view! {
                            <div class="conflict" data-id=shown>
                                <h3>{heading}</h3>
                                <div class="sides">
                                    <Side title=t.mine c=c.mine.clone() lang=lang />
                                    <Side title=t.theirs c=c.theirs.clone() lang=lang />
                                </div>
                                <button type="button" class="button" on:click=move |_| settle(id.clone(), mine.clone())>{t.keep_mine}</button>
                                " "
                                <button type="button" class="button" on:click=move |_| settle(id2.clone(), theirs.clone())>{t.take_theirs}</button>
                            </div>
                        }
                    }).collect_view()}
                </section>
            }
        })
    }
}

/// One side of a conflict, as text.
#[component]
fn Side(title: &'static str, c: Contribution, lang: Lang) -> impl IntoView {
    let t = text(lang);
    view! {
        <div class="side">
            <h4>{title}</h4>
            <dl>
                <dt>{t.status}</dt><dd>{status_name(c.status, lang)}</dd>
                <dt>{t.step}</dt><dd>{c.step} " · " {scale_label(c.scale, lang)}</dd>
                <dt>{t.author}</dt><dd>{c.author} {(!c.role.is_empty()).then(|| format!(" ({})", c.role))}</dd>
                <dt>{t.date}</dt><dd>{c.date}</dd>
                <dt>{t.text}</dt><dd class="side-text">{c.text}</dd>
            </dl>
        </div>
    }
}
