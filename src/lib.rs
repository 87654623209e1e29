//! incidex: a folder of Markdown postmortems → structured incidents, a
//! search index and a static site. The pipeline lives here so tests can
//! drive it without the command line; `main.rs` only parses arguments.

pub mod alias;
pub mod build;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod extract;
pub mod index;
pub mod load;
pub mod model;
pub mod output;
pub mod plural;
pub mod render;
pub mod serve;
pub mod source;
pub mod url_policy;
