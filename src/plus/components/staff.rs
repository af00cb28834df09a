//! The kiosk's hidden staff panel: opened by holding the top bar for three seconds, then a
//! code whose SHA-256 is deployed in `/kiosk.json` (see the README). It exports the
//! visitors' answers as a contributions file and can test the "restarting" screen.

use leptos::prelude::*;
use recit_story::contribution::contributions_file;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::plus::sha256::sha256_hex;
use crate::plus::visitor_answers;

/// The staff code's hash deployed with the kiosk, if any.
async fn deployed_hash() -> Option<String> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str("/kiosk.json")).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let text = JsFuture::from(response.text().ok()?).await.ok()?.as_string()?;
    let after = &text[text.find("\"staff_code_sha256\"")? + 19..];
    let start = after.find('"')? + 1;
    let hash = &after[start..start + after[start..].find('"')?];
    (hash.len() == 64).then(|| hash.to_ascii_lowercase())
}

/// The code prompt, then the panel.
#[component]
pub fn StaffPanel(
    /// Closes the panel.
    on_close: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let unlocked = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let check = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        let entered = code.get_untracked();
        leptos::task::spawn_local(async move {
            match deployed_hash().await {
                Some(hash) if hash == sha256_hex(entered.as_bytes()) => unlocked.set(true),
                Some(_) => message.set("Code incorrect.".into()),
                None => message.set("Aucun code n'est déployé sur ce kiosque (kiosk.json).".into()),
            }
            code.set(String::new());
        });
    };
    let export = move |_| {
        let answers = visitor_answers::all();
        let date: String = js_sys::Date::new_0().to_iso_string().into();
        let file = contributions_file(
            &format!("Réponses des visiteurs du kiosque, exportées le {date}.\nÀ importer dans l'éditeur comme contributions proposées."),
            &answers,
        );
        let name = format!("kiosque-{}.toml", &date[..10]);
        message.set(match crate::dom::download(&name, &file) {
            Ok(()) => format!("{} réponse(s) exportée(s) dans {name}.", answers.len()),
            Err(_) => "L'export a échoué.".into(),
        });
    };
    view! {
        <div class="staff" role="dialog" aria-modal="true" aria-labelledby="staff-title">
            <div class="staff-box">
                <h2 id="staff-title">"Espace du personnel"</h2>
                <Show
                    when=move || unlocked.get()
                    fallback=move || view! {
                        <form on:submit=check>
                            <label for="staff-code">"Code"</label>
                            <input id="staff-code" type="password" inputmode="numeric" autocomplete="off"
                                prop:value=move || code.get() on:input=move |e| code.set(event_target_value(&e)) />
                            <button type="submit" class="button primary">"Valider"</button>
                        </form>
                    }
                >
                    <p>{move || format!("{} réponse(s) de visiteurs enregistrée(s) sur ce kiosque.", visitor_answers::all().len())}</p>
                    <button type="button" class="button primary" on:click=export>"Exporter les réponses"</button>
                    <button type="button" class="button" on:click=|_| panic!("staff test of the restarting screen")>
                        "Tester l'écran de redémarrage"
                    </button>
                </Show>
                <p role="status">{move || message.get()}</p>
                <button type="button" class="button" on:click=move |_| on_close()>"Fermer"</button>
            </div>
        </div>
    }
}
