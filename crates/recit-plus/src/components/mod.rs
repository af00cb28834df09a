//! The kiosk's and the workshop's components.

pub mod citation;
pub mod glossary;
pub mod kiosk;
pub mod personal_data;
pub mod progress_file;
pub mod qr_code;
pub mod quiz;
pub mod reading;
pub mod staff;
pub mod visitor_voice;
pub mod workshop_pages;
pub mod workshop_panel;
