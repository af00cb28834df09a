//! The plain reader, the first visit: mounts the app; everything else is in the library.

fn main() {
    recit::mount();
}
