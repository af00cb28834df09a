//! A QR code as SVG, for the pupils' link on the projector.

use leptos::prelude::*;
use qrcodegen::{QrCode, QrCodeEcc};

/// The QR code of `text`, with its quiet zone, drawn as one SVG path of dark modules.
#[component]
pub fn QrCodeImage(
    /// What the code holds (a URL).
    text: Signal<String>,
    /// The accessible name of the image.
    label: &'static str,
) -> impl IntoView {
    const QUIET: i32 = 4;
    move || {
        let code = QrCode::encode_text(&text.get(), QrCodeEcc::Medium).ok()?;
        let size = code.size();
        let mut path = String::new();
        for y in 0..size {
            for x in 0..size {
                if code.get_module(x, y) {
                    path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET, y + QUIET));
                }
            }
        }
        let side = size + 2 * QUIET;
        Some(view! {
            <svg class="qr-code" role="img" aria-label=label viewBox=format!("0 0 {side} {side}") shape-rendering="crispEdges">
                <rect width=side.to_string() height=side.to_string() fill="#fff" />
                <path d=path fill="#000" />
            </svg>
        })
    }
}
