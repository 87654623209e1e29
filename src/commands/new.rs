//! `incidex new "TITLE"`: writes content/YYYY/slug.md from the template.

use super::Outcome;
use crate::extract::text::slugify;
use anyhow::{bail, Context, Result};
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The incident's title
    pub title: String,
    /// A service affected (repeatable)
    #[arg(long = "service")]
    pub services: Vec<String>,
    /// A tag (repeatable)
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// critical, high, medium or low
    #[arg(long, value_parser = ["critical", "high", "medium", "low"])]
    pub severity: Option<String>,
}

use crate::extract::template_text::NEW_REPORT as TEMPLATE;

fn yaml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    format!("[{}]", quoted.join(", "))
}

pub fn run(root: Option<&Path>, args: Args) -> Result<Outcome> {
    let (root, config) = super::open(root)?;
    let slug = slugify(&args.title);
    if slug.is_empty() {
        bail!("the title must contain letters or digits");
    }
    let today = chrono::Local::now().date_naive();
    let dir = root
        .join(&config.content_dir)
        .join(today.format("%Y").to_string());
    let path = dir.join(format!("{slug}.md"));
    if path.exists() {
        bail!("{} already exists", path.display());
    }
    let text = TEMPLATE
        .replace("{{title}}", &serde_json::to_string(&args.title)?)
        .replace("{{date}}", &today.format("%Y-%m-%d").to_string())
        .replace("{{severity}}", args.severity.as_deref().unwrap_or("medium"))
        .replace("{{services}}", &yaml_list(&args.services))
        .replace("{{tags}}", &yaml_list(&args.tags))
        .replace("{{heading}}", &args.title);
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    println!("{}", crate::source::display_path(&path, &root));
    Ok(Outcome::Ok)
}
