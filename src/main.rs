//! The `incidex` command: argument parsing and exit codes; the work is in
//! the library.

use std::process::ExitCode;

// Extraction makes and drops many small strings on every thread; mimalloc's
// per-thread free lists cut the time glibc's allocator takes on them.
// Built without transparent huge pages (`no_thp`): each first touch of a
// huge page zeroes 2 MiB, and the arenas of a large build kept faulting in
// far more than they used (10k reports: ~7% slower, 330 vs 283 MiB peak).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing into a closed pipe (`incidex export |
    // head`) would panic; like other Unix tools, end quietly instead.
    #[cfg(unix)]
    // SAFETY: called first thing, before any thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    incidex::commands::main()
}
