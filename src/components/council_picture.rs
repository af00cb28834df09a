//! A picture the council gave a view (a photograph of the real place), shown in place of the
//! drawn landscape: fetched only when it comes into view, never part of the first visit's
//! files, and always with its credit, licence and who took it when.

use leptos::prelude::*;
use recit_story::{Lang, Picture};

#[component]
pub fn CouncilPicture(picture: &'static Picture, lang: Lang) -> impl IntoView {
    // The intrinsic size (read from the file at build time) keeps the room before the
    // picture arrives, so that nothing below it moves; 0 when not known.
    let size = |n: u32| (n > 0).then(|| n.to_string());
    view! {
        <figure class="council-picture">
            <img src=format!("/media/{}", picture.file) alt=picture.alt.get(lang) loading="lazy" decoding="async"
                width=size(picture.width) height=size(picture.height) />
            <figcaption>{format!("{} · {} · {}, {}", picture.credit, picture.licence, picture.by, picture.date)}</figcaption>
        </figure>
    }
}
