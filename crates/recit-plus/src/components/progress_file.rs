//! Save the workbook to a file and resume from one, to move between devices. A file that
//! does not read changes nothing and says where it is wrong.

use leptos::prelude::*;
use recit_story::progress::MAX_PROGRESS_BYTES;
use recit_story::Lang;

use crate::text::text as plus_text;
use crate::workbook::{use_workbook, FILE_NAME};
use recit::components::import_outcome::{import_chosen_file, ImportOutcome, Outcome};
use recit::i18n::ui;

/// « Enregistrer ma progression » and « Reprendre depuis un fichier ».
#[component]
pub fn ProgressFile(
    /// The language shown.
    lang: Lang,
) -> impl IntoView {
    let workbook = use_workbook()?;
    let t = ui(lang);
    let pt = plus_text(lang);
    let outcome = RwSignal::new(None::<Outcome>);
    let input = NodeRef::<leptos::html::Input>::new();

    let on_file = move |_| {
        import_chosen_file(input, outcome, MAX_PROGRESS_BYTES, move |name, bytes| match workbook.import(&String::from_utf8_lossy(&bytes), name) {
            Ok(()) => Ok(t.imported.to_string()),
            Err(problems) => Err(problems.iter().map(recit_story::Diagnostic::one_line).collect()),
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
            {move || workbook.refused().with(Option::is_some).then(|| view! { <p class="refused" role="alert">{pt.storage_full}</p> })}
            {move || matches!(outcome.get(), Some(Ok(_))).then(|| workbook.position().map(|path| view! { <a href=path>{t.resume_here}</a> }))}
        </div>
    })
}
