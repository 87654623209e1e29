//! Rule tables (regexes and sets of them) built once and copied once per
//! worker thread.
//!
//! A `regex::Regex` keeps its search scratch space in a pool whose fast
//! path belongs to the first thread that searched with it; every other
//! thread takes a locked path on every search. Extraction runs on all of
//! rayon's threads and asks thousands of rules per report, so the second
//! thread spent a few percent of its time in that lock. A clone of a
//! regex shares the compiled program and brings a pool of its own: each
//! worker gets one, owned by it, and the lock is never taken.

use std::ops::Deref;
use std::sync::OnceLock;

/// Worker threads (by rayon's index) that get a copy; others share one.
const SLOTS: usize = 16;

pub struct PerThread<T> {
    init: fn() -> T,
    shared: OnceLock<T>,
    copies: [OnceLock<T>; SLOTS],
}

impl<T: Clone> PerThread<T> {
    pub const fn new(init: fn() -> T) -> PerThread<T> {
        PerThread {
            init,
            shared: OnceLock::new(),
            copies: [const { OnceLock::new() }; SLOTS],
        }
    }

    fn shared(&self) -> &T {
        self.shared.get_or_init(self.init)
    }

    /// Builds the value now (warm-up before the workers start).
    pub fn force(this: &PerThread<T>) {
        this.shared();
    }
}

impl<T: Clone> Deref for PerThread<T> {
    type Target = T;

    fn deref(&self) -> &T {
        match rayon::current_thread_index() {
            Some(i) if i < SLOTS => self.copies[i].get_or_init(|| self.shared().clone()),
            _ => self.shared(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    static WORD: PerThread<regex::Regex> =
        PerThread::new(|| regex::Regex::new(r"\bfail(ed|ure)?\b").expect("test regex"));

    #[test]
    fn every_thread_gets_the_same_rules() {
        assert!(WORD.is_match("the job failed"));
        let lines: Vec<String> = (0..2000)
            .map(|i| {
                if i % 3 == 0 {
                    format!("step {i} failed")
                } else {
                    format!("step {i} ok")
                }
            })
            .collect();
        let matched = lines.par_iter().filter(|l| WORD.is_match(l)).count();
        assert_eq!(matched, 667);
        // Outside the pool too.
        assert!(!std::thread::spawn(|| WORD.is_match("all good"))
            .join()
            .unwrap_or(true));
    }
}
