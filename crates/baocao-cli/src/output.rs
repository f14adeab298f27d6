//! Everything printed about problems, in one place: diagnostics with the
//! source line and a caret (colour only on a terminal), or as JSON lines
//! with `--message-format json`; always on standard error, so that a
//! report sent to standard output (`--out -`) or a batch's `--json`
//! summary is never mixed with them.

use std::io::{IsTerminal, Write};

use baocao_driver::{Department, Diagnostic, DriverError, Severity, Style};

use crate::MessageFormat;

/// Prints diagnostics and progress lines.
pub(crate) struct Printer {
    format: MessageFormat,
    style: Style,
}

impl Printer {
    pub(crate) fn new(format: MessageFormat) -> Self {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Printer {
            format,
            style: if color { Style::Color } else { Style::Plain },
        }
    }

    /// Diagnostics, each once, with the lines of the files they point
    /// into (the department's own when it is given).
    pub(crate) fn diagnostics(&self, mut list: Vec<Diagnostic>, dept: Option<&Department>) {
        baocao_driver::dedup(&mut list);
        baocao_driver::attach_sources(&mut list, dept);
        let text = match self.format {
            MessageFormat::Human => baocao_driver::render_diagnostics(&list, self.style),
            MessageFormat::Json => baocao_driver::diagnostics_json(&list),
        };
        // Nothing more can be done when standard error is closed.
        let _ = std::io::stderr().write_all(text.as_bytes());
    }

    /// A line for people (`wrote out/hanoi/2024.md`, a summary); left out
    /// of JSON output, which holds diagnostics only.
    pub(crate) fn say(&self, line: &str) {
        if self.format == MessageFormat::Human {
            let _ = writeln!(std::io::stderr(), "{line}");
        }
    }

    /// What stopped a command.
    pub(crate) fn failure(&self, e: &Failure) {
        match e {
            Failure::Driver(e) => self.diagnostics(e.diagnostics(), None),
            Failure::Other(e) => self.diagnostics(vec![Diagnostic::error(format!("{e:#}"))], None),
        }
    }

    /// `2 error(s), 1 warning(s)` of a list, or `None` when it has none.
    pub(crate) fn counts(list: &[Diagnostic]) -> (usize, usize, usize) {
        let n = |s: Severity| list.iter().filter(|d| d.severity == s).count();
        (n(Severity::Error), n(Severity::Warning), n(Severity::Note))
    }
}

/// Why a command stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A problem of the department, its data or its templates.
    Driver(DriverError),
    /// Anything else (standard output closed).
    Other(anyhow::Error),
}

impl From<DriverError> for Failure {
    fn from(e: DriverError) -> Self {
        Failure::Driver(e)
    }
}

impl From<baocao_driver::ConfigError> for Failure {
    fn from(e: baocao_driver::ConfigError) -> Self {
        Failure::Driver(e.into())
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Other(e.into())
    }
}

/// What a subcommand returns.
pub(crate) type Outcome = Result<std::process::ExitCode, Failure>;
