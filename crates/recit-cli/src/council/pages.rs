//! The account pages: signing in, and accepting an invitation. Plain HTML forms made on the
//! server, in French and in English, so that they work before any app has loaded and under
//! the site's strict CSP (no script, no inline style).

use std::sync::Arc;

use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use recit::pages::escape;

use super::{Council, Refusal};

/// The account pages' language, by their address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn folder(self) -> &'static str {
        self.pick("compte", "account")
    }

    pub fn sign_in(self) -> &'static str {
        self.pick("connexion", "sign-in")
    }

    pub fn invitation(self) -> &'static str {
        "invitation"
    }

    pub fn sign_out(self) -> &'static str {
        self.pick("deconnexion", "sign-out")
    }

    fn pick(self, fr: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    fn code(self) -> &'static str {
        self.pick("fr", "en")
    }

    fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Lang, Self::Rejection> {
        Ok(if parts.uri.path().starts_with("/account/") { Lang::En } else { Lang::Fr })
    }
}

/// The site's stylesheet, as its `index.html` links it (its name changes with each build).
fn stylesheet(council: &Council) -> String {
    let html = std::fs::read_to_string(council.site.join("index.html")).unwrap_or_default();
    html.split("<link")
        .find(|tag| tag.contains("rel=stylesheet") || tag.contains("rel=\"stylesheet\""))
        .and_then(|tag| tag.split_whitespace().find_map(|a| a.strip_prefix("href=")))
        .map(|h| h.trim_matches(['"', '>']).to_string())
        .unwrap_or_default()
}

/// A page of the account forms: `title`, then `body` (HTML, escaped by the caller).
fn page(council: &Council, lang: Lang, title: &str, body: &str, status: axum::http::StatusCode) -> Response {
    let css = escape(&stylesheet(council));
    let html = format!(
        "<!doctype html><html lang={code}><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\"><title>{title} · Récit</title>\
         <link rel=stylesheet href=\"{css}\"><link rel=stylesheet href=/editor.css><body><main class=account><h1>{title}</h1>{body}</main>",
        code = lang.code(),
        title = escape(title),
    );
    (status, Html(html)).into_response()
}

/// A refusal as the form shows it, announced to screen readers.
fn alert(refusal: Option<&Refusal>, lang: Lang) -> String {
    refusal.map(|r| format!("<p class=account-error role=alert>{}</p>", escape(&r.message(lang)))).unwrap_or_default()
}

fn status(refusal: Option<&Refusal>) -> axum::http::StatusCode {
    refusal.map_or(axum::http::StatusCode::OK, Refusal::status)
}

/// The sign-in form, with what went wrong if anything did.
pub fn sign_in_form(council: &Council, lang: Lang, refusal: Option<&Refusal>, name: &str) -> Response {
    let t = |fr, en| lang.pick(fr, en);
    let body = format!(
        "{alert}<form method=post class=account-form>\
         <label>{name_label}<input name=name autocomplete=username required maxlength=60 value=\"{name}\"></label>\
         <label>{password_label}<input name=password type=password autocomplete=current-password required></label>\
         <button class=\"button primary\">{submit}</button></form>\
         <p>{ask}</p><p><a href=\"/{other_folder}/{other_page}\" lang={other_code}>{other_name}</a></p>",
        alert = alert(refusal, lang),
        name_label = t("Nom", "Name"),
        name = escape(name),
        password_label = t("Mot de passe", "Password"),
        submit = t("Se connecter", "Sign in"),
        ask = t("Pas encore de compte ? Un administrateur du conseil vous envoie une invitation.", "No account yet? An administrator of the council sends you an invitation."),
        other_folder = lang.other().folder(),
        other_page = lang.other().sign_in(),
        other_code = lang.other().code(),
        other_name = t("English", "Français"),
    );
    page(council, lang, t("Connexion au conseil", "Sign in to the council"), &body, status(refusal))
}

/// The form that accepts an invitation: a name and a password, typed twice.
pub fn invitation_form(council: &Council, lang: Lang, jeton: &str, refusal: Option<&Refusal>, name: &str) -> Response {
    let t = |fr, en| lang.pick(fr, en);
    let body = format!(
        "{alert}<p>{intro}</p><form method=post class=account-form><input type=hidden name=jeton value=\"{jeton}\">\
         <label>{name_label}<input name=name autocomplete=username required maxlength=60 value=\"{name}\"></label>\
         <label>{password_label}<input name=password type=password autocomplete=new-password required minlength={min}></label>\
         <label>{again_label}<input name=again type=password autocomplete=new-password required minlength={min}></label>\
         <button class=\"button primary\">{submit}</button></form>",
        alert = alert(refusal, lang),
        intro = t(
            "Vous êtes invité à écrire le récit avec le conseil de développement. Votre nom sera visible des autres membres.",
            "You are invited to write the story with the development council. Your name will be visible to the other members."
        ),
        jeton = escape(jeton),
        name_label = t("Votre nom", "Your name"),
        name = escape(name),
        password_label = t("Mot de passe (12 caractères au moins)", "Password (at least 12 characters)"),
        again_label = t("Le même, encore", "The same, again"),
        min = super::accounts::PASSWORD_MIN,
        submit = t("Rejoindre le conseil", "Join the council"),
    );
    page(council, lang, t("Rejoindre le conseil", "Join the council"), &body, status(refusal))
}

pub async fn sign_in_page(State(council): State<Arc<Council>>, lang: Lang) -> Response {
    sign_in_form(&council, lang, None, "")
}

/// The query of an invitation's link.
#[derive(serde::Deserialize)]
pub struct Jeton {
    #[serde(default)]
    jeton: String,
}

pub async fn invitation_page(State(council): State<Arc<Council>>, lang: Lang, Query(query): Query<Jeton>) -> Response {
    // Said at once, rather than after the form is filled in.
    let valid = match super::accounts::Token::parse(&query.jeton) {
        Some(token) => council.store.invitation(&token, super::now()).await,
        None => Ok(None),
    };
    match valid {
        Ok(Some(_)) => invitation_form(&council, lang, &query.jeton, None, ""),
        Ok(None) => invitation_form(&council, lang, &query.jeton, Some(&Refusal::Invitation), ""),
        Err(error) => invitation_form(&council, lang, &query.jeton, Some(&Refusal::Store(error)), ""),
    }
}
