//! The picture of the scales from real data: Loos-en-Gohelle among the communes of its
//! agglomeration, the agglomeration among the three of the pole, each tile sized by its
//! official population; the current scale highlighted; a tap on a tile switches scale.
//! Beside it, the report's figures (2017) and the official ones, each labelled.

use crate::history::use_nav;
use leptos::prelude::*;
use recit_story::{Lang, Position, ScaleId, SourceKind};

use crate::i18n::{number, scale_label, ui};
use crate::story_data::story;
use crate::treemap::{squarify, Rect};

/// In tenths of the drawing's unit, so that coordinates are written as whole numbers (float
/// formatting's code would be in the wasm; README, « Dependencies »).
const MAP: Rect = Rect { x: 0.0, y: 0.0, w: 1600.0, h: 1000.0 };

/// One tile of the map.
struct Tile {
    rect: Rect,
    /// A grouping's short name, written on its tile.
    label: Option<String>,
    /// The scale a tap on this tile switches to.
    scale: ScaleId,
    class: &'static str,
}

/// The pole's groupings, and inside the reader's agglomeration its communes, in the data's
/// order (largest first, which gives the squarest tiles).
fn tiles() -> Vec<Tile> {
    let story = story();
    let Some(territory) = &story.territory else { return Vec::new() };
    let code = |scale| story.scale(scale).and_then(|s| s.code.clone());
    let (home_grouping, home_commune) = (code(ScaleId::Agglomeration), code(ScaleId::Commune));
    let groupings = &territory.groupings;
    let areas = squarify(&groupings.iter().map(|g| g.population() as f64).collect::<Vec<_>>(), MAP);
    let mut tiles = Vec::new();
    for (grouping, area) in groupings.iter().zip(areas) {
        let home = Some(&grouping.code) == home_grouping.as_ref();
        tiles.push(Tile {
            rect: area.inset(6.0),
            label: (!home).then(|| short_name(&grouping.name)),
            scale: if home { ScaleId::Agglomeration } else { ScaleId::Pole },
            class: if home { "grouping home" } else { "grouping" },
        });
        if home {
            let communes = &grouping.communes;
            let rects = squarify(&communes.iter().map(|c| c.population as f64).collect::<Vec<_>>(), area.inset(22.0));
            for (commune, rect) in communes.iter().zip(rects) {
                let is_home = Some(&commune.code) == home_commune.as_ref();
                tiles.push(Tile {
                    rect: rect.inset(2.5),
                    label: None,
                    scale: if is_home { ScaleId::Commune } else { ScaleId::Agglomeration },
                    class: if is_home { "commune home" } else { "commune" },
                });
            }
        }
    }
    tiles
}

/// "CA de Béthune-Bruay, Artois-Lys Romane" → "Béthune-Bruay".
fn short_name(name: &str) -> String {
    let name = name.trim_start_matches("CA de ").trim_start_matches("CA d'").trim_start_matches("CA ");
    name.split(',').next().unwrap_or(name).trim().to_string()
}

/// The map and the figures of the three scales.
#[component]
pub fn ScaleMap(
    /// The reader's position: its scale is highlighted, a tap keeps its step.
    position: Signal<Position>,
) -> impl IntoView {
    let nav = use_nav();
    let tiles = tiles()
        .into_iter()
        .map(|tile| {
            let [x, y, w, h] = [tile.rect.x, tile.rect.y, tile.rect.w, tile.rect.h].map(|v| v.round() as i32);
            let switch = move |_| nav.go(&position.get_untracked().at_scale(tile.scale).to_path());
            let label = tile.label.map(|l| view! { <text x=x + w / 2 y=y + h / 2 text-anchor="middle">{l}</text> });
            view! { <g on:click=switch><rect class=tile.class x=x y=y width=w height=h rx="8" />{label}</g> }
        })
        .collect_view();
    let lang = move || position.get().lang;
    view! {
        <figure class="scale-map">
            // A pointer convenience beside the scale switcher, which is the accessible control.
            <svg viewBox="0 0 1600 1000" aria-hidden="true" data-scale=move || position.get().scale.id()>
                {tiles}
            </svg>
            <figcaption>
                <dl>{move || ScaleId::ALL.into_iter().map(|scale| figures(scale, lang(), position.get().scale == scale)).collect_view()}</dl>
            </figcaption>
        </figure>
    }
}

/// A scale's name with the report's population and today's, labelled apart.
fn figures(scale: ScaleId, lang: Lang, current: bool) -> impl IntoView {
    let t = ui(lang);
    let story = story();
    let s = story.scale(scale);
    let name = s.map(|s| s.name.get(lang).to_string()).unwrap_or_default();
    let report = s.map(|s| format!("{} {} · {}", number(s.population, lang), t.inhabitants, t.report_figure));
    let year = story.territory_source().and_then(|s| match &s.kind {
        SourceKind::Dataset { year, .. } => Some(*year),
        SourceKind::Report { .. } => None,
    });
    let official = story.official_population(scale).zip(year).map(|(n, year)| {
        let scope = if scale == ScaleId::Pole { t.three_agglomerations } else { "" };
        format!("{} {} · {scope}{} {year}", number(n, lang), t.inhabitants, t.official_figure)
    });
    view! {
        <div class="map-scale" class:current=current>
            <dt>
                <span class=format!("swatch swatch-{}", scale.id()) aria-hidden="true"></span>
                {scale_label(scale, lang)} " — " {name}
            </dt>
            {report.map(|r| view! { <dd class="report">{r}</dd> })}
            {official.map(|o| view! { <dd class="official">{o}</dd> })}
        </div>
    }
}
