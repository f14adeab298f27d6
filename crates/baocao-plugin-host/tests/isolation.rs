//! Plugins in worker processes: loaded and described there, rendering the
//! same bytes as in process, and every way a plugin can take a process
//! down (exit, crash, abort, hang, unbounded allocation) costing only its
//! own render, the next render starting a new worker.
//!
//! The worker here is this test executable itself: [`worker_process`] is
//! the entry it is started at (`baocao plugin-worker` in the product).

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Barrier;
use std::time::Duration;

use baocao_plugin_host::{Failure, Isolation, Mode, PluginSet, Reason, RenderError, Stop};

use crate::{
    MARKDOWN, PluginDir, assert_markdown_renders, document_json, load_faults::garbage,
    markdown_output, render_text,
};

/// The argument that tells [`worker_process`] it was started as a worker;
/// to the test harness it is one more filter, which no test matches.
const AS_WORKER: &str = "as-plugin-worker";

/// Not a test: the worker process of these tests. The host starts this
/// executable with this test's name and [`AS_WORKER`] as filters, and it
/// serves until the host closes its end. Started by `cargo test`, without
/// [`AS_WORKER`], it returns at once.
#[test]
#[allow(
    clippy::print_stderr,
    reason = "a worker process reports a broken channel as baocao plugin-worker does"
)]
fn worker_process() {
    if std::env::args().any(|a| a == AS_WORKER) {
        let code = match baocao_plugin_host::worker::serve() {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("test worker: {e}");
                1
            }
        };
        std::process::exit(code);
    }
}

/// Workers that are this executable, through `sh` only to send the test
/// harness's own chatter ("running 1 test") to /dev/null and to keep a
/// failed allocation from printing a backtrace: `exec` keeps the process,
/// so its exit status and signal are the harness's.
fn isolation() -> Isolation {
    let exe = std::env::current_exe().unwrap();
    let script = "RUST_BACKTRACE=0 exec \"$0\" isolation::worker_process --exact --test-threads=1 \"$1\" >/dev/null";
    Isolation::new(
        PathBuf::from("/bin/sh"),
        ["-c", script]
            .map(OsString::from)
            .into_iter()
            .chain([exe.into_os_string(), AS_WORKER.into()])
            .collect(),
    )
}

pub(crate) fn isolated(dir: &PluginDir) -> PluginSet {
    isolated_with(dir, isolation())
}

fn isolated_with(dir: &PluginDir, isolation: Isolation) -> PluginSet {
    let set = PluginSet::load_with(&[dir.path().to_path_buf()], &Mode::Isolated(isolation));
    for p in set.plugins() {
        assert!(p.isolation().is_some(), "{} is isolated", p.format_id);
    }
    set
}

/// The descriptor read in a worker is the one read in process, and every
/// broken file is rejected for the same reason, without any of their code
/// running here.
#[test]
fn loading_in_a_worker_finds_what_loading_in_process_finds() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    for name in [
        "wrong_abi",
        "wrong_magic",
        "bad_utf8",
        "no_entry",
        "null_render",
        "panic",
        "abi_v2",
        "abi_1_0",
    ] {
        dir.plugin(&format!("fault_{name}"), name);
    }
    dir.write("libbaocao_garbage.so", &garbage(4096));
    dir.copy("fault_duplicate", "libbaocao_zz_duplicate.so");

    let here = dir.load();
    let there = isolated(&dir);
    let described = |set: &PluginSet| {
        set.plugins()
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.version.clone(),
                    p.format_id.clone(),
                    p.extension.clone(),
                    p.mime_type.clone(),
                    p.path.clone(),
                    p.abi_minor,
                    p.validates_options(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(described(&there), described(&here));
    assert_eq!(there.rejected(), here.rejected());
    assert_eq!(there.rejected().len(), 8, "{:?}", there.rejected());
    assert!(here.plugins().iter().all(|p| p.isolation().is_none()));
    assert_markdown_renders(&there);
}

/// The bytes, and every failure a plugin reports itself, are the same in a
/// worker as in process.
#[test]
fn a_worker_renders_and_fails_like_the_plugin_in_process() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    dir.plugin("fault_panic", "panic");
    dir.plugin("fault_index", "index");
    dir.plugin("fault_error", "error");
    let here = dir.load();
    let there = isolated(&dir);
    let document = document_json();
    for (format, doc, options) in [
        ("md", &document[..], &b""[..]),
        ("md", &document[..], &b"{\"flavour\": \"commonmark\"}"[..]),
        ("md", &b"not json"[..], &b""[..]),
        ("md", &document[..], &b"{\"no_such_option\": 1}"[..]),
        ("panic", &document[..], &b""[..]),
        ("index", &document[..], &b""[..]),
        ("error", &document[..], &b""[..]),
    ] {
        let want = without_backtrace(here.get(format).unwrap().render(doc, options));
        let got = without_backtrace(there.get(format).unwrap().render(doc, options));
        if options.starts_with(b"{\"no_such") {
            let failure = want.as_ref().map_err(|e| &e.failure).unwrap_err();
            assert!(
                matches!(failure, Failure::BadOptions { key, .. } if key == "no_such_option"),
                "{failure:?}"
            );
        }
        assert_eq!(got, want, "{format} {:?}", String::from_utf8_lossy(options));
    }
    assert_eq!(
        render_text(there.get("md").unwrap(), &document, b"").unwrap(),
        markdown_output()
    );
}

