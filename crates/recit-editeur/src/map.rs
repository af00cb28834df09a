//! The map of the story: every step × scale with its validation state, a way into each view,
//! and the steps' order, additions and deletions.

use leptos::prelude::*;
use recit_story::{edit, FieldPath, Lang, ScaleId, Story};

use crate::draft::use_draft;
use crate::route::{EditorRoute, Page};
use crate::text::text;
use recit::i18n::scale_label;

/// (errors, warnings) of the diagnostics about `at` or a field within it.
fn count(diagnostics: &[recit_story::Diagnostic], at: &FieldPath) -> (usize, usize) {
    diagnostics.iter().filter(|d| d.path.is_within(at)).fold((0, 0), |(e, w), d| if d.is_error() { (e + 1, w) } else { (e, w + 1) })
}

/// The steps in the order a reader meets them, then any the story does not reach.
fn ordered(story: &Story) -> Vec<String> {
    let mut ids: Vec<String> = story.workshop_order().iter().map(|s| s.id.clone()).collect();
    for step in &story.steps {
        if !ids.contains(&step.id) {
            ids.push(step.id.clone());
        }
    }
    ids
}

/// The story map page.
/// A structural edit of the story, and the message it leaves.
type Edit = Box<dyn FnOnce(&mut Story) -> Result<Option<String>, edit::EditError>>;

#[component]
pub fn StoryMap(route: EditorRoute) -> impl IntoView {
    let draft = use_draft();
    let lang = route.lang;
    let t = text(lang);
    let message = RwSignal::new(None::<String>);
    let ids = Memo::new(move |_| draft.with(ordered));
    view! {
        <p class="help">{t.help}</p>
        <table class="story-map">
            <thead>
                <tr>
                    <th scope="col">{t.step}</th>
                    {ScaleId::ALL.map(|s| view! { <th scope="col">{scale_label(s, lang)}</th> }).into_iter().collect_view()}
                    <th scope="col"><span class="sr-only">{t.open_view}</span></th>
                </tr>
            </thead>
            <tbody>{move || ids.get().into_iter().map(|id| view! { <StepRow id=id route=route.clone() message=message /> }).collect_view()}</tbody>
        </table>
        <p role="status" class="map-message">{move || message.get()}</p>
        <AddStep lang=lang message=message />
    }
}

/// A step's row: its place and title, its problems outside the views, a cell per scale, and
/// the buttons that move or delete it.
#[component]
fn StepRow(
    /// The step's id.
    id: String,
    /// The editor's page (for the views' links).
    route: EditorRoute,
    /// Where the outcome of a move or a deletion is said.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let draft = use_draft();
    let diagnostics = draft.diagnostics();
    let lang = route.lang;
    let t = text(lang);
    let title = {
        let id = id.clone();
        move || draft.with(|s| s.step(&id).and_then(|st| st.view(ScaleId::Commune)).map(|v| v.title.get(lang).to_string()).unwrap_or_default())
    };
    let kind = {
        let id = id.clone();
        move || {
            draft.with(|s| match s.main_index(&id) {
                Some(i) => format!("{} {}", t.step, i + 1),
                None => t.side.to_string(),
            })
        }
    };
    let step_problems = {
        let at = FieldPath::step(&id);
        move || {
            diagnostics.with(|all| {
                // The views' problems are counted in their cells.
                let own = all.iter().filter(|d| d.path.is_within(&at) && d.path.scale().is_none()).count();
                (own > 0).then(|| format!(" · {}", t.problems.replace("{n}", &own.to_string())))
            })
        }
    };
    let cells = ScaleId::ALL.map(|scale| view! { <ViewCell id=id.clone() scale=scale route=route.clone() /> });
    let act = move |f: Edit| {
        let mut outcome = Ok(None);
        draft.edit(|s| outcome = f(s));
        message.set(match outcome {
            Ok(m) => m,
            Err(e) => Some(e.to_string()),
        });
    };
    let (up, down, delete) = (id.clone(), id.clone(), id);
    view! {
        <tr>
            <th scope="row"><span class="kind">{kind}</span> " " {title} <span class="step-problems">{step_problems}</span></th>
            {cells.into_iter().collect_view()}
            <td class="row-actions">
                <button type="button" class="button small" on:click=move |_| act(Box::new({ let id = up.clone(); move |s| edit::move_step(s, &id, -1).map(|_| None) }))>{t.move_up}</button>
                <button type="button" class="button small" on:click=move |_| act(Box::new({ let id = down.clone(); move |s| edit::move_step(s, &id, 1).map(|_| None) }))>{t.move_down}</button>
                <button type="button" class="button small" on:click=move |_| {
                    if window().confirm_with_message(t.confirm_delete).unwrap_or(false) {
                        act(Box::new({ let id = delete.clone(); move |s| edit::delete_step(s, &id).map(|removed| Some(removed.join(" · "))) }));
                    }
                }>{t.delete_step}</button>
            </td>
        </tr>
    }
}

