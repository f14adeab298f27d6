//! A panic inside an exporter, as the user reads it: what it said, where in
//! the plugin's source it happened and, when asked for, the backtrace.
//!
//! `catch_unwind` gives back the panic's payload, which holds the message
//! only. Where the panic happened, and the stack at that moment, are known
//! to the panic hook alone, which runs on the panicking thread before the
//! stack unwinds. So the SDK installs a hook (once per plugin: a plugin has
//! its own copy of the standard library, so the hook is the plugin's alone
//! and the host's is untouched) that, on a thread inside [`catch`], records
//! the message, the location and, when `BAOCAO_PLUGIN_BACKTRACE` or
//! `RUST_BACKTRACE` asks for it, a backtrace; [`catch`] then words what it
//! caught with them. The hook prints nothing for those panics: the user
//! reads them once, in baocao's error, not also as a "thread … panicked"
//! line on standard error.
//!
//! A panic on any other thread (one the exporter spawned itself) goes to
//! the hook that was there before, the standard one that prints it with
//! its location: baocao would otherwise never hear where it happened.
//!
//! The text is what the host prints after "panicked: ", so a host of any
//! version shows it as it is:
//!
//! ```text
//! index out of bounds: the len is 3 but the index is 7 at src/lib.rs:123:9
//! stack backtrace:
//!    0: …
//! ```

use std::any::Any;
use std::backtrace::Backtrace;
use std::cell::{Cell, RefCell};
use std::ffi::OsStr;
use std::panic::{AssertUnwindSafe, PanicHookInfo, catch_unwind};
use std::sync::Once;

/// The variable that asks for a plugin's backtrace: set and not `0`, a
/// panic's message carries the backtrace (`full`: every frame, with full
/// paths). Unset, `RUST_BACKTRACE` decides the same way, so a Rust
/// developer's habit works; `BAOCAO_PLUGIN_BACKTRACE=0` turns it off for
/// plugins alone.
pub const BACKTRACE_VARIABLE: &str = "BAOCAO_PLUGIN_BACKTRACE";

/// What the hook saw of a panic on a thread inside [`catch`].
struct Recorded {
    /// The payload's text, to tell this panic from another one's payload
    /// resumed later (`resume_unwind` does not run the hook).
    message: Option<String>,
    /// `file:line:col`.
    location: Option<String>,
    /// The stack when it panicked, when asked for.
    backtrace: Option<(Backtrace, Style)>,
}

/// How much of a backtrace to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// The frames from the capture on, with short paths (`RUST_BACKTRACE=1`).
    Short,
    /// Every frame, with full paths (`RUST_BACKTRACE=full`).
    Full,
}

thread_local! {
    /// Whether this thread is inside [`catch`], so that the hook records
    /// its panics rather than passing them on.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The last panic the hook recorded on this thread inside [`catch`].
    static RECORDED: RefCell<Option<Recorded>> = const { RefCell::new(None) };
}

/// Runs `f`, turning a panic into the text the host shows: the message,
/// ` at file:line:col`, and the backtrace when asked for.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let _inside = Inside::enter();
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload_text(payload.as_ref());
        let recorded = RECORDED
            .with(|r| r.borrow_mut().take())
            .filter(|r| r.message.as_deref() == message);
        describe(message, recorded.as_ref())
    })
}

/// Marks the thread as inside [`catch`] while it lives, and forgets what
/// the hook recorded before and during it (a panic the exporter caught
/// itself must not lend its location to a later one).
struct Inside {
    /// Whether the thread was already inside (an exporter that renders
    /// through another SDK plugin linked into it).
    was: bool,
}

impl Inside {
    fn enter() -> Inside {
        RECORDED.with(|r| r.borrow_mut().take());
        Inside {
            was: CATCHING.with(|c| c.replace(true)),
        }
    }
}

impl Drop for Inside {
    fn drop(&mut self) {
        CATCHING.with(|c| c.set(self.was));
        RECORDED.with(|r| r.borrow_mut().take());
    }
}

/// Installs the recording hook, once, in front of the one there was.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // `try_with`: a panic while the thread's locals are being
            // destroyed is not one of a render.
            if CATCHING.try_with(Cell::get).unwrap_or(false) {
                record(info);
            } else {
                before(info);
            }
        }));
    });
}

/// Records a panic of a thread inside [`catch`].
fn record(info: &PanicHookInfo<'_>) {
    let recorded = Recorded {
        message: info.payload_as_str().map(str::to_owned),
        location: info.location().map(ToString::to_string),
        backtrace: backtrace_style(
            std::env::var_os(BACKTRACE_VARIABLE).as_deref(),
            std::env::var_os("RUST_BACKTRACE").as_deref(),
        )
        .map(|style| (Backtrace::force_capture(), style)),
    };
    let _ = RECORDED.try_with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            *r = Some(recorded);
        }
    });
}

