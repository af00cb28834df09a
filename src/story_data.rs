//! The story, which no app embeds: a published site carries it beside the apps
//! (`recit_story::site`), `web/boot.js` fetches the app's file with the app and hands it over
//! ([`install_from_page`]), and the program that publishes a site installs its own on the host
//! ([`install`]), one per thread, so that a program can publish several stories, each in a thread. The
//! plain reader's file has one language, the page's: it fetches the other half (`english.bin`
//! or `french.bin`) the first time a reader reads in the other language (see
//! [`OtherLanguage`]); the other apps' have both.

use std::cell::OnceCell;

use leptos::prelude::*;
use recit_story::compact::language_from_compact;
use recit_story::language::LanguagePack;
use recit_story::{Lang, Story};

use crate::on_demand::OnDemand;

thread_local! {
    /// The story as installed (leaked: `story()` lends it for the life of the program).
    static STORY: OnceCell<&'static Installed> = const { OnceCell::new() };
    /// The plain reader's story once its other half has arrived (`None`: the half did not fit
    /// this site's story, and the language it has stands in).
    static BILINGUAL: OnceCell<Option<&'static Story>> = const { OnceCell::new() };
}

struct Installed {
    story: Story,
    /// Where a language comes apart (the plain reader's: English for a reader who arrived in
    /// French, French for one who arrived in English), that language and the story's file,
    /// from which the story is decoded anew to take it (the plain reader then has no code to
    /// clone a story).
    apart: Option<(Lang, Vec<u8>)>,
}

/// Makes `story`, whole, this thread's, before anything renders; `false` if one was installed
/// already.
pub fn install(story: Story) -> bool {
    set(Installed { story, apart: None })
}

fn set(installed: Installed) -> bool {
    STORY.with(|cell| cell.get().is_none() && cell.set(Box::leak(Box::new(installed))).is_ok())
}

/// Makes the story of a site's file (its compact form), once `prepare`d, the app's; `false`
/// if it does not decode, or one was installed already.
fn install_compact(bytes: Vec<u8>, prepare: impl FnOnce(&mut Story)) -> bool {
    let Ok(mut story) = Story::from_compact(&bytes) else { return false };
    prepare(&mut story);
    let apart = Lang::ALL.into_iter().find(|lang| !story.has_language(*lang)).map(|lang| (lang, bytes));
    set(Installed { story, apart })
}

/// Installs the story that `web/boot.js` fetched beside the app and left for it
/// (`globalThis.recitStory`, the file's bytes), once `prepare`d (the modes app typesets it,
/// [`crate::modes::Modes::prepare_story`]); `false` if there is none or it does not decode (a
/// file of another version), and then the app must not start: the page stays as it arrived,
/// readable.
pub fn install_from_page(prepare: impl FnOnce(&mut Story)) -> bool {
    let global = js_sys::global();
    let key = wasm_bindgen::JsValue::from_str("recitStory");
    let bytes = js_sys::Reflect::get(&global, &key).ok().filter(|v| v.is_object()).map(|v| js_sys::Uint8Array::new(&v).to_vec());
    // Its bytes are the app's now: the page's copy can go.
    let _ = js_sys::Reflect::delete_property(&global, &key);
    bytes.is_some_and(|bytes| install_compact(bytes, prepare))
}

/// The workspace's own `story/`, for the tests on the host, read once and installed in the
/// test's thread.
#[cfg(feature = "prerender")]
pub fn install_for_tests(select: fn(&Story) -> Story) {
    static STORY: std::sync::OnceLock<Story> = std::sync::OnceLock::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("story");
    let story = STORY.get_or_init(|| recit_story::toml_format::load_dir(&dir, "story/").expect("story/ is readable").story);
    install(select(story));
}

fn installed() -> &'static Installed {
    // Every app and prerenderer installs the story before it renders anything.
    STORY.with(|cell| cell.get().copied()).expect("the story is installed before anything renders")
}

/// The story: with both languages once the plain reader has its other half.
pub fn story() -> &'static Story {
    BILINGUAL.with(|cell| cell.get().copied().flatten()).unwrap_or_else(|| &installed().story)
}

/// The story's other half, fetched once, for the plain reader: the English for a reader who
/// arrived in French, the French for one who arrived in English. Copy it freely; get it with
/// [`use_other_language`].
#[derive(Clone, Copy)]
pub struct OtherLanguage(OnDemand<LanguagePack>);

impl OtherLanguage {
    pub fn provide() {
        let file = match installed().apart {
            Some((Lang::Fr, _)) => "/french.bin",
            _ => "/english.bin",
        };
        provide_context(OtherLanguage(OnDemand::new(file, |bytes| language_from_compact(bytes).ok())));
    }

    /// Whether the story can be shown in `lang` now (if not, [`OtherLanguage::load`] it). A missing
    /// or foreign file (another version's) shows the language the story has rather than
    /// nothing.
    pub fn ready(self, lang: Lang) -> bool {
        let Some((missing, compact)) = installed().apart.as_ref().filter(|(missing, _)| *missing == lang && BILINGUAL.with(|cell| cell.get().is_none())) else {
            return true;
        };
        // Put together once, whether it fits or not.
        match self.0.with(|pack| {
            let bilingual = Story::from_compact(compact).ok().and_then(|mut story| story.put_language(*missing, pack.clone()).then_some(&*Box::leak(Box::new(story))));
            BILINGUAL.with(|cell| cell.set(bilingual).ok());
        }) {
            Ok(None) => false,
            Ok(Some(())) | Err(crate::on_demand::Unavailable) => true,
        }
    }

    /// Starts fetching the other half, once.
    pub fn load(self) {
        self.0.load();
    }
}

/// The other half, provided by the app.
pub fn use_other_language() -> OtherLanguage {
    expect_context::<OtherLanguage>()
}
