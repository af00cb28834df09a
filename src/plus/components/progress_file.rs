//! Save the workbook to a file and resume from one, to move between devices. A file that
//! does not read changes nothing and says where it is wrong.

use leptos::prelude::*;
use recit_story::progress::MAX_PROGRESS_BYTES;
use recit_story::Lang;
use wasm_bindgen_futures::JsFuture;

use crate::i18n::ui;
use crate::plus::workbook::{use_workbook, FILE_NAME};

/// What the last import did.
#[derive(Clone)]
enum Outcome {
    Imported,
    Refused(Vec<String>),
}

/// « Enregistrer ma progression » and « Reprendre depuis un fichier ».
#[component]
pub fn ProgressFile(
    /// The language shown.
    lang: Lang,
) -> impl IntoView {
    let workbook = use_workbook()?;
    let t = ui(lang);
    let outcome = RwSignal::new(None::<Outcome>);
    let input = NodeRef::<leptos::html::Input>::new();

    let on_file = move |_| {
        let Some(element) = input.get() else { return };
        let Some(file) = element.files().and_then(|files| files.get(0)) else { return };
        // The same file chosen again must fire `change` again.
        element.set_value("");
        let name = file.name();
        if file.size() > MAX_PROGRESS_BYTES as f64 {
            outcome.set(Some(Outcome::Refused(vec![format!("{name} : {} Ko > {} Ko", file.size() as u64 / 1024, MAX_PROGRESS_BYTES / 1024)])));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
            match workbook.import(&text, &name) {
                Ok(()) => outcome.set(Some(Outcome::Imported)),
                Err(problems) => outcome.set(Some(Outcome::Refused(problems.iter().map(located).collect()))),
            }
        });
    };

    Some(view! {
        <div class="progress-file">
            <button type="button" class="button" on:click=move |_| { let _ = crate::dom::download(FILE_NAME, &workbook.export()); }>
                {t.save_progress}
            </button>
            <button type="button" class="button" on:click=move |_| {
                if let Some(element) = input.get() { element.click(); }
            }>{t.load_progress}</button>
            <input type="file" accept=".toml,text/plain" hidden node_ref=input on:change=on_file />
            <div class="import-outcome" role="status">
                {move || outcome.get().map(|o| match o {
                    Outcome::Imported => view! {
                        <p class="ok">{t.imported} " "
                            {workbook.position().map(|path| view! { <a href=path>{t.resume_here}</a> })}
                        </p>
                    }.into_any(),
                    Outcome::Refused(problems) => view! {
                        <div class="refused">
                            <p>{t.import_failed}</p>
                            <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                        </div>
                    }.into_any(),
                })}
            </div>
        </div>
    })
}

/// A problem with its place, what is wrong and how to fix it, on one line.
fn located(d: &recit_story::Diagnostic) -> String {
    let at = d.loc.as_ref().map(|l| format!("{l} : ")).unwrap_or_default();
    format!("{at}{} — {}", d.message, d.help)
}
