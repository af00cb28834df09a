//! Undo and redo for the editor's draft.
//!
//! The history keeps whole states rather than inverse operations: a story is a few hundred
//! kilobytes at most, a clone per edit is cheap next to a keystroke, and whole states cannot
//! drift out of sync with the edits that made them. Keystrokes in one field are grouped into
//! one undo step, so that undo takes back a sentence, not a letter.

use std::collections::VecDeque;

/// A value with its undo and redo stacks.
///
/// Invariants: `past` holds at most `limit` states, the oldest first; `future` holds the
/// states undone since the last edit, the next to redo last.
#[derive(Clone, Debug)]
pub struct History<T> {
    past: VecDeque<T>,
    present: T,
    future: Vec<T>,
    limit: usize,
    /// The group of the last recorded edit, while later edits of that group may merge into it.
    group: Option<String>,
}

impl<T: Clone + PartialEq> History<T> {
    /// A history at `present` with nothing to undo, that remembers at most `limit` states
    /// back (0: no undo at all).
    pub fn new(present: T, limit: usize) -> Self {
        History { past: VecDeque::new(), present, future: Vec::new(), limit, group: None }
    }

    /// The current state.
    pub fn present(&self) -> &T {
        &self.present
    }

    /// How many states back undo can go.
    pub fn undo_len(&self) -> usize {
        self.past.len()
    }

    /// How many states forward redo can go.
    pub fn redo_len(&self) -> usize {
        self.future.len()
    }

    /// Applies an edit; a no-op edit (equal result) records nothing; clears redo.
    ///
    /// Returns whether the state changed. The edit works on a copy of the present, compared
    /// afterwards: edits need not report whether they did anything. An edit that can fail
    /// should leave its state untouched on failure (as [`crate::edit`]'s functions do), so
    /// that a refused edit records nothing.
    pub fn apply(&mut self, edit: impl FnOnce(&mut T)) -> bool {
        let changed = self.record(edit, false);
        if changed {
            self.group = None;
        }
        changed
    }

    /// Like [`History::apply`], but merges with the previous step when `group` equals the
    /// last group (typing in one field is one undo step).
    ///
    /// The group ends at the next ungrouped edit, edit of another group, undo, redo, replace
    /// or [`History::seal`]. If the merged edits come back to the state before the group
    /// (typing then deleting the same letters), the group leaves no undo step at all.
    pub fn apply_grouped(&mut self, group: &str, edit: impl FnOnce(&mut T)) -> bool {
        let merge = self.group.as_deref() == Some(group);
        let changed = self.record(edit, merge);
        if changed {
            if merge && self.past.back() == Some(&self.present) {
                self.past.pop_back();
                self.group = None;
            } else {
                self.group = Some(group.to_string());
            }
        }
        changed
    }

    /// Ends the current group: the next grouped edit starts a new undo step even in the same
    /// group. The editor calls it when a field loses focus.
    pub fn seal(&mut self) {
        self.group = None;
    }

    /// Goes back one state; false when there is nothing to undo.
    pub fn undo(&mut self) -> bool {
        let Some(previous) = self.past.pop_back() else { return false };
        self.future.push(std::mem::replace(&mut self.present, previous));
        self.group = None;
        true
    }

    /// Goes forward one undone state; false when there is nothing to redo.
    pub fn redo(&mut self) -> bool {
        let Some(next) = self.future.pop() else { return false };
        let previous = std::mem::replace(&mut self.present, next);
        self.push_past(previous);
        self.group = None;
        true
    }

    /// Whether [`History::undo`] would change something.
    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    /// Whether [`History::redo`] would change something.
    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Replaces everything (an import): undoable as one step. Replacing by an equal state
    /// records nothing.
    pub fn replace(&mut self, present: T) {
        self.apply(|p| *p = present);
    }

    /// Takes a state that others made (the council's shared draft changed elsewhere): it
    /// becomes the present, and undo and redo start again from it, so that undoing never takes
    /// back someone else's work.
    pub fn rebase(&mut self, present: T) {
        self.present = present;
        self.past.clear();
        self.future.clear();
        self.group = None;
    }

    /// Runs `edit` on a copy of the present and, if the copy differs, makes it the present:
    /// pushing the old present on the undo stack unless `merge`, and clearing redo.
    fn record(&mut self, edit: impl FnOnce(&mut T), merge: bool) -> bool {
        let mut next = self.present.clone();
        edit(&mut next);
        if next == self.present {
            return false;
        }
        let previous = std::mem::replace(&mut self.present, next);
        if !merge {
            self.push_past(previous);
        }
        self.future.clear();
        true
    }

