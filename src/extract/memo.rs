//! Answers of pure rules on short text, remembered per worker thread.
//!
//! A knowledge base repeats its headings and labels from report to report
//! ("## Root Cause", "**Status:**"): teams write from a template. Rules
//! that read only such a text (which role a heading names) run dozens of
//! patterns over it; asked again for the same text, the answer is looked
//! up instead. Each thread keeps its own table (no lock), emptied when it
//! grows past `LIMIT` entries so memory stays bounded whatever the input.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

/// Entries a table holds before it starts again.
const LIMIT: usize = 4096;
/// Longer texts are not remembered: headings and labels are short, and a
/// long text is rarely asked twice.
const MAX_KEY: usize = 160;

pub type Table<V> = RefCell<HashMap<Box<str>, V>>;

/// `compute()`'s answer for `key`, from `table` when `key` was asked before
/// on this thread. `compute` must depend on `key` alone.
pub fn cached<V: Copy + 'static>(
    table: &'static LocalKey<Table<V>>,
    key: &str,
    compute: impl FnOnce() -> V,
) -> V {
    if key.len() > MAX_KEY {
        return compute();
    }
    if let Some(v) = table.with(|t| t.borrow().get(key).copied()) {
        return v;
    }
    // Computed with no borrow held: a rule may ask its own table again.
    let v = compute();
    table.with(|t| {
        let mut t = t.borrow_mut();
        if t.len() >= LIMIT {
            t.clear();
        }
        t.insert(key.into(), v);
    });
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static LENGTHS: Table<usize> = RefCell::new(HashMap::new());
        static CALLS: Cell<usize> = const { Cell::new(0) };
    }

    fn length(s: &str) -> usize {
        cached(&LENGTHS, s, || {
            CALLS.with(|c| c.set(c.get() + 1));
            s.chars().count()
        })
    }

    #[test]
    fn a_text_asked_again_is_not_computed_again() {
        // Keys no other test asks, and calls counted from here: the
        // tests may share a thread.
        let before = CALLS.with(Cell::get);
        assert_eq!(length("Root cause (memo)"), 17);
        assert_eq!(length("Root cause (memo)"), 17);
        assert_eq!(length("Timeline (memo)"), 15);
        assert_eq!(CALLS.with(Cell::get) - before, 2);
    }

    #[test]
    fn long_texts_and_a_full_table_still_answer() {
        let long = "x".repeat(MAX_KEY + 1);
        assert_eq!(length(&long), MAX_KEY + 1);
        assert_eq!(length(&long), MAX_KEY + 1);
        for i in 0..LIMIT + 10 {
            assert_eq!(length(&i.to_string()), i.to_string().len());
        }
        assert!(LENGTHS.with(|t| t.borrow().len()) <= LIMIT);
        assert_eq!(length("Timeline"), 8);
    }
}
