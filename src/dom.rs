//! Small DOM helpers: where an event happened, files to save, stylesheets to wait for.

use wasm_bindgen::JsCast;

/// The event target itself or its nearest ancestor matching `selector`.
pub fn closest(target: Option<web_sys::EventTarget>, selector: &str) -> Option<web_sys::Element> {
    target?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok()?
}

/// Offers `text` as a TOML file named `name` to save.
pub fn download(name: &str, text: &str) -> Result<(), wasm_bindgen::JsValue> {
    download_bytes(name, text.as_bytes(), "application/toml;charset=utf-8")
}

/// Offers `bytes` of type `mime` as a file named `name` to save.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Adds a stylesheet to the page, then calls `then` once it has loaded (or failed): the second
/// app's and the editor's own, which readers never download. An app starts in `then`, so that
/// its first frame is styled (the projection's large type, no flash of the reader's). At once
/// where the page links it already (a prerendered worksheet: loaded before the page showed).
pub fn with_stylesheet(href: &str, then: impl FnOnce() + 'static) {
    let document = leptos::prelude::document();
    if document.query_selector(&format!("link[href=\"{href}\"]")).ok().flatten().is_some() {
        return then();
    }
    let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) else { return then() };
    // Only one of `load` and `error` comes: the closure runs once and frees itself.
    let done = wasm_bindgen::closure::Closure::once_into_js(then);
    let _ = link.add_event_listener_with_callback("load", done.unchecked_ref());
    let _ = link.add_event_listener_with_callback("error", done.unchecked_ref());
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", href);
    let _ = head.append_child(&link);
}
