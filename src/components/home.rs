//! The start screen: the story's promise, start at the beginning or at a chosen scale.

use leptos::prelude::*;
use recit_story::{Lang, Position, ScaleId};

use crate::components::landscape::Landscape;
use crate::components::lang_switch::LangSwitch;
use crate::i18n::{scale_label, ui};
use crate::story_data::story;

/// The start screen in `lang`.
#[component]
pub fn Home(
    /// The language of the screen.
    lang: Lang,
) -> impl IntoView {
    let t = ui(lang);
    let meta = &story().meta;
    let start = |scale| Position::start(story(), lang, scale).map(|p| p.to_path()).unwrap_or_default();
    let lang_target = Signal::derive(move || format!("/{}", crate::i18n::other(lang).code()));
    view! {
        <div class="home">
            <header class="topbar">
                <span class="brand">{meta.title.get(lang)}</span>
                <LangSwitch lang=Signal::stored(lang) href=lang_target />
            </header>
            <main id="main" class="home-main">
                <Hero lang=lang />
                <h1>{meta.title.get(lang)}</h1>
                <p class="promise">{meta.promise.get(lang)}</p>
                <a href=start(ScaleId::Commune) class="button primary">{t.start}</a>
                <p class="start-at">{t.start_at_scale}</p>
                <ul class="start-scales">
                    {ScaleId::ALL
                        .into_iter()
                        .map(|scale| {
                            let name = story().scale(scale).map(|s| s.name.get(lang)).unwrap_or_default();
                            view! {
                                <li>
                                    <a href=start(scale) class=format!("button scale-{}", scale.id())>
                                        <span class="scale-kind">{scale_label(scale, lang)}</span>
                                        <span class="scale-name">{name}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <Classroom lang=lang />
                <p class="about">{t.about}</p>
            </main>
        </div>
    }
}

/// The story's metaphor, first thing seen: the whole territory as it starts, black, and as
/// it ends, green, in one picture cut down the middle, each half named.
#[component]
fn Hero(lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let trajectory = &story().trajectory;
    let (Some(first), Some(last)) = (trajectory.first(), trajectory.last()) else { return None };
    let (first, last) = (Signal::stored(first.clone()), Signal::stored(last.clone()));
    let lang = Signal::stored(lang);
    Some(view! {
        <div class="hero">
            <Landscape step=first scale=ScaleId::Pole lang=lang />
            <Landscape step=last scale=ScaleId::Pole lang=lang />
            <p class="hero-from" aria-hidden="true">{t.hero_from}</p>
            <p class="hero-to" aria-hidden="true">{t.hero_to}</p>
        </div>
    })
}

/// For classes: the teacher's console and a pupil's tablet at the start, and a pupil's way
/// back to where they were.
#[component]
fn Classroom(lang: Lang) -> impl IntoView {
    let t = ui(lang);
    let start = Position::start(story(), lang, ScaleId::Commune).map(|p| p.to_path()).unwrap_or_default();
    let modes = crate::modes::use_modes();
    let resume = modes.resume_path();
    // Not on a public kiosk: a class's tools have nothing to do there.
    (!modes.is_kiosk()).then(|| {
        view! {
            <section class="classroom">
                <h2>{t.for_classes}</h2>
                <ul class="options">
                    {resume.map(|path| view! { <li><a href=path class="button primary">{t.resume_here}</a></li> })}
                    <li><a href=format!("{start}?atelier=enseignant") class="button">{t.teacher_console}</a></li>
                    <li><a href=format!("{start}?atelier") class="button">{t.pupil_tablet}</a></li>
                </ul>
            </section>
        }
    })
}
