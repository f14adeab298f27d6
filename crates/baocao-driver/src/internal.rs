//! A panic while making one report of a batch is a bug of baocao, not of
//! the batch: it is caught, and becomes that report's failure with its
//! message and place ("please report this"), while the other reports go on.
//!
//! The message and place are taken by a panic hook, installed once per
//! process, which records them for a thread that is inside [`catch`] and
//! hands every other panic to the hook that was there before: a library
//! never silences the panics of the program that uses it, and never prints
//! one of its own (the place goes into the report's failure instead).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// A caught panic: its message and where it was raised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Panic {
    /// What the panic said.
    pub(crate) message: String,
    /// `file:line`, when the hook saw it.
    pub(crate) place: Option<String>,
}

impl std::fmt::Display for Panic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{} at {place}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

thread_local! {
    /// Whether this thread is inside `catch`.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// What the hook saw of this thread's last panic inside `catch`.
    static CAUGHT: RefCell<Option<Panic>> = const { RefCell::new(None) };
}

/// Runs `f`, returning the panic it raised instead of unwinding further.
pub(crate) fn catch<T>(f: impl FnOnce() -> T) -> Result<T, Panic> {
    install_hook();
    // Nothing stale from a panic that something inside caught itself.
    CAUGHT.take();
    let outer = CATCHING.replace(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.set(outer);
    result.map_err(|payload| {
        CAUGHT.take().unwrap_or_else(|| Panic {
            // Another hook replaced ours: the payload still says what.
            message: message(payload.as_ref()),
            place: None,
        })
    })
}

fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let before = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CATCHING.get() {
                CAUGHT.set(Some(Panic {
                    message: message(info.payload()),
                    place: info
                        .location()
                        .map(|l| format!("{}:{}", l.file(), l.line())),
                }));
            } else {
                before(info);
            }
        }));
    });
}

/// The text of a panic's payload (`panic!("…")` gives a `&str` or a
/// `String`; anything else is rare).
fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_caught_with_its_message_and_place() {
        let line = line!() + 1;
        let caught = catch(|| -> u8 { panic!("the {} broke", "engine") }).unwrap_err();
        assert_eq!(caught.message, "the engine broke");
        assert_eq!(
            caught.place.as_deref(),
            Some(format!("{}:{line}", file!()).as_str())
        );
        assert_eq!(catch(|| 7).unwrap(), 7);
    }

    #[test]
    fn after_a_catch_panics_go_to_the_hook_before() {
        let _ = catch(|| -> () { panic!("inside") });
        assert!(!CATCHING.get());
        assert_eq!(CAUGHT.take(), None);
    }
}
