//! The reader with its modes, the kiosk and the workshop (feature `modes`): the same app, with
//! more compiled in (see `src/modes.rs`). `web/boot.js` loads it for `?kiosk` and `?atelier`.

fn main() {
    recit::mount();
}
