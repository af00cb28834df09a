//! A step at one scale: title, text, key figures, quotes, actors, choices, branches and the
//! sources, which open the report's passage they come from.

use leptos::prelude::*;
use recit_story::{Lang, Position, Source, SourceKind, Step, Text, View};
use wasm_bindgen::JsCast;

use crate::components::reading::PlainViewText;
use crate::components::rich_text::RichText;
use crate::i18n::{number, scale_label, ui};
use crate::modes::use_modes;
use crate::passages::use_passages;
use crate::story_data::story;

/// The step at `position`, at its scale.
#[component]
pub fn StepView(
    /// The reader's position.
    position: Signal<Position>,
) -> impl IntoView {
    // The move from the previous position decides the motion: a zoom between scales (the
    // commune inside the agglomeration inside the pole), a turn between steps.
    let previous = StoredValue::new(None::<Position>);
    move || {
        let p = position.get();
        let motion = previous.with_value(|q| match q {
            Some(q) if q.step == p.step && q.scale.depth() < p.scale.depth() => "zoom-out",
            Some(q) if q.step == p.step && q.scale.depth() > p.scale.depth() => "zoom-in",
            Some(q) if q.step != p.step => "turn",
            _ => "",
        });
        previous.set_value(Some(p.clone()));
        let step = story().step(&p.step)?;
        let view = step.view(p.scale)?;
        Some(view! { <Article position=p.clone() step=step view=view motion=motion /> })
    }
}

