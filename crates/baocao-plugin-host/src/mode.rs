//! Where plugins run: in the host's process (the default, fast) or each in
//! worker processes of its own ([`Mode::Isolated`]), and how a worker can
//! stop without answering ([`Stop`]).

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// How long one render in a worker may take before the worker is stopped:
/// a report renders in well under a millisecond, so only a plugin that
/// hangs comes near it.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(30);

/// How much address space (`RLIMIT_AS`) a worker process may use: 4 GiB,
/// a thousand times what rendering a report needs, and less than the
/// machine has, so a plugin that allocates without bound fails alone.
pub const DEFAULT_MEMORY_LIMIT: u64 = 4 << 30;

/// The `baocao` subcommand that serves a plugin ([`crate::worker::serve`]).
pub const WORKER_SUBCOMMAND: &str = "plugin-worker";

/// For tests only: a time limit in milliseconds (a whole number above
/// 0) that [`Isolation::of_baocao`] uses instead of
/// [`DEFAULT_TIME_LIMIT`], so that a test of a plugin that never returns
/// does not wait 30 s.
pub const TIME_LIMIT_VARIABLE: &str = "BAOCAO_PLUGIN_TIME_LIMIT_MS";

/// Where a [`crate::PluginSet`]'s plugins run.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// Loaded into this process and called directly: the fastest, and a
    /// plugin can do anything this process can (exit it, crash it, hang
    /// it, write to its standard output).
    #[default]
    InProcess,
    /// Each plugin loaded and called in worker processes: a plugin that
    /// exits, crashes, hangs, allocates without bound or prints fails its
    /// own render, and the next render starts a new worker.
    Isolated(Isolation),
}

/// How isolated plugins run: the worker program and its limits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Isolation {
    /// The program run as a worker; it must call [`crate::worker::serve`].
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// How long one render (or loading the library) may take.
    pub time_limit: Duration,
    /// The worker's address space limit, in bytes.
    pub memory_limit: u64,
}

impl Isolation {
    /// Workers run as `program args…`, with the default limits.
    pub fn new(program: PathBuf, args: Vec<OsString>) -> Self {
        Isolation {
            program,
            args,
            time_limit: DEFAULT_TIME_LIMIT,
            memory_limit: DEFAULT_MEMORY_LIMIT,
        }
    }

    /// Workers run as `<baocao> plugin-worker`, `baocao` being the given
    /// executable (the running one), with the default limits, except a
    /// time limit set in [`TIME_LIMIT_VARIABLE`] (for tests).
    pub fn of_baocao(baocao: PathBuf) -> Self {
        let mut isolation = Isolation::new(baocao, vec![WORKER_SUBCOMMAND.into()]);
        if let Some(ms) = std::env::var(TIME_LIMIT_VARIABLE)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|&ms| ms > 0)
        {
            isolation.time_limit = Duration::from_millis(ms);
        }
        isolation
    }
}

/// How a worker process stopped without answering.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Stop {
    /// It exited, with this status.
    Exited(i32),
    /// A signal killed it.
    Killed {
        /// The signal's number.
        signal: i32,
    },
    /// It took longer than the time limit, and the host killed it.
    TimedOut(Duration),
    /// It could not be started, or it broke the protocol: the reason, as a
    /// clause whose subject is the plugin ("could not start its worker
    /// process: …").
    Unavailable(String),
}

impl Stop {
    /// What happened, as a clause whose subject is the plugin, `doing`
    /// saying what it was asked to do ("rendering").
    pub fn describe(&self, doing: &str) -> String {
        match self {
            Stop::Exited(status) => format!("exited with status {status} before answering"),
            Stop::Killed { signal } => match signal_name(*signal) {
                Some(name) => format!("was killed by signal {signal} ({name}) while {doing}"),
                None => format!("was killed by signal {signal} while {doing}"),
            },
            Stop::TimedOut(limit) => {
                format!("took longer than {} and was stopped", Seconds(*limit))
            }
            Stop::Unavailable(why) => why.clone(),
        }
    }

    /// What the user may need to know beyond [`Stop::describe`], or
    /// nothing.
    pub(crate) fn hint(&self, isolation: &Isolation) -> String {
        match self {
            Stop::Killed { signal } if signal_name(*signal) == Some("SIGABRT") => format!(
                "it aborted, as Rust code does when it cannot allocate memory (a worker may use {} of address space)",
                Bytes(isolation.memory_limit)
            ),
            Stop::Killed { signal } if signal_name(*signal) == Some("SIGKILL") => {
                "something outside baocao killed it, such as the system running out of memory"
                    .to_owned()
            }
            _ => String::new(),
        }
    }
}

/// The usual name of a signal (`SIGSEGV`), for the signals a crashing
/// plugin meets.
pub(crate) fn signal_name(signal: i32) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use rustix::process::Signal;
        let names = [
            (Signal::SEGV, "SIGSEGV"),
            (Signal::ABORT, "SIGABRT"),
            (Signal::BUS, "SIGBUS"),
            (Signal::FPE, "SIGFPE"),
            (Signal::ILL, "SIGILL"),
            (Signal::KILL, "SIGKILL"),
            (Signal::TERM, "SIGTERM"),
            (Signal::INT, "SIGINT"),
            (Signal::HUP, "SIGHUP"),
            (Signal::PIPE, "SIGPIPE"),
            (Signal::TRAP, "SIGTRAP"),
            (Signal::SYS, "SIGSYS"),
            (Signal::XCPU, "SIGXCPU"),
            (Signal::XFSZ, "SIGXFSZ"),
        ];
        names
            .iter()
            .find(|(s, _)| s.as_raw() == signal)
            .map(|&(_, name)| name)
    }
    #[cfg(not(unix))]
    {
        let _ = signal;
        None
    }
}

/// A duration as a person reads a limit: `30 s`, `250 ms`.
struct Seconds(Duration);

impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.as_millis();
        if ms.is_multiple_of(1000) {
            write!(f, "{} s", ms / 1000)
        } else {
            write!(f, "{ms} ms")
        }
    }
}

/// A size as a person reads a limit: `4 GiB`, `512 MiB`.
struct Bytes(u64);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MIB: u64 = 1 << 20;
        const GIB: u64 = 1 << 30;
        match self.0 {
            n if n.is_multiple_of(GIB) => write!(f, "{} GiB", n / GIB),
            n if n.is_multiple_of(MIB) => write!(f, "{} MiB", n / MIB),
            n => write!(f, "{n} bytes"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_read_as_sentences() {
        assert_eq!(
            Stop::Killed { signal: 11 }.describe("rendering"),
            "was killed by signal 11 (SIGSEGV) while rendering"
        );
        assert_eq!(
            Stop::Exited(0).describe("rendering"),
            "exited with status 0 before answering"
        );
        assert_eq!(
            Stop::TimedOut(DEFAULT_TIME_LIMIT).describe("rendering"),
            "took longer than 30 s and was stopped"
        );
        assert_eq!(
            Stop::TimedOut(Duration::from_millis(250)).describe("rendering"),
            "took longer than 250 ms and was stopped"
        );
        let isolation = Isolation::new(PathBuf::new(), Vec::new());
        assert!(
            Stop::Killed { signal: 6 }
                .hint(&isolation)
                .contains("4 GiB of address space")
        );
    }
}
