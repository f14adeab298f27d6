//! The Markdown exporter's integration tests: every output is parsed back
//! with pulldown-cmark and must read as the document it came from.

#![allow(clippy::unwrap_used, reason = "tests")]

mod escaping;
mod layout;
mod reading;
mod runtime;