/// A view's cell: its validation state, and the way into it.
#[component]
fn ViewCell(
    /// The step's id.
    id: String,
    /// The view's scale.
    scale: ScaleId,
    /// The editor's page (for the view's link).
    route: EditorRoute,
) -> impl IntoView {
    let diagnostics = use_draft().diagnostics();
    let lang = route.lang;
    let t = text(lang);
    let at = FieldPath::view(&id, scale);
    let href = route.to(Page::View { step: id, scale });
    let state = Memo::new(move |_| diagnostics.with(|all| count(all, &at)));
    let class = move || match state.get() {
        (0, 0) => "cell ok",
        (0, _) => "cell warning",
        _ => "cell error",
    };
    view! {
        <td>
            <a href=href class=class>
                {move || match state.get() {
                    (0, 0) => format!("✓ {}", t.open_view),
                    (e, w) => format!("{} · {}", t.problems.replace("{n}", &(e + w).to_string()), t.open_view),
                }}
                <span class="sr-only">{format!(" — {}", scale_label(scale, lang))}</span>
            </a>
        </td>
    }
}

/// A new step: its French title (the id comes from it), where it goes, main or side path.
#[component]
fn AddStep(lang: Lang, message: RwSignal<Option<String>>) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let title = RwSignal::new(String::new());
    let after = RwSignal::new(String::new());
    let main = RwSignal::new(true);
    let add = move |_| {
        let title_fr = title.get_untracked();
        if title_fr.trim().is_empty() {
            return;
        }
        let mut outcome = Ok(String::new());
        draft.edit(|s| {
            let id = edit::suggest_id(s, &title_fr);
            let after = after.get_untracked();
            outcome = edit::add_step(s, &id, (!after.is_empty()).then_some(after.as_str()), main.get_untracked()).map(|_| id.clone());
            if let Some(view) = s.steps.iter_mut().find(|st| st.id == id).and_then(|st| st.views.first_mut()) {
                view.title.fr = title_fr.clone();
            }
        });
        match outcome {
            Ok(id) => {
                title.set(String::new());
                message.set(Some(format!("{}{}{id}", t.add_step, t.colon)));
            }
            Err(e) => message.set(Some(e.to_string())),
        }
    };
    view! {
        <form class="add-step" on:submit=|e| e.prevent_default()>
            <h2>{t.add_step}</h2>
            <label for="new-step-title">{t.new_title}</label>
            <input id="new-step-title" type="text" prop:value=move || title.get() on:input=move |e| title.set(event_target_value(&e)) />
            <label for="new-step-after">{t.after}</label>
            <select id="new-step-after" on:change=move |e| after.set(event_target_value(&e))>
                <option value="">"—"</option>
                {move || draft.with(|s| s.trajectory.iter().map(|id| view! { <option value=id.clone()>{id.clone()}</option> }).collect_view())}
            </select>
            <label><input type="checkbox" prop:checked=move || main.get() on:change=move |e| main.set(event_target_checked(&e)) /> " " {t.on_trajectory}</label>
            <button type="button" class="button primary" on:click=add>{t.add_step}</button>
        </form>
    }
}
