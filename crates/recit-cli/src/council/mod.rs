//! The council's part of `recit serve`: members, their roles and their sessions. Present only
//! where the server was given a place to keep them (`--data DIR` or `DATABASE_URL`); the site
//! works without it as it always has.
//!
//! One router with the council as its state; the signed-in member is an extractor
//! ([`Member`]), every write checks their role on the server ([`Member::may`]), and every
//! refusal becomes a response in one place ([`Refusal`]).

pub mod accounts;
pub mod draft;
mod pages;
pub mod store;

use std::net::{IpAddr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::{ConnectInfo, DefaultBodyLimit, FromRequestParts, Path, State};
use axum::http::header::{CACHE_CONTROL, HOST, ORIGIN, RETRY_AFTER, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, patch, post};
use axum::{Form, Json, Router};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};

use accounts::{Role, Token};
pub use store::{Location, Store, StoreError};

/// How long a session lasts without signing in again.
const SESSION_DAYS: i64 = 30;
/// How long the first administrator's link is valid.
const FIRST_LINK_HOURS: i64 = 24;
/// The longest an administrator may make an invitation last.
const INVITATION_DAYS_MAX: i64 = 30;
/// The largest request body a council route reads: a form or a small JSON object.
const BODY_MAX: usize = 16 * 1024;
/// The session cookie's name.
const COOKIE: &str = "recit_session";

/// The council: its store, its shared draft and the limits on sign-in attempts.
pub struct Council {
    store: Store,
    /// The shared draft; `None` where the server has no story to start it from.
    draft: Option<Arc<draft::Draft>>,
    /// The site's folder, whose stylesheet the account pages use.
    site: PathBuf,
    /// Sign-in attempts per member name and per address: a guess a minute, after a few.
    by_name: DefaultKeyedRateLimiter<String>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
}

impl Council {
    /// The council of `store`, serving the site `site`, whose draft starts as `seed` (the
    /// published story) where the store has none yet.
    pub async fn open(store: Store, site: PathBuf, seed: Option<&recit_story::Story>) -> Result<Arc<Council>, StoreError> {
        let quota = |every: u64, burst: u32| Quota::with_period(Duration::from_secs(every)).expect("a period").allow_burst(NonZeroU32::new(burst).expect("a burst"));
        let draft = Some(Arc::new(draft::Draft::open(&store, seed).await?));
        Ok(Arc::new(Council { store, draft, site, by_name: DefaultKeyedRateLimiter::keyed(quota(60, 5)), by_address: DefaultKeyedRateLimiter::keyed(quota(10, 20)) }))
    }

    /// Where the store is PostgreSQL: follows the other servers on it (their draft's updates,
    /// their members' changes).
    pub async fn follow(self: Arc<Council>, url: String) {
        draft::follow(self, url).await
    }

    /// Ends every live connection: the server stops.
    pub fn close(&self) {
        if let Some(draft) = &self.draft {
            draft.close();
        }
    }

    /// Members changed (a removal, a role, a sign-out): open connections check their session,
    /// here and on the other servers of the database.
    async fn members_changed(&self) {
        if let Some(draft) = &self.draft {
            draft.members_changed();
        }
        let _ = self.store.say_members_changed().await;
    }

