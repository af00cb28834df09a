//! Save the workbook to a file and resume from one, to move between devices. A file that
//! does not read changes nothing and says where it is wrong.

use leptos::prelude::*;
use recit_story::progress::MAX_PROGRESS_BYTES;
use recit_story::Lang;
use wasm_bindgen_futures::JsFuture;

use recit::components::import_outcome::ImportOutcome;
use crate::text::text as plus_text;
use recit::i18n::ui;
use crate::workbook::{use_workbook, FILE_NAME};

/// « Enregistrer ma progression » and « Reprendre depuis un fichier ».
#[component]
pub fn ProgressFile(
    /// The language shown.
    lang: Lang,
) -> impl IntoView {
    let workbook = use_workbook()?;
    let t = ui(lang);
    let pt = plus_text(lang);
    let outcome = RwSignal::new(None::<Result<String, Vec<String>>>);
    let input = NodeRef::<leptos::html::Input>::new();

    let on_file = move |_| {
        let Some(element) = input.get() else { return };
        let Some(file) = element.files().and_then(|files| files.get(0)) else { return };
        // The same file chosen again must fire `change` again.
        element.set_value("");
        let name = file.name();
        if file.size() > MAX_PROGRESS_BYTES as f64 {
            outcome.set(Some(Err(vec![format!("{name}: {} KB > {} KB", file.size() as u64 / 1024, MAX_PROGRESS_BYTES / 1024)])));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()).unwrap_or_default();
            match workbook.import(&text, &name) {
                Ok(()) => outcome.set(Some(Ok(t.imported.to_string()))),
                Err(problems) => outcome.set(Some(Err(problems.iter().map(recit_story::Diagnostic::one_line).collect()))),
            }
        });
    };

    Some(view! {
        <div class="progress-file">
            <button type="button" class="button" on:click=move |_| { let _ = recit::dom::download(FILE_NAME, &workbook.export()); }>
                {pt.save_progress}
            </button>
            <button type="button" class="button" on:click=move |_| {
                if let Some(element) = input.get() { element.click(); }
            }>{pt.load_progress}</button>
            <input type="file" accept=".toml,text/plain" hidden node_ref=input on:change=on_file />
            <ImportOutcome outcome=outcome.into() refused=t.import_failed />
            {move || workbook.save_failed().get().then(|| view! { <p class="refused" role="alert">{pt.storage_full}</p> })}
            {move || matches!(outcome.get(), Some(Ok(_))).then(|| workbook.position().map(|path| view! { <a href=path>{t.resume_here}</a> }))}
        </div>
    })
}
