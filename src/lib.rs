//! Récit, the app: a thin Leptos layer over the `recit-story` model.

mod app;
pub mod components;
pub mod dom;
pub mod history;
pub mod i18n;
pub mod kiosk;
pub mod presenter;
pub mod sha256;
pub mod story_data;
pub mod treemap;
pub mod visit;
pub mod visitor_answers;
pub mod workbook;
pub mod workshop;

pub use app::App;
