//! The command line: clap definitions and one module per command. Exit
//! codes: 0 success, 1 the content has errors, 2 bad usage or config.

mod build;
mod check;
mod export;
mod init;
mod new;
mod search;
mod serve;
mod show;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Where `--root`, `-q` and `-v` are listed in every command's help: after
/// the command's own options, which are what its reader came for.
const GLOBAL: &str = "Global options";

#[derive(Parser, Debug)]
#[command(
    name = "incidex",
    version,
    about = "Turn a folder of Markdown postmortems into an incident knowledge base"
)]
pub struct Cli {
    /// Knowledge base folder (default: nearest folder upward with incidex.toml or content/)
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub root: Option<PathBuf>,
    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose", help_heading = GLOBAL)]
    pub quiet: bool,
    /// Print more detail (repeat for more)
    #[arg(short, long, global = true, action = clap::ArgAction::Count, help_heading = GLOBAL)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a knowledge base: incidex.toml and content/ with one example postmortem
    Init(init::Args),
    /// Write content/YYYY/slug.md from the postmortem template and print its path
    New(new::Args),
    /// Parse, index and render the whole site into the output folder
    Build(build::Args),
    /// Search the incidents: words, a pasted error, a stack trace, an identifier
    Search(search::Args),
    /// Build the site into memory, serve it, rebuild and reload pages as files change
    Serve(serve::Args),
    /// Print one structured incident (FILE may be any path, or an incident id)
    Show(show::Args),
    /// Lint every postmortem: errors and warnings with file:line:column
    Check(check::Args),
    /// Print every incident as JSON, NDJSON, or OpenSearch/Elasticsearch `_bulk` lines
    Export(export::Args),
    /// Print a shell completion script (e.g. `incidex completions bash > /etc/bash_completion.d/incidex`)
    Completions {
        /// bash, elvish, fish, powershell or zsh
        shell: clap_complete::Shell,
    },
    /// Print the manual page in roff (e.g. `incidex man > incidex.1; man ./incidex.1`),
    /// or with --dir write it and one page per command (incidex-build.1, …)
    Man {
        /// Write incidex.1 and every command's page into this folder
        #[arg(long, value_name = "DIR")]
        dir: Option<std::path::PathBuf>,
    },
}

/// What a command ended with.
pub enum Outcome {
    Ok,
    ContentErrors,
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let level = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (_, 0) => "warn",
        (_, 1) => "info",
        _ => "debug",
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("INCIDEX_LOG")
                .unwrap_or_else(|_| level.into()),
        )
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, not in a log file.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .without_time()
        .try_init();
    let result = match cli.command {
        Command::Init(a) => init::run(a, cli.quiet),
        Command::New(a) => new::run(cli.root.as_deref(), a),
        Command::Build(a) => build::run(cli.root.as_deref(), a, cli.quiet),
        Command::Search(a) => search::run(cli.root.as_deref(), a),
        Command::Serve(a) => serve::run(cli.root.as_deref(), a),
        Command::Show(a) => show::run(cli.root.as_deref(), a),
        Command::Check(a) => check::run(cli.root.as_deref(), a, cli.quiet),
        Command::Export(a) => export::run(cli.root.as_deref(), a),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "incidex", &mut std::io::stdout());
            Ok(Outcome::Ok)
        }
        Command::Man { dir: None } => {
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut std::io::stdout())
                .map(|()| Outcome::Ok)
                .map_err(anyhow::Error::from)
        }
        // The main page refers to incidex-build(1) and the others: these
        // are those pages.
        Command::Man { dir: Some(dir) } => {
            let written = std::fs::create_dir_all(&dir).and_then(|()| {
                clap_mangen::generate_to(<Cli as clap::CommandFactory>::command(), &dir)
            });
            anyhow::Context::with_context(written, || {
                format!("cannot write manual pages into {}", dir.display())
            })
            .map(|()| Outcome::Ok)
        }
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::ContentErrors) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Root and config for commands that read a knowledge base.
fn open(root: Option<&std::path::Path>) -> anyhow::Result<(PathBuf, crate::config::Config)> {
    let root = crate::config::find_root(root)?;
    let config = crate::config::Config::load(&root)?;
    Ok((root, config))
}

/// `open`, for commands that need a knowledge base to be there: a folder
/// with neither `incidex.toml` nor its content folder is most likely the
/// wrong folder, and building it would only make an empty site.
fn open_kb(root: Option<&std::path::Path>) -> anyhow::Result<(PathBuf, crate::config::Config)> {
    let (root, config) = open(root)?;
    let content = root.join(&config.content_dir);
    if !root.join(crate::config::CONFIG_FILE).is_file() && !content.is_dir() {
        anyhow::bail!(
            "no knowledge base in {}: it has no {} and no {}/ folder\n\
             hint: run `incidex init` to create one here, or pass --root DIR",
            root.display(),
            crate::config::CONFIG_FILE,
            config.content_dir.display()
        );
    }
    Ok((root, config))
}
