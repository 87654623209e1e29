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
    // Errors (front matter read line by line) are said whatever the
    // verbosity, and the exit code tells a script the report needs fixing.
    let mut errors = false;
    for d in &diagnostics {
        if d.level == crate::diagnostic::Level::Error {
            errors = true;
            eprintln!("{d}");
        } else {
            tracing::info!("{d}");
        }
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&incident)?);
    } else {
        print!("{}", human(&incident));
    }
    Ok(if errors {
        Outcome::ContentErrors
    } else {
        Outcome::Ok
    })
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
                // Continuation lines indented under the bullet; blank
                // lines between paragraphs stay blank.
                let indented: Vec<String> = it
                    .lines()
                    .map(|l| {
                        if l.is_empty() {
                            String::new()
                        } else {
                            format!("    {l}")
                        }
                    })
                    .collect();
                s.push_str(&format!("  • {}\n", indented.join("\n").trim_start()));
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
            .map(|r| narrative(r.title.as_deref(), &r.text, "root cause"))
            .filter(|t| !t.trim().is_empty())
            .collect(),
    );
    section(
        &mut s,
        "Fix",
        i.fixes
            .iter()
            .map(|r| narrative(r.title.as_deref(), &r.text, "fix"))
            // A fix that is only code is told by its changes below.
            .filter(|t| !t.trim().is_empty())
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

/// A root cause or fix in full, for the terminal: its paragraphs wrapped,
/// list items on lines of their own, code blocks left out (the changes
/// show the code) with the bare "Before"/"After" labels that led them. A
/// title that only names the section ("Root Cause") is not repeated.
fn narrative(title: Option<&str>, text: &str, section: &str) -> String {
    let mut paragraphs: Vec<(String, bool)> = Vec::new(); // (text, followed by code)
    let mut current: Vec<String> = Vec::new();
    let mut fence: Option<String> = None;
    let flush = |current: &mut Vec<String>, paragraphs: &mut Vec<(String, bool)>| {
        if !current.is_empty() {
            paragraphs.push((current.join("\n"), false));
            current.clear();
        }
    };
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(open) = &fence {
            if t.starts_with(open.as_str()) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            flush(&mut current, &mut paragraphs);
            if let Some(last) = paragraphs.last_mut() {
                last.1 = true;
            }
            fence = Some(t[..3].to_string());
            continue;
        }
        if t.is_empty() {
            flush(&mut current, &mut paragraphs);
        } else {
            current.push(t.to_string());
        }
    }
    flush(&mut current, &mut paragraphs);
    let label =
        |p: &str| p.split_whitespace().count() <= 3 && !p.contains('.') && !p.contains('\n');
    let generic = |t: &str| {
        let t: String = t.chars().filter(|c| c.is_alphanumeric()).collect();
        let s: String = section.chars().filter(|c| c.is_alphanumeric()).collect();
        t.eq_ignore_ascii_case(&s) || t.eq_ignore_ascii_case(&format!("{s}s"))
    };
    let title = title.filter(|t| !generic(t));
    let body: Vec<String> = paragraphs
        .iter()
        .filter(|(p, before_code)| !(*before_code && label(p)))
        .enumerate()
        .map(|(n, (p, _))| {
            // The title leads the first paragraph: "Summary: The binary…".
            let p = match title {
                Some(t) if n == 0 => format!("{t}: {p}"),
                _ => p.clone(),
            };
            // A list item keeps its own line; other lines of a paragraph
            // are one text, wrapped.
            let mut lines: Vec<String> = Vec::new();
            for l in p.lines() {
                let item = l.starts_with(['-', '*', '+'])
                    || l.split_once(". ")
                        .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()));
                match lines.last_mut() {
                    Some(last) if !item => {
                        last.push(' ');
                        last.push_str(l);
                    }
                    _ => lines.push(l.to_string()),
                }
            }
            lines
                .iter()
                .map(|l| wrap(l, 96))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    match title {
        Some(t) if body.is_empty() => t.to_string(),
        _ => body.join("\n\n"),
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
