//! What the benchmarks share: the report generator (`generate`, also
//! used by the test of a generated site), command-line sizes, memory and
//! folder measurements, and the allocator the binary uses.
// Each bench binary compiles this module on its own and uses a different
// part of it.
#![allow(dead_code)]

mod generate;
pub use generate::*;

use std::path::Path;

/// Report counts from the command line (`cargo bench --bench x -- 1000`),
/// 1,000 and 10,000 by default.
pub fn sizes_from_args() -> Vec<usize> {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    }
}

/// Bytes of all files under `dir`.
pub fn folder_bytes(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum()
}

/// Peak resident memory of this process so far, in MiB (Linux).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// CPU seconds this process has spent so far, (user, system): the split
/// shows whether a phase's wall time went to our code or to the kernel
/// (page faults, file reads).
pub fn cpu_seconds() -> (f64, f64) {
    // SAFETY: getrusage only writes the struct it is handed.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return (f64::NAN, f64::NAN);
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (secs(usage.ru_utime), secs(usage.ru_stime))
}

/// Resets the peak so the next phase is measured alone (Linux).
pub fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Pasted error lines in the shapes the generated reports use, with other
/// numbers, ids and hosts than the reports', for search benchmarks.
pub fn error_pastes(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| match i % 4 {
            0 => format!("ERROR: connection pool exhausted after {}ms (pool=main, waiting={})", 100 + i, i),
            1 => format!("redis.exceptions.TimeoutError: Timeout reading from socket after {}s", i),
            2 => format!("thread 'worker-{i}' panicked at src/queue.rs:{}:9: called `Result::unwrap()` on an `Err` value", i * 7),
            _ => format!("[2025-01-0{} 10:00:00 +0000] [{i}] [CRITICAL] WORKER TIMEOUT (pid:{})", 1 + i % 9, 1000 + i),
        })
        .collect()
}

/// Short keyword queries, for search benchmarks.
pub fn keyword_queries(n: usize) -> Vec<String> {
    [
        "deadlock",
        "cache eviction",
        "leader partition",
        "checkout latency",
        "certificate rotation",
        "backpressure queue",
        "replica lag",
        "dns timeout",
        "heap spike",
        "canary rollback",
    ]
    .iter()
    .cycle()
    .take(n)
    .map(|s| s.to_string())
    .collect()
}

/// The allocator the `incidex` binary uses, so in-process figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
