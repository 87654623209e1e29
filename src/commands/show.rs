//! `incidex show FILE|ID [--json]`.

use super::Outcome;
use crate::load;
use crate::model::Incident;
use anyhow::{bail, Result};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A report file (any path, any extension) or an incident id
    pub target: String,
    /// Print the incident JSON (schema 1) instead of a summary
    #[arg(long)]
    pub json: bool,
}

pub fn run(root: Option<&Path>, args: Args) -> Result<Outcome> {
    let (root, config) = super::open(root)?;
    let path = PathBuf::from(&args.target);
    let (incident, diagnostics) = if path.is_file() {
        match load::load_file(&path, &root, &config) {
            Ok(x) => x,
            Err(d) => {
                eprintln!("{d}");
                return Ok(Outcome::ContentErrors);
            }
        }
    } else {
        let loaded = load::load(&root, &config);
        match loaded.incidents.iter().find(|i| i.id == args.target) {
            Some(i) => (i.clone(), Vec::new()),
            None => bail!(
                "no report file or incident id `{}` (looked in {})",
                args.target,
                root.display()
            ),
        }
    };
    for d in &diagnostics {
        tracing::info!("{d}");
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&incident)?);
    } else {
        print!("{}", human(&incident));
    }
    Ok(Outcome::Ok)
}

/// A readable terminal summary of one incident.
pub fn human(i: &Incident) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "{}\n{}\n",
        i.title,
        "=".repeat(i.title.chars().count().min(80))
    ));
    let meta: Vec<String> = [
        i.date.clone().map(|d| format!("date {d}")),
        i.status.clone().map(|x| format!("status {x}")),
        i.severity.clone().map(|x| format!("severity {x}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    s.push_str(&format!(
        "id {}  ·  {}  ·  {}\n",
        i.id,
        i.source,
        meta.join("  ·  ")
    ));
    if !i.services.is_empty() {
        s.push_str(&format!("services: {}\n", i.services.join(", ")));
    }
    if !i.technologies.is_empty() {
        s.push_str(&format!("technologies: {}\n", i.technologies.join(", ")));
    }
    if let Some(sum) = &i.summary {
        s.push_str(&format!("\n{}\n", wrap(sum, 100)));
    }
    let section = |s: &mut String, title: &str, items: Vec<String>| {
        if !items.is_empty() {
            s.push_str(&format!("\n{title}\n"));
            for it in items {
                s.push_str(&format!("  • {}\n", it.replace('\n', "\n    ")));
            }
        }
    };
    section(
        &mut s,
        "Errors",
        i.errors.iter().map(|e| e.message.clone()).collect(),
    );
    section(
        &mut s,
        "Root cause",
        i.root_causes
            .iter()
            .map(|r| first_line(r.title.as_deref(), &r.text))
            .collect(),
    );
    section(
        &mut s,
        "Fix",
        i.fixes
            .iter()
            .map(|r| first_line(r.title.as_deref(), &r.text))
            .collect(),
    );
    section(
        &mut s,
        "Changes",
        i.changes
            .iter()
            .map(|c| {
                let count = |x: &Option<String>| x.as_ref().map_or(0, |t| t.lines().count());
                format!(
                    "{} (-{} +{} lines)",
                    c.file
                        .clone()
                        .or_else(|| c.title.clone())
                        .unwrap_or_else(|| "code".into()),
                    count(&c.before),
                    count(&c.after)
                )
            })
            .collect(),
    );
    section(&mut s, "Lessons", i.lessons.clone());
    section(
        &mut s,
        "Action items",
        i.action_items
            .iter()
            .map(|a| format!("[{}] {}", if a.done { "x" } else { " " }, a.text))
            .collect(),
    );
    if !i.warnings.is_empty() {
        section(&mut s, "Warnings", i.warnings.clone());
    }
    s
}

fn first_line(title: Option<&str>, text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let line: String = line.chars().take(160).collect();
    match title {
        Some(t) => format!("{t}: {line}"),
        None => line,
    }
}

fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    for w in text.split_whitespace() {
        if col + w.len() > width && col > 0 {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += w.len();
    }
    out
}
