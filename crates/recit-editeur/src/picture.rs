//! A view's picture in the editor: a file attached from the device (checked by its content
//! before it joins the draft), its required fields with the validator's problems beside each,
//! its preview, and a way to take it off.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use leptos::prelude::*;
use recit_story::edit::{self, Field, Value};
use recit_story::media::{examine, media_name, sniff, Format, Refusal, MAX_MEDIA_BYTES};
use recit_story::{FieldPath, Lang, Picture, ScaleId, Story};
use wasm_bindgen_futures::JsFuture;

use crate::draft::use_draft;
use crate::fields::{field_id, Problems, TextPair};
use crate::text::text;

fn picture_of<'s>(story: &'s Story, step: &str, scale: ScaleId) -> Option<&'s Picture> {
    story.step(step)?.view(scale)?.picture.as_ref()
}

/// Why a file cannot be a picture, in the words of the validator's rules.
fn refusal_text(refusal: &Refusal) -> String {
    match refusal {
        Refusal::TooLarge(n) => format!("{n} bytes, more than the {MAX_MEDIA_BYTES} a picture may have — reduce it (1600 pixels wide is plenty)"),
        Refusal::UnknownFormat => "not a JPEG, PNG, WebP or SVG picture — export it again in one of these formats".into(),
        Refusal::UnsafeSvg { line, what } => format!("an SVG refused at line {line}: {what} — save it as plain SVG, or export it as PNG"),
    }
}

/// Where the editor shows a picture from: the draft's own bytes, or the published site's file.
fn picture_src(picture: &Picture, bytes: Option<Vec<u8>>) -> String {
    match bytes {
        Some(bytes) => {
            let mime = match sniff(&bytes) {
                Some(Format::Jpeg) => "image/jpeg",
                Some(Format::Png) => "image/png",
                Some(Format::Webp) => "image/webp",
                Some(Format::Svg) => "image/svg+xml",
                None => "application/octet-stream",
            };
            format!("data:{mime};base64,{}", BASE64.encode(bytes))
        }
        None => format!("/media/{}", picture.file),
    }
}

/// The picture as readers will see it, in the readers' preview.
pub fn picture_preview(picture: &Picture, lang: Lang) -> impl IntoView {
    let src = picture_src(picture, use_draft().media_bytes(&picture.file));
    view! {
        <figure class="council-picture">
            <img src=src alt=picture.alt.get(lang).to_string() />
            <figcaption>{format!("{} · {} · {}, {}", picture.credit, picture.licence, picture.by, picture.date)}</figcaption>
        </figure>
    }
}

/// The picture of the view of `step` at `scale`: attach, replace, describe, remove.
#[component]
pub fn PictureEdit(step: String, scale: ScaleId, lang: Lang) -> impl IntoView {
    let draft = use_draft();
    let t = text(lang);
    let at = FieldPath::view(&step, scale).field("picture");
    let input_id = field_id(&at.clone().field("file"));
    let refused = RwSignal::new(None::<String>);
    let has_step = step.clone();
    let has = Memo::new(move |_| draft.with(|s| picture_of(s, &has_step, scale).is_some()));
    let attach_step = step.clone();
    let on_file = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        attach(file, attach_step.clone(), scale, refused);
    };
    let field = |label: &'static str, path: FieldPath| view! { <PictureField label=label path=path lang=lang /> };
    let fields = view! {
        <TextPair label=t.picture_alt path=at.clone().field("alt") lang=lang />
        {field(t.picture_credit, at.clone().field("credit"))}
        {field(t.picture_licence, at.clone().field("licence"))}
        {field(t.picture_by, at.clone().field("source").field("by"))}
        {field(t.picture_date, at.clone().field("source").field("date"))}
    };
    let remove_step = step.clone();
    let remove = move |_| {
        let step = remove_step.clone();
        draft.edit(move |s| {
            if let Some(view) = s.view_mut(&step, scale) {
                view.picture = None;
            }
        });
    };
    view! {
        <fieldset class="text-list picture-edit">
            <legend>{t.picture}</legend>
            <p class="hint">{t.picture_hint}</p>
            <label for=input_id.clone()>{move || if has.get() { t.picture_replace } else { t.picture_attach }}</label>
            <input id=input_id.clone() type="file" accept="image/jpeg,image/png,image/webp,image/svg+xml,.jpg,.jpeg,.png,.webp,.svg"
                aria-describedby=format!("{input_id}-problems") on:change=on_file />
            <p role="status" class="picture-refused">{move || refused.get()}</p>
            <Problems path=at.clone().field("file") lang=lang />
            <div hidden=move || !has.get()>
                {fields}
                <button type="button" class="button small" on:click=remove>{t.picture_remove}</button>
            </div>
        </fieldset>
    }
}

/// Checks a chosen file by its content and, if it is a picture a reader may see, adds it to
/// the draft as the picture of the view of `step` at `scale`; otherwise says why in `refused`.
fn attach(file: web_sys::File, step: String, scale: ScaleId, refused: RwSignal<Option<String>>) {
    let draft = use_draft();
    let name = file.name();
    // Refused before reading: a huge file never reaches memory.
    if file.size() > MAX_MEDIA_BYTES as f64 {
        refused.set(Some(format!("{name}: {}", refusal_text(&Refusal::TooLarge(file.size() as usize)))));
        return;
    }
    leptos::task::spawn_local(async move {
        let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
            return refused.set(Some(format!("{name}: unreadable")));
        };
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let examined = match examine(&bytes) {
            Ok(examined) => examined,
            Err(why) => return refused.set(Some(format!("{name}: {}", refusal_text(&why)))),
        };
        refused.set(None);
        let file = media_name(&format!("{step}-{}", scale.id()), examined.format, &bytes);
        let (width, height) = examined.size.unwrap_or((0, 0));
        draft.add_media(vec![(file.clone(), bytes)]);
        // A replaced picture keeps what was written about the previous one.
        draft.edit(move |s| {
            if let Some(view) = s.view_mut(&step, scale) {
                let kept = view.picture.take().unwrap_or_default();
                view.picture = Some(Picture { file, width, height, ..kept });
            }
        });
    });
}

/// One of the picture's one-language fields (credit, licence, who, when), with its problems.
#[component]
fn PictureField(
    label: &'static str,
    /// The field's path, for its value, its id and its problems.
    path: FieldPath,
    lang: Lang,
) -> impl IntoView {
    let draft = use_draft();
    let id = field_id(&path);
    let (read, group) = (path.clone(), path.clone());
    view! {
        <div class="picture-field">
            <label for=id.clone()>{label}</label>
            <input id=id.clone() type="text" aria-describedby=format!("{id}-problems")
                prop:value=move || draft.with(|s| match edit::field(s, &read) { Some(Field::String(value)) => value.clone(), _ => String::new() })
                on:input=move |e| {
                    let value = event_target_value(&e);
                    draft.type_in(&group, |s| { let _ = edit::set_field(s, &group, Value::Text(value)); });
                }
                on:blur=move |_| draft.seal() />
            <Problems path=path lang=lang />
        </div>
    }
}