/// Whether, and how, to capture a backtrace, from the two variables.
fn backtrace_style(ours: Option<&OsStr>, rust: Option<&OsStr>) -> Option<Style> {
    match ours.or(rust)?.to_str() {
        Some("0") => None,
        Some("full") => Some(Style::Full),
        _ => Some(Style::Short),
    }
}

/// The text of a panic's payload: `panic!` makes a `&str` or a `String`.
fn payload_text(payload: &(dyn Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
}

/// The text the host shows after "panicked: ".
fn describe(message: Option<&str>, recorded: Option<&Recorded>) -> String {
    let mut text = match message {
        Some(m) if !m.is_empty() => m.to_owned(),
        _ => "a panic without a message".to_owned(),
    };
    if let Some(location) = recorded.and_then(|r| r.location.as_deref()) {
        text.push_str(" at ");
        text.push_str(location);
    }
    if let Some((backtrace, style)) = recorded.and_then(|r| r.backtrace.as_ref()) {
        let frames = match style {
            Style::Short => short(&backtrace.to_string()),
            Style::Full => format!("{backtrace:#}"),
        };
        text.push_str("\nstack backtrace:\n");
        text.push_str(frames.trim_end());
    }
    text
}

/// The frames of a backtrace (as `Backtrace` shows them) that are the
/// plugin's: from where the panic began to where the SDK called the
/// exporter, numbered from 0, as Rust's own short backtraces are. The
/// frames before are the hook's and the panic machinery's, those after the
/// SDK's and the host's, which a plugin's author cannot change; `full`
/// shows them all.
fn short(backtrace: &str) -> String {
    let mut frames: Vec<Vec<&str>> = Vec::new();
    for line in backtrace.lines() {
        match frames.last_mut() {
            Some(frame) if frame_number(line).is_none() => frame.push(line),
            _ => frames.push(vec![line]),
        }
    }
    fn symbol<'a>(frame: &[&'a str]) -> &'a str {
        frame.first().copied().unwrap_or_default()
    }
    // As the standard hook does: everything up to the panic machinery's
    // marker frame is the machinery.
    let first = frames
        .iter()
        .rposition(|f| symbol(f).contains("__rust_end_short_backtrace"))
        .map_or(0, |i| i + 1);
    // The SDK's frame that called the exporter (a render's, or the options
    // check's) is the last one shown; with none (an exporter called
    // without the C ABI), the standard marker.
    let last = frames[first..]
        .iter()
        .position(|f| {
            let symbol = symbol(f);
            symbol.contains("baocao_plugin_api::runtime::run")
                || symbol.contains("baocao_plugin_api::runtime::validate_options")
        })
        .map(|i| first + i + 1)
        .or_else(|| {
            frames[first..]
                .iter()
                .position(|f| symbol(f).contains("__rust_begin_short_backtrace"))
                .map(|i| first + i)
        })
        .unwrap_or(frames.len());
    let mut out = String::new();
    for (number, frame) in frames[first..last].iter().enumerate() {
        for (i, line) in frame.iter().enumerate() {
            match (i, frame_number(line)) {
                (0, Some(rest)) => out.push_str(&format!("{number:>4}: {rest}")),
                _ => out.push_str(line),
            }
            out.push('\n');
        }
    }
    out
}

