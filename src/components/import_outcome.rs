//! What an import did: a line saying it worked, or every problem, located, and the promise
//! that nothing changed. Shared by the pupils' progress files and the council's editor.

use leptos::prelude::*;

/// The outcome of the last import, if any: `Ok(message)` or `Err(problems)`.
#[component]
pub fn ImportOutcome(
    /// The last import's outcome.
    outcome: Signal<Option<Result<String, Vec<String>>>>,
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