#[component]
fn Article(position: Position, step: &'static Step, view: &'static View, motion: &'static str) -> impl IntoView {
    let lang = position.lang;
    let t = ui(lang);
    let story = story();
    let kicker = match story.main_index(&step.id) {
        Some(i) => t.step_of(i + 1, story.trajectory.len()),
        None => t.side_path.to_string(),
    };
    let scale_name = story.scale(position.scale).map(|s| s.name.get(lang)).unwrap_or_default();
    let sources = cited_sources(view);
    // In the workshop, glossary words open their definition where they first appear.
    let modes = use_modes();
    let terms = modes.marked_terms(view);
    view! {
        <article class=format!("step {motion}") data-step=step.id.clone() data-scale=position.scale.id()>
            {view.picture.as_ref().map(|p| view! { <crate::components::council_picture::CouncilPicture picture=p lang=lang /> })}
            <p class="kicker">
                <span>{kicker}</span>
                " · "
                <span class="kicker-scale">{scale_label(position.scale, lang)} " — " {scale_name}</span>
            </p>
            <h1 tabindex="-1">{view.title.get(lang)}</h1>
            {modes.view_text(position.clone(), view, terms.clone()).unwrap_or_else(|| view! { <PlainViewText position=position.clone() view=view terms=terms /> }.into_any())}
            {(!view.figures.is_empty()).then(|| view! {
                <section class="figures" aria-label=t.figures>
                    <h2>{t.figures}</h2>
                    <ul>
                        {view.figures.iter().map(|f| view! {
                            <li class="figure">
                                <span class="value">{f.approximate.then_some(if lang == Lang::Fr { "environ " } else { "about " })}{number(f.value, lang)}</span>
                                <span class="label">{f.label.get(lang)}</span>
                                <Citation source=f.source.clone() lang=lang />
                            </li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!view.quotes.is_empty()).then(|| view! {
                <section class="quotes" aria-label=t.quotes>
                    {view.quotes.iter().map(|q| view! {
                        <figure class="quote">
                            <blockquote lang=if q.text.en.is_empty() { "fr" } else { lang.code() }>
                                <p>{q.text.get(lang)}</p>
                            </blockquote>
                            <figcaption>
                                {(!q.by.is_empty()).then(|| view! { <span class="by">{q.by.get(lang)}</span> })}
                                <Citation source=q.source.clone() lang=lang />
                            </figcaption>
                        </figure>
                    }).collect_view()}
                </section>
            })}
            {(!view.actors.is_empty()).then(|| view! {
                <section class="actors">
                    <h2>{t.actors}</h2>
                    <ul>{view.actors.iter().map(|a| view! { <li>{a.get(lang)}</li> }).collect_view()}</ul>
                </section>
            })}
            <Voices position=position.clone() />
            <Choices step=step position=position.clone() />
            <SourceList sources=sources lang=lang />
        </article>
    }
}

/// « Paroles d'habitants »: the testimonies the council accepted for this view, attributed.
#[component]
fn Voices(position: Position) -> impl IntoView {
    let t = ui(position.lang);
    let voices: Vec<_> = story().accepted_contributions(&position.step, position.scale).collect();
    (!voices.is_empty()).then(|| {
        view! {
            <section class="voices">
                <h2>{t.voices}</h2>
                {voices.into_iter().map(|c| {
                    let role = (!c.role.is_empty()).then(|| format!(", {}", c.role));
                    let provenance = [c.source.as_str(), recit_story::date::day(&c.date)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
                    view! {
                        <figure class="voice">
                            <blockquote lang=c.lang.code()>
                                <RichText source=c.text.clone() position=position.clone() />
                            </blockquote>
                            <figcaption>"— " {shown_author(c, t)} {role} {(!provenance.is_empty()).then(|| format!(" ({provenance})"))}</figcaption>
                        </figure>
                    }
                }).collect_view()}
            </section>
        }
    })
}

/// A testimony's signature as its author chose: their name or pseudonym, or « Anonyme ».
fn shown_author(c: &recit_story::Contribution, t: &crate::i18n::Ui) -> String {
    use recit_story::Attribution;
    match c.attribution {
        Attribution::Name | Attribution::Pseudonym => c.author.clone(),
        Attribution::Anonymous => t.anonymous.to_string(),
    }
}

/// The choices and branches a step offers.
#[component]
fn Choices(step: &'static Step, position: Position) -> impl IntoView {
    let t = ui(position.lang);
    view! {
        {step.choices.iter().map(|c| view! {
            <section class="choice">
                <h2>{t.choices}</h2>
                <p class="prompt">{c.prompt.get(position.lang)}</p>
                {options(c.options.iter().map(|o| (o.to.as_str(), &o.label)), &position)}
            </section>
        }).collect_view()}
        {(!step.branches.is_empty()).then(|| view! {
            <section class="branches">
                <h2>{t.branches}</h2>
                {options(step.branches.iter().map(|b| (b.to.as_str(), &b.label)), &position)}
            </section>
        })}
    }
}

/// Buttons to the steps a choice's answers or a step's branches lead to.
fn options<'s>(targets: impl Iterator<Item = (&'s str, &'s Text)>, position: &Position) -> impl IntoView {
    let items = targets.map(|(to, label)| view! { <li><a href=position.at_step(to).to_path() class="button option">{label.get(position.lang).to_string()}</a></li> }).collect_view();
    view! { <ul class="options">{items}</ul> }
}

/// The sources cited by a view's figures and quotes, each once, in order of citation.
pub fn cited_sources(view: &'static View) -> Vec<&'static Source> {
    let mut sources: Vec<&'static Source> = Vec::new();
    for id in view.figures.iter().map(|f| &f.source).chain(view.quotes.iter().map(|q| &q.source)) {
        if let Some(source) = story().source(id).filter(|s| !sources.iter().any(|seen| seen.id == s.id)) {
            sources.push(source);
        }
    }
    sources
}

fn source_anchor(id: &str) -> String {
    format!("source-{id}")
}

/// A link to the cited source's passage below, which opens it.
#[component]
fn Citation(source: String, lang: Lang) -> impl IntoView {
    let Some(found) = story().source(&source) else { return ().into_any() };
    let kind = match &found.kind {
        SourceKind::Report { .. } => ui(lang).report_figure.to_string(),
        SourceKind::Dataset { publisher, year, .. } => format!("{publisher}, {year}"),
    };
    let anchor = source_anchor(&source);
    let href = format!("#{anchor}");
    // A link to the source's disclosure, which it also opens (without the app, it scrolls there).
    let open = move |ev: web_sys::MouseEvent| {
        let Some(details) = document().get_element_by_id(&anchor) else { return };
        ev.prevent_default();
        let _ = details.set_attribute("open", "");
        if let Some(summary) = details.query_selector("summary").ok().flatten().and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = summary.focus();
        }
    };
    view! {
        <a class="cite" href=href on:click=open aria-label=format!("{}{}{}", ui(lang).sources, ui(lang).colon, found.title.get(lang))>
            <span class="cite-kind">{kind}</span>
        </a>
    }
    .into_any()
}

/// The sources of a view, each a disclosure with its passage.
#[component]
fn SourceList(sources: Vec<&'static Source>, lang: Lang) -> impl IntoView {
    let t = ui(lang);
    (!sources.is_empty()).then(|| {
        view! {
            <section class="sources">
                <h2>{t.sources}</h2>
                <ul>
                    {sources.into_iter().map(|s| view! {
                        <li>
                            // The plain reader fetches the passages when a source is first opened.
                            <details id=source_anchor(&s.id) on:toggle=move |_| use_passages().load()>
                                <summary>{s.title.get(lang)}</summary>
                                {match &s.kind {
                                    SourceKind::Report { ocr_lines, passage } => view! {
                                        <div class="passage">
                                            <p class="from">{t.from_report} {ocr_lines.map(|(a, b)| format!(" ({} {a}–{b})", t.lines))}</p>
                                            <Passage source=s.id.clone() embedded=passage lang=lang />
                                        </div>
                                    }.into_any(),
                                    SourceKind::Dataset { publisher, version, year, licence, url } => view! {
                                        <p class="dataset">{format!("{publisher} · version {version} · {year} · {licence}")} <br/> <span class="url">{url.clone()}</span></p>
                                    }.into_any(),
                                }}
                            </details>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// A source's passage: embedded in the story, or fetched (see [`crate::passages`]).
#[component]
fn Passage(source: String, embedded: &'static Text, lang: Lang) -> impl IntoView {
    let passages = use_passages();
    let t = ui(lang);
    move || {
        let text = if embedded.is_empty() { passages.get(&source) } else { Ok(Some(embedded.clone())) };
        match text {
            Ok(Some(text)) => view! { <blockquote lang=if text.en.is_empty() { "fr" } else { lang.code() }><p>{text.get(lang).to_string()}</p></blockquote> }.into_any(),
            Ok(None) => view! { <p class="loading">{t.loading}</p> }.into_any(),
            Err(crate::on_demand::Unavailable) => view! { <p class="unavailable">{t.passage_unavailable}</p> }.into_any(),
        }
    }
}
