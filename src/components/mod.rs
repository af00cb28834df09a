//! The screens and their parts. Each component takes signals and reads the story; none
//! holds story content of its own.

#[cfg(feature = "modes")]
pub mod glossary;
pub mod home;
#[cfg(feature = "modes")]
pub mod kiosk;
pub mod lang_switch;
pub mod not_found;
#[cfg(feature = "modes")]
pub mod progress_file;
#[cfg(feature = "modes")]
pub mod qr_code;
pub mod rich_text;
pub mod scale_map;
pub mod scale_switcher;
pub mod step_nav;
pub mod step_screen;
#[cfg(feature = "modes")]
pub mod staff;
pub mod step_view;
pub mod trajectory;
#[cfg(feature = "modes")]
pub mod visitor_voice;
#[cfg(feature = "modes")]
pub mod workshop_pages;
#[cfg(feature = "modes")]
pub mod workshop_panel;