    fn push_past(&mut self, state: T) {
        self.past.push_back(state);
        while self.past.len() > self.limit {
            self.past.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn apply_undo_redo() {
        let mut h = History::new(0, 10);
        assert!(!h.can_undo() && !h.can_redo());
        assert!(h.apply(|x| *x = 1));
        assert!(h.apply(|x| *x += 1));
        assert_eq!(*h.present(), 2);
        assert!(h.undo());
        assert_eq!(*h.present(), 1);
        assert!(h.can_redo());
        assert!(h.redo());
        assert_eq!(*h.present(), 2);
        assert!(!h.redo());
        assert!(h.undo() && h.undo());
        assert_eq!(*h.present(), 0);
        assert!(!h.undo());
    }

    #[test]
    fn a_no_op_edit_records_nothing_and_keeps_redo() {
        let mut h = History::new(String::from("a"), 10);
        h.apply(|s| s.push('b'));
        h.undo();
        assert!(!h.apply(|s| *s = "a".into()), "writing the same value back");
        assert!(h.can_redo(), "nothing changed, so nothing to forget");
        assert!(h.apply(|s| s.push('c')));
        assert!(!h.can_redo(), "a new edit forgets what was undone");
        assert_eq!(h.present(), "ac");
    }

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut h = History::new(String::new(), 10);
        for c in "Loos".chars() {
            h.apply_grouped("title.fr", |s| s.push(c));
        }
        h.apply_grouped("text.fr", |s| s.push('!'));
        assert_eq!(h.undo_len(), 2);
        h.undo();
        assert_eq!(h.present(), "Loos");
        h.undo();
        assert_eq!(h.present(), "");
    }

    #[test]
    fn a_group_ends_at_seal_undo_and_plain_edits() {
        let mut h = History::new(String::new(), 10);
        h.apply_grouped("f", |s| s.push('a'));
        h.seal();
        h.apply_grouped("f", |s| s.push('b'));
        assert_eq!(h.undo_len(), 2);
        h.undo();
        h.apply_grouped("f", |s| s.push('c'));
        h.apply(|s| s.push('d'));
        h.apply_grouped("f", |s| s.push('e'));
        assert_eq!(h.present(), "acde");
        assert_eq!(h.undo_len(), 4);
    }

    #[test]
    fn typing_then_deleting_leaves_no_step() {
        let mut h = History::new(String::from("x"), 10);
        h.apply_grouped("f", |s| s.push('a'));
        h.apply_grouped("f", |s| {
            s.pop();
        });
        assert_eq!(h.present(), "x");
        assert!(!h.can_undo());
    }

    #[test]
    fn oldest_states_are_dropped_beyond_the_limit() {
        let mut h = History::new(0, 3);
        for i in 1..=10 {
            h.apply(|x| *x = i);
        }
        assert_eq!(h.undo_len(), 3);
        while h.undo() {}
        assert_eq!(*h.present(), 7);
        let mut none = History::new(0, 0);
        none.apply(|x| *x = 1);
        assert!(!none.can_undo());
        assert_eq!(*none.present(), 1);
    }

    #[test]
    fn replace_is_one_step() {
        let mut h = History::new(vec![1, 2], 10);
        h.replace(vec![3]);
        h.replace(vec![3]);
        assert_eq!(h.undo_len(), 1);
        h.undo();
        assert_eq!(h.present(), &vec![1, 2]);
    }

    #[derive(Clone, Debug)]
    enum Op {
        Set(u8),
        Grouped(u8, u8),
        Undo,
        Redo,
        Seal,
        Replace(u8),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            any::<u8>().prop_map(|v| Op::Set(v % 8)),
            (0..3u8, any::<u8>()).prop_map(|(g, v)| Op::Grouped(g, v % 8)),
            Just(Op::Undo),
            Just(Op::Redo),
            Just(Op::Seal),
            any::<u8>().prop_map(|v| Op::Replace(v % 8)),
        ]
    }

    proptest! {
        #[test]
        fn any_sequence_keeps_the_invariants(limit in 0..6usize, ops in proptest::collection::vec(op(), 0..60)) {
            let mut h = History::new(0u8, limit);
            for op in ops {
                let before = h.clone();
                match op {
                    Op::Set(v) | Op::Replace(v) => {
                        let changed = if matches!(op, Op::Set(_)) { h.apply(|x| *x = v) } else { h.replace(v); v != before.present };
                        prop_assert_eq!(changed, v != before.present);
                        prop_assert_eq!(h.present, v);
                        if changed {
                            prop_assert!(h.future.is_empty());
                            if limit > 0 {
                                // Undo after apply restores.
                                let mut back = h.clone();
                                prop_assert!(back.undo());
                                prop_assert_eq!(back.present, before.present);
                                // Redo after undo restores.
                                prop_assert!(back.redo());
                                prop_assert_eq!(back.present, v);
                            }
                        } else {
                            prop_assert_eq!(&h.past, &before.past);
                            prop_assert_eq!(&h.future, &before.future);
                        }
                    }
                    Op::Grouped(g, v) => {
                        let changed = h.apply_grouped(&g.to_string(), |x| *x = v);
                        prop_assert_eq!(changed, v != before.present);
                        prop_assert_eq!(h.present, v);
                        if changed {
                            prop_assert!(h.future.is_empty());
                        }
                    }
                    Op::Undo => {
                        prop_assert_eq!(h.undo(), before.can_undo());
                        if before.can_undo() {
                            prop_assert_eq!(Some(&h.present), before.past.back());
                            // Redo after undo restores.
                            let mut again = h.clone();
                            prop_assert!(again.redo());
                            prop_assert_eq!(again.present, before.present);
                            prop_assert_eq!(&again.past, &before.past);
                        }
                    }
                    Op::Redo => {
                        prop_assert_eq!(h.redo(), before.can_redo());
                        if before.can_redo() {
                            prop_assert_eq!(Some(&h.present), before.future.last());
                        }
                    }
                    Op::Seal => h.seal(),
                }
                prop_assert!(h.past.len() <= limit, "limit respected");
                // Every undo and redo changes something: no step lands on an equal state.
                prop_assert!(h.past.back() != Some(&h.present));
                prop_assert!(h.future.last() != Some(&h.present));
            }
        }
    }

    #[test]
    fn a_change_made_by_others_is_never_undone() {
        let mut history = History::new(1, 10);
        history.apply(|n| *n = 2);
        history.rebase(3);
        assert_eq!((*history.present(), history.can_undo(), history.can_redo()), (3, false, false));
        history.apply(|n| *n = 4);
        history.undo();
        assert_eq!(*history.present(), 3);
    }
}
