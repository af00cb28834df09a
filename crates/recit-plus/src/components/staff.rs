//! The kiosk's hidden staff panel: opened by holding the top bar for three seconds, then a
//! code whose salted PBKDF2 hash is deployed in `/kiosk.json` (see the README and
//! `plus::deployment`). After three wrong codes each try waits longer. It exports the
//! visitors' answers as a contributions file and can test the "restarting" screen.

use leptos::prelude::*;
use recit_story::contribution::contributions_file;
use wasm_bindgen_futures::JsFuture;

use crate::deployment;
use crate::kiosk::WrongTries;
use crate::visitor_answers;
use recit::storage;

const WRONG_TRIES_KEY: &str = "recit.staff.wrong-tries";

fn stored_wrong_tries() -> WrongTries {
    storage::get(WRONG_TRIES_KEY).map_or_else(WrongTries::default, |t| WrongTries::from_stored(&t))
}

fn store_wrong_tries(tries: WrongTries) {
    if tries == WrongTries::default() {
        storage::remove(WRONG_TRIES_KEY);
    } else {
        let _ = storage::set(WRONG_TRIES_KEY, &tries.to_stored());
    }
}

/// Lets the browser paint « Vérification… » before the slow check blocks the page.
async fn next_paint() {
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 50);
    });
    let _ = JsFuture::from(wait).await;
}

/// The code prompt, then the panel.
#[component]
pub fn StaffPanel(
    /// Closes the panel.
    on_close: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let unlocked = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    view! {
        <div class="staff" role="dialog" aria-modal="true" aria-labelledby="staff-title">
            <div class="staff-box">
                <h2 id="staff-title">"Espace du personnel"</h2>
                <Show when=move || unlocked.get() fallback=move || view! { <StaffCode unlocked=unlocked message=message /> }>
                    <StaffTools message=message />
                </Show>
                <p role="status">{move || message.get()}</p>
                <button type="button" class="button" on:click=move |_| on_close()>"Fermer"</button>
            </div>
        </div>
    }
}

/// The staff code's form: checked against the deployed hash; after three wrong codes each try
/// waits longer (kept across reloads).
#[component]
fn StaffCode(
    /// Set once the right code is entered.
    unlocked: RwSignal<bool>,
    /// Where the check's outcome is said.
    message: RwSignal<String>,
) -> impl IntoView {
    let code = RwSignal::new(String::new());
    let checking = RwSignal::new(false);
    let wrong_tries = RwSignal::new(stored_wrong_tries());
    let clock = RwSignal::new(js_sys::Date::now());
    let tick = set_interval_with_handle(move || clock.set(js_sys::Date::now()), std::time::Duration::from_millis(500)).ok();
    on_cleanup(move || {
        if let Some(tick) = tick {
            tick.clear();
        }
    });
    let seconds_left = move || wrong_tries.get().seconds_left(clock.get());
    let cannot_try = move || checking.get() || seconds_left() > 0;
    let check = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        if checking.get_untracked() || wrong_tries.get_untracked().seconds_left(js_sys::Date::now()) > 0 {
            return;
        }
        let entered = code.get_untracked();
        checking.set(true);
        message.set("Vérification…".into());
        leptos::task::spawn_local(async move {
            let deployed = deployment::load().await;
            next_paint().await;
            match deployed.map(|d| d.staff_code) {
                Ok(Some(staff_code)) if staff_code.verify(&entered) => {
                    store_wrong_tries(WrongTries::default());
                    wrong_tries.set(WrongTries::default());
                    message.set(String::new());
                    unlocked.set(true);
                }
                Ok(Some(_)) => {
                    let now = js_sys::Date::now();
                    let tries = wrong_tries.get_untracked().after_wrong(now);
                    store_wrong_tries(tries);
                    // The clock's tick stood still during the slow check: the wait counts from now.
                    clock.set(now);
                    wrong_tries.set(tries);
                    message.set("Code incorrect.".into());
                }
                Ok(None) => message.set("Aucun code n'est déployé sur ce kiosque (kiosk.json, voir le README).".into()),
                Err(e) => message.set(format!("kiosk.json est illisible\u{A0}: {e}.")),
            }
            code.set(String::new());
            checking.set(false);
        });
    };
    view! {
        <form on:submit=check>
            <label for="staff-code">"Code"</label>
            <input id="staff-code" type="password" autocomplete="off" aria-describedby="staff-wait"
                disabled=cannot_try
                prop:value=move || code.get() on:input=move |e| code.set(event_target_value(&e)) />
            <button type="submit" class="button primary" disabled=cannot_try>"Valider"</button>
            <p id="staff-wait" class="hint">
                {move || match seconds_left() {
                    0 => String::new(),
                    n => format!("Trop d'essais\u{A0}: nouvel essai possible dans {n} s."),
                }}
            </p>
        </form>
    }
}

/// What staff can do: export the visitors' answers, test the « restarting » screen.
#[component]
fn StaffTools(
    /// Where the export's outcome is said.
    message: RwSignal<String>,
) -> impl IntoView {
    let export = move |_| {
        let answers = visitor_answers::all();
        let date: String = js_sys::Date::new_0().to_iso_string().into();
        let file = contributions_file(&format!("Réponses des visiteurs du kiosque, exportées le {date}.\nÀ importer dans l'éditeur comme contributions proposées."), &answers);
        let name = format!("kiosque-{}.toml", recit_story::date::day(&date));
        message.set(match recit::dom::download(&name, &file) {
            Ok(()) => format!("{} réponse(s) exportée(s) dans {name}.", answers.len()),
            Err(_) => "L'export a échoué.".into(),
        });
    };
    view! {
        <p>{move || format!("{} réponse(s) de visiteurs enregistrée(s) sur ce kiosque.", visitor_answers::all().len())}</p>
        <button type="button" class="button primary" on:click=export>"Exporter les réponses"</button>
        <button type="button" class="button" on:click=|_| panic!("staff test of the restarting screen")>
            "Tester l'écran de redémarrage"
        </button>
    }
}
