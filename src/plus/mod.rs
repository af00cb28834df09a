//! The second app's parts (feature `modes`): the kiosk for public screens and the workshop
//! for classes. The plain reader reaches them only through `crate::modes`.

pub mod components;
pub mod deployment;
pub mod kiosk;
pub mod presenter;
pub mod text;
pub mod visitor_answers;
pub mod workbook;
pub mod workshop;
