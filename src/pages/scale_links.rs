//! The static page's scale switcher: the app's three boxes (`recit::components::scale_switcher`)
//! as links to the same step at each scale, which work without the app; the app replaces them
//! with its radio group when it starts. Each link has the radio's accessible name (the scale's)
//! and description (the place's).

use crate::components::scale_switcher::place;
use crate::i18n::{scale_label, ui};
use leptos::prelude::*;
use recit_story::{Position, ScaleId};

/// Links to `position`'s step at each scale, the current one marked.
#[component]
pub fn ScaleLinks(position: Position) -> impl IntoView {
    let lang = position.lang;
    let links = ScaleId::ALL
        .into_iter()
        .map(|scale| {
            let current = position.scale == scale;
            let name_id = format!("scale-{}-name", scale.id());
            let described_by = name_id.clone();
            view! {
                <a
                    class=format!("scale scale-{}", scale.id())
                    class:selected=current
                    href=position.at_scale(scale).to_path()
                    aria-current=current.then_some("page")
                    aria-label=scale_label(scale, lang)
                    aria-describedby=described_by
                >
                    <span class="scale-kind" aria-hidden="true">{scale_label(scale, lang)}</span>
                    <span class="scale-name" id=name_id>{place(scale, lang)}</span>
                </a>
            }
        })
        .collect_view();
    view! {
        <nav class="scale-switcher" data-scale=position.scale.id() aria-label=ui(lang).scale_switcher>
            <div class="scales">{links}</div>
        </nav>
    }
}
