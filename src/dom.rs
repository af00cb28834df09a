//! Small DOM helpers: where an event happened, files to save, stylesheets to add.

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

/// Adds a stylesheet to the page: the second app's and the editor's own, which readers never
/// download. Once: a prerendered worksheet links it already.
pub fn add_stylesheet(href: &str) {
    let document = leptos::prelude::document();
    if document.query_selector(&format!("link[href=\"{href}\"]")).ok().flatten().is_some() {
        return;
    }
    if let (Ok(link), Some(head)) = (document.create_element("link"), document.head()) {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", href);
        let _ = head.append_child(&link);
    }
}