/// A render's result without the backtrace that `RUST_BACKTRACE` in the
/// test's environment adds to a panic's message, which differs between
/// this process and a worker (whose stack is not this one, and whose
/// `RUST_BACKTRACE` is 0).
fn without_backtrace(rendered: Result<Vec<u8>, RenderError>) -> Result<Vec<u8>, RenderError> {
    rendered.map_err(|mut e| {
        if let Some((message, _)) = e.message.split_once("\nstack backtrace:\n") {
            e.message = message.to_owned();
        }
        e
    })
}

/// Renders with a fault plugin, twice, beside Markdown: both renders fail
/// the same way (the second in a new worker), and Markdown renders.
fn check_fault(fault: &str, isolation: Isolation, want: &Stop, says: &str) {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    let path = dir.plugin(&format!("fault_{fault}"), fault);
    let set = isolated_with(&dir, isolation);
    assert_eq!(set.rejected(), []);
    let faulty = set.get(fault).unwrap();
    for _ in 0..2 {
        let err: RenderError = faulty.render(&document_json(), b"").unwrap_err();
        assert_eq!(err.failure, Failure::Stopped(want.clone()), "{err}");
        assert_eq!(err.path, path);
        let shown = err.to_string();
        assert!(
            shown.starts_with(&format!(
                "plugin {} (format `{fault}`) {says}",
                path.display()
            )),
            "{shown}"
        );
        assert_markdown_renders(&set);
    }
}

#[test]
fn a_plugin_that_exits_fails_its_render_alone() {
    check_fault(
        "exit",
        isolation(),
        &Stop::Exited(0),
        "exited with status 0 before answering",
    );
}

#[test]
fn a_plugin_that_crashes_fails_its_render_alone() {
    check_fault(
        "segfault",
        isolation(),
        &Stop::Killed { signal: 11 },
        "was killed by signal 11 (SIGSEGV) while rendering",
    );
}

#[test]
fn a_plugin_that_aborts_fails_its_render_alone() {
    check_fault(
        "abort",
        isolation(),
        &Stop::Killed { signal: 6 },
        "was killed by signal 6 (SIGABRT) while rendering: it aborted",
    );
}

/// The worker's address space is limited, so allocating without bound
/// ends in a failed allocation, which Rust answers with an abort.
#[test]
fn a_plugin_that_allocates_without_bound_fails_its_render_alone() {
    let mut isolation = isolation();
    isolation.memory_limit = 1 << 30;
    check_fault(
        "alloc",
        isolation,
        &Stop::Killed { signal: 6 },
        "was killed by signal 6 (SIGABRT) while rendering: it aborted, as Rust code does when it cannot allocate memory (a worker may use 1 GiB of address space)",
    );
}

/// A short time limit, so that the test does not wait 30 s; nothing here
/// depends on how long anything takes, only on the worker never answering.
#[test]
fn a_plugin_that_never_returns_is_stopped() {
    let mut isolation = isolation();
    isolation.time_limit = Duration::from_millis(300);
    check_fault(
        "spin",
        isolation,
        &Stop::TimedOut(Duration::from_millis(300)),
        "took longer than 300 ms and was stopped",
    );
}

/// What a plugin prints on its standard output goes to the host's standard
/// error, never into the channel.
#[test]
fn a_plugin_that_prints_still_answers() {
    let dir = PluginDir::new();
    dir.plugin("fault_stdout", "stdout");
    let set = isolated(&dir);
    for _ in 0..3 {
        let out = render_text(set.get("stdout").unwrap(), &document_json(), b"").unwrap();
        assert_eq!(out, crate::expected_stdout::RENDERED);
    }
}

/// A batch renders from several threads: each takes a worker of its own,
/// crashes among them restart workers, and no thread waits for another's.
#[test]
fn threads_share_the_workers_and_survive_crashes_among_them() {
    const THREADS: usize = 4;
    const ROUNDS: usize = 5;
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    dir.plugin("fault_segfault", "segfault");
    let set = isolated(&dir);
    let document = document_json();
    let start = Barrier::new(THREADS);
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| {
                start.wait();
                for _ in 0..ROUNDS {
                    assert_eq!(
                        render_text(set.get("md").unwrap(), &document, b"").unwrap(),
                        markdown_output()
                    );
                    let err = set
                        .get("segfault")
                        .unwrap()
                        .render(&document, b"")
                        .unwrap_err();
                    assert_eq!(err.failure, Failure::Stopped(Stop::Killed { signal: 11 }));
                }
            });
        }
    });
}

#[test]
fn a_worker_that_cannot_start_rejects_every_plugin() {
    let dir = PluginDir::new();
    let path = dir.plugin(MARKDOWN, "markdown");
    let isolation = Isolation::new(dir.path().join("no-such-program"), Vec::new());
    let set = PluginSet::load_with(&[dir.path().to_path_buf()], &Mode::Isolated(isolation));
    assert!(set.plugins().is_empty());
    let [rejected] = set.rejected() else {
        panic!("{:?}", set.rejected());
    };
    assert_eq!(rejected.path, path);
    assert!(
        matches!(&rejected.reason, Reason::Worker(Stop::Unavailable(_))),
        "{:?}",
        rejected.reason
    );
    let shown = rejected.reason.to_string();
    assert!(
        shown.starts_with("could not start its worker process ("),
        "{shown}"
    );
}

/// In process, a plugin that changes directory has it changed back when
/// its call returns.
#[test]
fn in_process_the_working_directory_is_put_back() {
    let dir = PluginDir::new();
    dir.plugin("fault_chdir", "chdir");
    let set = dir.load();
    let before = std::env::current_dir().unwrap();
    let out = render_text(set.get("chdir").unwrap(), &document_json(), b"").unwrap();
    assert_eq!(out, crate::expected_chdir::RENDERED);
    assert_eq!(std::env::current_dir().unwrap(), before);
}