    /// Says, where the server starts, that the council's part is on; with no member yet,
    /// makes an invitation for the first administrator, whose link is printed (as Jupyter
    /// prints its token) for whoever started the server.
    pub async fn announce(&self, addr: SocketAddr) -> Result<(), StoreError> {
        let members = self.store.member_count().await?;
        if members > 0 {
            say(&format!("council: {members} member(s), who sign in at http://{addr}/compte/connexion"));
            return Ok(());
        }
        let token = Token::random();
        self.store.add_invitation(&token, Role::Administrateur, now() + FIRST_LINK_HOURS * 3600).await?;
        let host = if addr.ip().is_unspecified() { SocketAddr::new(IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), addr.port()) } else { addr };
        say(&format!("no member yet: the first administrator opens, within {FIRST_LINK_HOURS} hours, once: http://{host}/compte/invitation?jeton={}", token.secret()));
        Ok(())
    }

    /// Forgets what has expired, every few minutes, while the server runs.
    pub async fn tidy(self: Arc<Council>) {
        loop {
            tokio::time::sleep(Duration::from_secs(300)).await;
            let _ = self.store.forget_expired(now()).await;
            self.by_name.retain_recent();
            self.by_address.retain_recent();
        }
    }

    /// Whether `address` may try a sign-in or an invitation now; if not, in how many seconds.
    fn address_may_try(&self, address: IpAddr) -> Result<(), Refusal> {
        self.by_address.check_key(&address).map_err(too_many)
    }

    /// Whether `name` and `address` may try to sign in now; if not, in how many seconds.
    fn may_try(&self, name: &str, address: IpAddr) -> Result<(), Refusal> {
        self.address_may_try(address)?;
        self.by_name.check_key(&name.to_lowercase()).map_err(too_many)
    }
}

/// A line on standard output; nobody reading it (a closed pipe) must not stop the server.
fn say(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{line}");
}

/// A limiter's refusal, with the seconds until the next attempt is allowed.
fn too_many(not_until: governor::NotUntil<governor::clock::QuantaInstant>) -> Refusal {
    Refusal::TooManyAttempts(not_until.wait_time_from(DefaultClock::default().now()).as_secs() + 1)
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// The council's routes: the account pages (French under `/compte`, English under
/// `/account`) and the API the editor calls (`/api`).
pub fn router(council: Arc<Council>) -> Router {
    let mut router = Router::new()
        .route("/api/moi", get(me))
        .route("/api/brouillon", get(draft::join))
        .route("/api/invitations", post(invite))
        .route("/api/membres", get(members))
        .route("/api/membres/{id}", patch(change_role).delete(remove));
    for lang in pages::Lang::ALL {
        let at = |page| format!("/{}/{page}", lang.folder());
        router = router
            .route(&at(lang.sign_in()), get(pages::sign_in_page).post(sign_in))
            .route(&at(lang.invitation()), get(pages::invitation_page).post(accept))
            .route(&at(lang.sign_out()), post(sign_out));
    }
    // Nothing of a member's is kept by a cache, the site's service worker included (web/sw.js).
    let never_kept = tower_http::set_header::SetResponseHeaderLayer::overriding(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    router.layer(DefaultBodyLimit::max(BODY_MAX)).layer(middleware::from_fn(same_origin)).layer(never_kept).with_state(council)
}

/// A write must come from a page of this site: with `SameSite=Strict` cookies, a form on
/// another site cannot act as a member; this refuses it before it is read, all the same.
async fn same_origin(request: axum::extract::Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD && !from_this_site(request.headers()) {
        return Refusal::OtherSite.into_response();
    }
    next.run(request).await
}

/// Whether a request comes from a page of this site. A browser says so in `Sec-Fetch-Site`,
/// which it sends even where the page's referrer policy (`no-referrer`, ours) makes a form's
/// `Origin` « null »; another client is judged by its `Origin`, if it sends one.
fn from_this_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return site == "same-origin";
    }
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    headers.get(ORIGIN).and_then(|o| o.to_str().ok()).is_none_or(|origin| Some(origin.split_once("://").map_or(origin, |(_, rest)| rest)) == host)
}

