//! The reader with the kiosk and the workshop: mounts the app; everything else is in the crate's library.

fn main() {
    recit_plus::start();
}
