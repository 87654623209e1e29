//! The `incidex` command: argument parsing and exit codes; the work is in
//! the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    incidex::commands::main()
}