/// Why a council request is refused: each becomes a status and a sentence, here.
#[derive(Debug)]
pub enum Refusal {
    /// No session, or one that ended.
    SignedOut,
    /// The member's role does not allow it.
    Forbidden(Role),
    WrongPassword,
    /// Too many sign-in attempts; try again in that many seconds.
    TooManyAttempts(u64),
    /// The invitation is used, expired or unknown.
    Invitation,
    NameTaken,
    Account(accounts::Refused),
    /// The two passwords typed differ.
    Mismatch,
    /// The last administrator cannot go or lose the role: nobody could manage members.
    LastAdministrator,
    NoSuchMember,
    BadRequest(&'static str),
    OtherSite,
    /// Too many open editors, the member's or the server's.
    TooManyConnections,
    /// The server has no shared draft.
    NoDraft,
    Store(StoreError),
}

impl From<StoreError> for Refusal {
    fn from(error: StoreError) -> Self {
        Refusal::Store(error)
    }
}

impl Refusal {
    fn status(&self) -> StatusCode {
        match self {
            Refusal::SignedOut | Refusal::WrongPassword => StatusCode::UNAUTHORIZED,
            Refusal::Forbidden(_) | Refusal::OtherSite => StatusCode::FORBIDDEN,
            Refusal::TooManyAttempts(_) | Refusal::TooManyConnections => StatusCode::TOO_MANY_REQUESTS,
            Refusal::NoDraft => StatusCode::NOT_FOUND,
            Refusal::Invitation => StatusCode::GONE,
            Refusal::NameTaken | Refusal::LastAdministrator => StatusCode::CONFLICT,
            Refusal::NoSuchMember => StatusCode::NOT_FOUND,
            Refusal::Account(_) | Refusal::Mismatch | Refusal::BadRequest(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::Store(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The sentence a member reads.
    fn message(&self, lang: pages::Lang) -> String {
        use accounts::Refused::*;
        let (fr, en): (String, String) = match self {
            Refusal::SignedOut => ("Connectez-vous pour continuer.".into(), "Sign in to go on.".into()),
            Refusal::Forbidden(role) => (format!("Votre rôle ne le permet pas : il faut être {}.", role.name()), format!("Your role does not allow it: it takes {}.", role.name())),
            Refusal::WrongPassword => ("Nom ou mot de passe incorrect.".into(), "Wrong name or password.".into()),
            Refusal::TooManyAttempts(s) => (format!("Trop d'essais : réessayez dans {s} secondes."), format!("Too many attempts: try again in {s} seconds.")),
            Refusal::Invitation => ("Cette invitation a déjà servi ou a expiré : demandez-en une autre.".into(), "This invitation has been used or has expired: ask for another one.".into()),
            Refusal::NameTaken => ("Ce nom est déjà pris : choisissez-en un autre.".into(), "This name is taken: choose another one.".into()),
            Refusal::Account(NameEmpty) => ("Indiquez votre nom.".into(), "Give your name.".into()),
            Refusal::Account(NameTooLong) => (format!("Le nom a plus de {} caractères.", accounts::NAME_MAX), format!("The name is longer than {} characters.", accounts::NAME_MAX)),
            Refusal::Account(NameControl) => ("Le nom contient un caractère invisible.".into(), "The name holds an invisible character.".into()),
            Refusal::Account(PasswordShort) => {
                (format!("Le mot de passe doit avoir au moins {} caractères.", accounts::PASSWORD_MIN), format!("The password must be at least {} characters long.", accounts::PASSWORD_MIN))
            }
            Refusal::Account(PasswordLong) => (format!("Le mot de passe dépasse {} octets.", accounts::PASSWORD_MAX), format!("The password is longer than {} bytes.", accounts::PASSWORD_MAX)),
            Refusal::Mismatch => ("Les deux mots de passe diffèrent.".into(), "The two passwords differ.".into()),
            Refusal::LastAdministrator => ("C'est le dernier administrateur : nommez-en un autre d'abord.".into(), "This is the last administrator: make another one first.".into()),
            Refusal::NoSuchMember => ("Ce membre n'existe pas.".into(), "No such member.".into()),
            Refusal::BadRequest(what) => (what.to_string(), what.to_string()),
            Refusal::OtherSite => ("Requête venue d'un autre site : refusée.".into(), "A request from another site: refused.".into()),
            Refusal::TooManyConnections => ("Trop d'éditeurs ouverts : fermez-en un.".into(), "Too many editors open: close one.".into()),
            Refusal::NoDraft => ("Ce serveur n'a pas de brouillon partagé.".into(), "This server has no shared draft.".into()),
            Refusal::Store(_) => ("Le serveur ne peut pas joindre sa base de données ; réessayez dans un moment.".into(), "The server cannot reach its database; try again in a moment.".into()),
        };
        if lang == pages::Lang::Fr {
            fr
        } else {
            en
        }
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        if let Refusal::Store(error) = &self {
            eprintln!("council: {error}");
        }
        let mut response = (self.status(), Json(serde_json::json!({ "error": self.message(pages::Lang::Fr), "error_en": self.message(pages::Lang::En) }))).into_response();
        if let Refusal::TooManyAttempts(seconds) = self {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The member a request's session cookie belongs to.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Member {
    /// Who made each change of the draft, for the server only.
    #[serde(skip)]
    id: String,
    name: String,
    role: Role,
}

impl Member {
    /// Refuses unless the member's role is `role` or above.
    pub fn may(&self, role: Role) -> Result<(), Refusal> {
        if self.role >= role {
            Ok(())
        } else {
            Err(Refusal::Forbidden(role))
        }
    }
}

impl FromRequestParts<Arc<Council>> for Member {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, council: &Arc<Council>) -> Result<Member, Refusal> {
        let token = session_token(&parts.headers).ok_or(Refusal::SignedOut)?;
        let member = council.store.session(&token, now()).await?.ok_or(Refusal::SignedOut)?;
        Ok(Member { id: member.id, name: member.name, role: member.role })
    }
}

fn session_token(headers: &HeaderMap) -> Option<Token> {
    axum_extra::extract::CookieJar::from_headers(headers).get(COOKIE).and_then(|c| Token::parse(c.value()))
}

/// The session cookie: never readable by scripts, never sent from another site, `Secure`
/// where the site is reached over TLS (a proxy in front says so).
fn session_cookie(token: &Token, headers: &HeaderMap) -> HeaderValue {
    let secure = headers.get("x-forwarded-proto").is_some_and(|p| p == "https");
    let cookie = format!("{COOKIE}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}{}", token.secret(), SESSION_DAYS * 86400, if secure { "; Secure" } else { "" });
    HeaderValue::from_str(&cookie).expect("a cookie of hex digits")
}

/// Opens a session for `member` and goes to the editor.
async fn open_session(council: &Council, member: &store::Member, headers: &HeaderMap) -> Result<Response, Refusal> {
    let token = Token::random();
    council.store.add_session(&token, &member.id, now() + SESSION_DAYS * 86400).await?;
    let mut response = Redirect::to("/editeur").into_response();
    response.headers_mut().insert(SET_COOKIE, session_cookie(&token, headers));
    Ok(response)
}

async fn me(member: Member) -> Json<Member> {
    Json(member)
}

#[derive(serde::Deserialize)]
pub struct SignIn {
    name: String,
    password: String,
}

async fn sign_in(State(council): State<Arc<Council>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, lang: pages::Lang, headers: HeaderMap, Form(form): Form<SignIn>) -> Response {
    let signed_in = async {
        council.may_try(&form.name, peer.ip())?;
        let found = council.store.member_by_name(form.name.trim()).await?;
        let password = form.password.clone();
        let hash = found.as_ref().map_or_else(|| accounts::decoy_hash().to_string(), |(_, hash)| hash.clone());
        let matches = tokio::task::spawn_blocking(move || accounts::verify_password(&password, &hash)).await.unwrap_or(false);
        match found {
            Some((member, _)) if matches => open_session(&council, &member, &headers).await,
            _ => Err(Refusal::WrongPassword),
        }
    };
    match signed_in.await {
        Ok(response) => response,
        Err(refusal) => pages::sign_in_form(&council, lang, Some(&refusal), &form.name),
    }
}

#[derive(serde::Deserialize)]
pub struct Accept {
    jeton: String,
    name: String,
    password: String,
    again: String,
}

async fn accept(State(council): State<Arc<Council>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, lang: pages::Lang, headers: HeaderMap, Form(form): Form<Accept>) -> Response {
    let accepted = async {
        council.address_may_try(peer.ip())?;
        let token = Token::parse(&form.jeton).ok_or(Refusal::Invitation)?;
        let role = council.store.invitation(&token, now()).await?.ok_or(Refusal::Invitation)?;
        let name = accounts::check_name(&form.name).map_err(Refusal::Account)?;
        accounts::check_password(&form.password).map_err(Refusal::Account)?;
        if form.password != form.again {
            return Err(Refusal::Mismatch);
        }
        let password = form.password.clone();
        let hash = tokio::task::spawn_blocking(move || accounts::hash_password(&password)).await.map_err(|_| Refusal::BadRequest("hashing failed"))?;
        let member = store::Member { id: accounts::new_id(), name, role };
        match council.store.accept_invitation(&token, now(), &member, &hash).await? {
            None => Err(Refusal::Invitation),
            Some(false) => Err(Refusal::NameTaken),
            Some(true) => open_session(&council, &member, &headers).await,
        }
    };
    match accepted.await {
        Ok(response) => response,
        Err(refusal) => pages::invitation_form(&council, lang, &form.jeton, Some(&refusal), &form.name),
    }
}

async fn sign_out(State(council): State<Arc<Council>>, headers: HeaderMap) -> Result<Response, Refusal> {
    if let Some(token) = session_token(&headers) {
        council.store.end_session(&token).await?;
        council.members_changed().await;
    }
    let mut response = Redirect::to("/editeur").into_response();
    response.headers_mut().insert(SET_COOKIE, HeaderValue::from_static("recit_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0"));
    Ok(response)
}

#[derive(serde::Deserialize)]
pub struct Invite {
    role: Role,
    /// How many days the link is valid: 1 to [`INVITATION_DAYS_MAX`], 7 if not said.
    days: Option<i64>,
}

/// An invitation link, for an administrator to send.
async fn invite(State(council): State<Arc<Council>>, member: Member, headers: HeaderMap, Json(invite): Json<Invite>) -> Result<Json<serde_json::Value>, Refusal> {
    member.may(Role::Administrateur)?;
    let days = invite.days.unwrap_or(7);
    if !(1..=INVITATION_DAYS_MAX).contains(&days) {
        return Err(Refusal::BadRequest("days: 1 to 30"));
    }
    let token = Token::random();
    let expires = now() + days * 86400;
    council.store.add_invitation(&token, invite.role, expires).await?;
    let host = headers.get(HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let scheme = if headers.get("x-forwarded-proto").is_some_and(|p| p == "https") { "https" } else { "http" };
    Ok(Json(serde_json::json!({ "link": format!("{scheme}://{host}/compte/invitation?jeton={}", token.secret()), "role": invite.role, "expires": expires })))
}

async fn members(State(council): State<Arc<Council>>, member: Member) -> Result<Json<serde_json::Value>, Refusal> {
    member.may(Role::Administrateur)?;
    let list: Vec<_> = council.store.members().await?.into_iter().map(|m| serde_json::json!({ "id": m.id, "name": m.name, "role": m.role })).collect();
    Ok(Json(serde_json::Value::Array(list)))
}

#[derive(serde::Deserialize)]
pub struct ChangeRole {
    role: Role,
}

/// Whether taking `id` out of the administrators leaves none.
async fn is_last_administrator(council: &Council, id: &str) -> Result<bool, Refusal> {
    let all = council.store.members().await?;
    let admins: Vec<_> = all.iter().filter(|m| m.role == Role::Administrateur).collect();
    Ok(admins.len() == 1 && admins[0].id == id)
}

async fn change_role(State(council): State<Arc<Council>>, member: Member, Path(id): Path<String>, Json(change): Json<ChangeRole>) -> Result<StatusCode, Refusal> {
    member.may(Role::Administrateur)?;
    if change.role != Role::Administrateur && is_last_administrator(&council, &id).await? {
        return Err(Refusal::LastAdministrator);
    }
    if council.store.set_role(&id, change.role).await? {
        council.members_changed().await;
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Refusal::NoSuchMember)
    }
}

async fn remove(State(council): State<Arc<Council>>, member: Member, Path(id): Path<String>) -> Result<StatusCode, Refusal> {
    member.may(Role::Administrateur)?;
    if is_last_administrator(&council, &id).await? {
        return Err(Refusal::LastAdministrator);
    }
    if council.store.remove_member(&id).await? {
        council.members_changed().await;
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(Refusal::NoSuchMember)
    }
}
