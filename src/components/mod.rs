//! The screens and their parts. Each component takes signals and reads the story; none
//! holds story content of its own.

pub mod council_picture;
pub mod home;
pub mod import_outcome;
pub mod landscape;
pub mod lang_switch;
pub mod not_found;
pub mod rich_text;
pub mod scale_map;
pub mod scale_switcher;
pub mod step_nav;
pub mod step_screen;
pub mod step_view;
pub mod trajectory;