/// For the first line of a frame (`  12: symbol`), the text after the
/// number.
fn frame_number(line: &str) -> Option<&str> {
    let (number, rest) = line.trim_start().split_once(": ")?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What was caught, without the backtrace that `RUST_BACKTRACE` in
    /// the test's environment may add.
    fn first_line(caught: &str) -> &str {
        caught.split("\nstack backtrace:\n").next().unwrap()
    }

    #[test]
    fn a_panic_is_its_message_and_its_place() {
        let line = line!() + 2;
        let caught = catch(|| {
            std::hint::black_box(Vec::<u8>::new())[7] // column 51, the `[`
        })
        .unwrap_err();
        assert_eq!(
            first_line(&caught),
            format!(
                "index out of bounds: the len is 0 but the index is 7 at {}:{line}:51",
                file!()
            )
        );
    }

    #[test]
    fn a_panic_with_a_formatted_message_or_none() {
        let line = line!() + 2;
        let caught = catch(|| {
            panic!("bad {}", 7) // column 13
        })
        .unwrap_err();
        assert_eq!(
            first_line(&caught),
            format!("bad 7 at {}:{line}:13", file!())
        );
        let caught = catch(|| std::panic::panic_any(7_u8)).unwrap_err();
        assert!(
            first_line(&caught).starts_with("a panic without a message at "),
            "{caught}"
        );
    }

    #[test]
    fn a_payload_resumed_without_the_hook_has_no_place() {
        let caught = catch(|| {
            let first = catch_unwind(|| panic!("first")).unwrap_err();
            std::panic::resume_unwind(Box::new(format!(
                "{} again",
                payload_text(first.as_ref()).unwrap()
            )))
        })
        .unwrap_err();
        assert_eq!(caught, "first again");
    }

    #[test]
    fn nothing_is_left_recorded_after_a_render_that_did_not_panic() {
        assert_eq!(
            catch(|| catch_unwind(|| panic!("caught inside")).is_err()),
            Ok(true)
        );
        assert!(RECORDED.with(|r| r.borrow().is_none()));
        assert!(!CATCHING.with(Cell::get));
    }

    #[test]
    fn the_backtrace_variables() {
        let s = |v: &'static str| Some(OsStr::new(v));
        assert_eq!(backtrace_style(None, None), None);
        assert_eq!(backtrace_style(None, s("0")), None);
        assert_eq!(backtrace_style(None, s("1")), Some(Style::Short));
        assert_eq!(backtrace_style(None, s("full")), Some(Style::Full));
        assert_eq!(backtrace_style(s("1"), None), Some(Style::Short));
        assert_eq!(backtrace_style(s("1"), s("0")), Some(Style::Short));
        // ours wins, to quieten plugins while the host's own backtraces print
        assert_eq!(backtrace_style(s("0"), s("1")), None);
    }

    #[test]
    fn a_backtrace_follows_the_place() {
        let recorded = Recorded {
            message: Some("boom".to_owned()),
            location: Some("src/lib.rs:3:5".to_owned()),
            backtrace: Some((Backtrace::force_capture(), Style::Full)),
        };
        let text = describe(Some("boom"), Some(&recorded));
        assert!(
            text.starts_with("boom at src/lib.rs:3:5\nstack backtrace:\n   0: "),
            "{text}"
        );
    }

    /// The frames of a real panic's backtrace, as the SDK's hook captures
    /// them, shortened.
    const CAPTURED: &str = "   0: baocao_plugin_api::panics::record::{{closure}}
             at ./src/panics.rs:136:23
   1: std::panicking::panic_with_hook
             at /rustc/x/library/std/src/panicking.rs:833:13
   2: std::sys::backtrace::__rust_end_short_backtrace::<std::panicking::panic_handler::{closure#0}, !>
             at /rustc/x/library/std/src/sys/backtrace.rs:182:18
   3: __rustc::rust_begin_unwind
             at /rustc/x/library/std/src/panicking.rs:689:5
   4: core::panicking::panic_bounds_check
             at /rustc/x/library/core/src/panicking.rs:271:5
   5: <fault_index::Indexing as baocao_plugin_api::Exporter>::render
             at ./tests/plugins/fault-index/src/lib.rs:40:9
   6: baocao_plugin_api::runtime::run
             at ./crates/baocao-plugin-api/src/runtime.rs:120:5
   7: baocao_plugin_api::panics::catch
             at ./crates/baocao-plugin-api/src/panics.rs:76:5
   8: __rust_try
   9: baocao_plugin_host::call
             at ./crates/baocao-plugin-host/src/lib.rs:500:9
  10: std::sys::backtrace::__rust_begin_short_backtrace
  11: start_thread
";

    #[test]
    fn a_short_backtrace_is_the_plugin_s_frames() {
        assert_eq!(
            short(CAPTURED),
            "   0: __rustc::rust_begin_unwind
             at /rustc/x/library/std/src/panicking.rs:689:5
   1: core::panicking::panic_bounds_check
             at /rustc/x/library/core/src/panicking.rs:271:5
   2: <fault_index::Indexing as baocao_plugin_api::Exporter>::render
             at ./tests/plugins/fault-index/src/lib.rs:40:9
   3: baocao_plugin_api::runtime::run
             at ./crates/baocao-plugin-api/src/runtime.rs:120:5
"
        );
        // without the SDK's frame, up to the standard marker
        let without: String = CAPTURED.replace("runtime::run", "runtime::other");
        assert!(short(&without).contains("   6: baocao_plugin_host::call\n"));
        assert!(!short(&without).contains("__rust_begin_short_backtrace"));
    }
}
