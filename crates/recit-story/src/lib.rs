//! The Récit story: its model ([`model`]), its files ([`toml_format`], feature `toml`), its
//! rules ([`validate`]), its texts and their places ([`texts`]), its text markup
//! ([`markdown`]), the testimonies the council collects ([`contribution`]) and the reader's
//! state ([`reader`]).
//!
//! Pure Rust: no DOM, no Leptos. The apps, the program `recit`, the command-line checker and the tests
//! all share it.

pub mod base;
#[cfg(feature = "toml")]
pub mod check;
pub mod compact;
pub mod contribution;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod edit;
pub mod language;
pub mod markdown;
pub mod media;
pub mod model;
pub mod path;
#[cfg(feature = "progress")]
pub mod progress;
pub mod reader;
pub mod repeats;
#[cfg(feature = "shared")]
pub mod shared;
pub mod site;
pub mod spoken;
pub mod texts;
#[cfg(feature = "toml")]
pub mod toml_format;
pub mod toml_syntax;
pub mod typography;
pub mod undo;
pub mod validate;
pub mod workshop;
pub mod zip;

pub use contribution::{Attribution, Contribution, Status};
pub use diagnostic::{Code, Diagnostic, Loc, Severity, SourceMap};
pub use model::*;
pub use path::FieldPath;
#[cfg(feature = "progress")]
pub use progress::{AnswerKey, MyStory, Progress, MAX_PROGRESS_BYTES};
pub use reader::{parse_route, Position, Reader, Route, RouteError, WorkshopPage};
pub use validate::validate;
