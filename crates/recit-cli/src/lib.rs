//! `recit`, the program that looks after a Récit story: `recit check` reads and validates a
//! story folder, `recit publish` writes it as a site with the apps the program carries, `recit
//! serve` serves a site as a production host should. The library holds what the binary runs,
//! so that tests can reach it.

pub mod cli;
pub mod council;
pub mod publish;
pub mod serve;
pub mod site_headers;
