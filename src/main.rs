//! The plain reader, the first visit: mounts the app; everything else is in the library.

/// No panic hook (its code would be part of the first visit): a panic still traps the wasm,
/// which web/boot.js turns into a restart.
fn main() {
    recit::mount(&recit::modes::PlainReader);
}
