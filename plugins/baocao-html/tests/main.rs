//! The HTML exporter's integration tests: escaping, document structure and
//! a snapshot of a realistic report.

#![allow(clippy::unwrap_used, reason = "tests")]

mod escaping;
mod runtime;
mod structure;
