//! A file imported: the file chosen read whole, then what the import did, a line saying it
//! worked or every problem, located, and the promise that nothing changed. Shared by the
//! pupils' progress files and the council's editor.

use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// What an import did: `Ok(message)` or `Err(problems)`.
pub type Outcome = Result<String, Vec<String>>;

/// Imports the file chosen in `input` (for its `change` event): a file larger than
/// `max_bytes` is refused unread, so that a huge file never reaches memory; another is read
/// whole, and `import` makes an outcome of its name and bytes. `outcome` is cleared at once:
/// the one shown is always this file's, never the last one's while this one is read.
pub fn import_chosen_file(input: NodeRef<leptos::html::Input>, outcome: RwSignal<Option<Outcome>>, max_bytes: usize, import: impl FnOnce(&str, Vec<u8>) -> Outcome + 'static) {
    let Some(element) = input.get() else { return };
    let Some(file) = element.files().and_then(|files| files.get(0)) else { return };
    // The same file chosen again must fire `change` again.
    element.set_value("");
    outcome.set(None);
    let name = file.name();
    if file.size() > max_bytes as f64 {
        outcome.set(Some(Err(vec![format!("{name}: {} bytes, more than the {max_bytes} an import accepts", file.size() as u64)])));
        return;
    }
    leptos::task::spawn_local(async move {
        let read = JsFuture::from(file.array_buffer()).await;
        outcome.set(Some(match read {
            Ok(buffer) => import(&name, js_sys::Uint8Array::new(&buffer).to_vec()),
            Err(_) => Err(vec![format!("{name}: unreadable")]),
        }));
    });
}

/// The outcome of the last import, if any.
#[component]
pub fn ImportOutcome(
    /// The last import's outcome.
    outcome: Signal<Option<Outcome>>,
    /// The sentence that says a refused file changed nothing.
    refused: &'static str,
) -> impl IntoView {
    view! {
        <div class="import-outcome" role="status">
            {move || outcome.get().map(|o| match o {
                Ok(message) => view! { <p class="ok">{message}</p> }.into_any(),
                Err(problems) => view! {
                    <div class="refused">
                        <p>{refused}</p>
                        <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
            })}
        </div>
    }
}
