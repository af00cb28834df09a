//! The development council's editor (feature `editor`), at `/editeur`: see `src/editor/`.

fn main() {
    recit::mount_editor();
}
