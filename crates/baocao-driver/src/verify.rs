//! `baocao plugins --verify FILE`: what a plugin author runs before
//! shipping an exporter, and what baocao's own CI runs on each shipped one.
//!
//! Each check is one line of the report, passed or failed with its reason.
//! The plugin's code first runs only in worker processes, under a time and
//! a memory limit, so a plugin that crashes, exits, hangs or allocates
//! without bound fails its check and never takes baocao down. Only a
//! plugin that passed those runs in this process, for what only this
//! process can see: that the same document gives the same bytes twice and
//! on two threads at once, and that it leaves the working directory alone.

use std::path::{Path, PathBuf};
use std::time::Duration;

use baocao_plugin_host::{Isolation, Mode, Plugin, PluginSet};

use crate::{Department, PluginSearch};

/// The most a plugin may write for one report: the largest shipped output
/// (a Word file) is a few dozen KiB; anything past this is a runaway.
pub const MAX_OUTPUT: usize = 64 * 1024 * 1024;

/// How long one render may take in the verification: the shipped
/// exporters take milliseconds.
pub const TIME_LIMIT: Duration = Duration::from_secs(10);

/// One check and how it went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// What was checked, for people.
    pub check: String,
    /// `None` when it held; else why not.
    pub failure: Option<String>,
}

impl Verdict {
    fn passed(check: impl Into<String>) -> Self {
        Verdict {
            check: check.into(),
            failure: None,
        }
    }

    fn failed(check: impl Into<String>, why: impl Into<String>) -> Self {
        Verdict {
            check: check.into(),
            failure: Some(why.into()),
        }
    }
}

/// The documents a plugin is verified on: the built-in department's
/// report as this baocao makes it, then the SDK's test documents (one with
/// every kind of block and inline, and one with kinds of a later version).
pub fn documents(dept: &Department) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    let ds = crate::load_dataset(dept, None).map_err(|e| e.to_string())?;
    let period = ds
        .latest_period()
        .ok_or_else(|| "the built-in department has no data".to_owned())?;
    let figures = std::sync::Arc::new(baocao_calc::compute(&ds, period));
    let report = crate::document(dept, &ds, &figures).map_err(|e| e.to_string())?;
    let mut docs = baocao_plugin_api::fixture::documents();
    docs[0] = ("the Hà Nội 2024 report", crate::encode(&report));
    Ok(docs)
}

/// Verifies the plugin in `file`: every check, in order; the last ones
/// only when the first passed.
pub fn verify(file: &Path, search: &PluginSearch, dept: &Department) -> Vec<Verdict> {
    let mut out = Vec::new();
    let exe = search.exe.clone().unwrap_or_default();
    // The verification's own limit, unless the variable of tests sets one.
    let mut isolation = Isolation::of_baocao(exe);
    if std::env::var_os(baocao_plugin_host::TIME_LIMIT_VARIABLE).is_none() {
        isolation.time_limit = TIME_LIMIT;
    }
    let limit = isolation.time_limit;
    let isolated = Mode::Isolated(isolation);
    // Loading runs the library's initialisers: in a worker first.
    let set = match load_one(file, &isolated) {
        Ok(set) => set,
        Err(why) => {
            out.push(Verdict::failed("loads as a baocao plugin", why));
            return out;
        }
    };
    let plugin = &set.plugins()[0];
    out.push(Verdict::passed(format!(
        "loads as a baocao plugin: {} {}, format `{}` (.{}, {}), ABI 1.{}",
        plugin.name,
        plugin.version,
        plugin.format_id,
        plugin.extension,
        plugin.mime_type,
        plugin.abi_minor
    )));
    out.extend(alongside(plugin, file, search, dept));
    let docs = match documents(dept) {
        Ok(docs) => docs,
        Err(why) => {
            out.push(Verdict::failed("makes the documents to render", why));
            return out;
        }
    };
    let mut rendered = true;
    for (what, doc) in &docs {
        let check = format!(
            "renders {what} (in a worker, within {} s)",
            limit.as_secs_f64()
        );
        let verdict = match plugin.render(doc, b"") {
            Err(e) => Verdict::failed(check, e.to_string()),
            Ok(bytes) if bytes.is_empty() => Verdict::failed(check, "it wrote nothing"),
            Ok(bytes) if bytes.len() > MAX_OUTPUT => Verdict::failed(
                check,
                format!(
                    "it wrote {} bytes, more than the {} MiB a report may take",
                    bytes.len(),
                    MAX_OUTPUT / 1024 / 1024
                ),
            ),
            Ok(bytes) => Verdict::passed(format!("{check}: {} bytes", bytes.len())),
        };
        let failed = verdict.failure.is_some();
        out.push(verdict);
        if failed {
            // The next documents would fail the same way, and a plugin
            // that hangs would take the time limit again for each.
            rendered = false;
            break;
        }
    }
    if rendered && let Some((_, report)) = docs.first() {
        out.push(options_checked(plugin, report));
    }
    if rendered && let Some((_, report)) = docs.first() {
        out.extend(in_process(file, report));
    }
    out
}

/// A plugin of ABI 1.1 checks options before a render (`baocao check`
/// asks it), and must say of them what its render says: it accepts the
/// defaults, and an option no exporter has is refused by both or by
/// neither.
fn options_checked(plugin: &Plugin, doc: &[u8]) -> Verdict {
    if !plugin.validates_options() {
        return Verdict::passed(
            "checks its options before a render: not asked (a plugin of ABI 1.0 has them checked when it renders)",
        );
    }
    let check = "checks its options before a render (ABI 1.1) as its render does";
    if let Err(e) = plugin.validate_options(b"{}") {
        return Verdict::failed(check, format!("it refuses the default options: {e}"));
    }
    let odd = br#"{"an_option_no_exporter_has": true}"#;
    let before = plugin.validate_options(odd).is_ok();
    let during = plugin.render(doc, odd).is_ok();
    if before == during {
        Verdict::passed(check)
    } else {
        let (yes, no) = if before {
            ("accepted before a render", "refused by its render")
        } else {
            ("refused before a render", "accepted by its render")
        };
        Verdict::failed(
            check,
            format!("the option `an_option_no_exporter_has` is {yes} but {no}"),
        )
    }
}

/// The plugin of `file` alone, loaded as `mode` says: a set of one, or
/// why it was refused.
fn load_one(file: &Path, mode: &Mode) -> Result<PluginSet, String> {
    let set = PluginSet::load_files(vec![PathBuf::from(file)], mode);
    if set.plugins().is_empty() {
        return Err(set
            .rejected()
            .first()
            .map_or_else(|| "it was not loaded".to_owned(), |r| r.reason.to_string()));
    }
    Ok(set)
}

/// What the plugin shares with the others it would be loaded with: its
/// format id must be its own, and its files' extension too (a report asked
/// in both formats would write one file twice).
fn alongside(
    plugin: &Plugin,
    file: &Path,
    search: &PluginSearch,
    dept: &Department,
) -> Vec<Verdict> {
    let same = |other: &Path| same_file(other, file);
    let others = PluginSet::load_with(&search.path(dept), &search.mode(dept));
    let mut out = Vec::new();
    let check = format!("format id `{}` is its own", plugin.format_id);
    let taken = others
        .plugins()
        .iter()
        .find(|p| p.format_id == plugin.format_id && !same(&p.path));
    if plugin.format_id == crate::DOCUMENT_FORMAT {
        out.push(Verdict::failed(
            check,
            format!(
                "`{}` is baocao's own format (the document JSON)",
                crate::DOCUMENT_FORMAT
            ),
        ));
    } else if let Some(p) = taken {
        out.push(Verdict::failed(
            check,
            format!(
                "{} provides it already: give the plugin another id",
                p.path.display()
            ),
        ));
    } else {
        out.push(Verdict::passed(check));
    }
    let check = format!("files ending in `.{}` are its own", plugin.extension);
    match others
        .plugins()
        .iter()
        .find(|p| p.extension.eq_ignore_ascii_case(&plugin.extension) && !same(&p.path))
    {
        Some(p) => out.push(Verdict::failed(
            check,
            format!(
                "format `{}` ({}) writes `.{}` files too: a report asked in both formats would write one file twice",
                p.format_id,
                p.path.display(),
                p.extension
            ),
        )),
        None => out.push(Verdict::passed(check)),
    }
    out
}

/// Whether two paths name one file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The checks that run the plugin in this process: the same bytes twice
/// and on two threads at once, and the working directory left alone.
fn in_process(file: &Path, doc: &[u8]) -> Vec<Verdict> {
    let mut out = Vec::new();
    let set = match load_one(file, &Mode::InProcess) {
        Ok(set) => set,
        Err(why) => {
            out.push(Verdict::failed("loads in this process", why));
            return out;
        }
    };
    let plugin = &set.plugins()[0];
    let noted = || plugin.render_noting(doc, b"");
    #[cfg(unix)]
    let ((first, moved), printed) = match baocao_plugin_host::stdio::capture_descriptor_1(noted) {
        Ok((noted, printed)) => (noted, Some(printed)),
        Err(_) => (plugin.render_noting(doc, b""), None),
    };
    #[cfg(not(unix))]
    let ((first, moved), printed) = (noted(), None::<Vec<u8>>);
    let check = "prints nothing to standard output";
    out.push(match printed {
        Some(p) if !p.is_empty() => {
            let line = String::from_utf8_lossy(&p);
            let line = line.lines().next().unwrap_or_default().to_owned();
            Verdict::failed(
                check,
                format!(
                    "it printed {} bytes (\"{line}\"): in a report sent to standard output they would land in the middle of it",
                    p.len()
                ),
            )
        }
        Some(_) => Verdict::passed(check),
        None => Verdict::passed(format!("{check} (not checked on this system)")),
    });
    let check = "leaves the working directory alone";
    out.push(if moved {
        Verdict::failed(
            check,
            "it changed the working directory (baocao put it back): every relative path written after it would move",
        )
    } else {
        Verdict::passed(check)
    });
    let Ok(first) = first else {
        out.push(Verdict::failed(
            "renders in this process",
            first.err().map(|e| e.to_string()).unwrap_or_default(),
        ));
        return out;
    };
    let check = "gives the same bytes for the same document, twice and on two threads at once";
    let again = plugin.render(doc, b"");
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| plugin.render(doc, b""));
        let b = s.spawn(|| plugin.render(doc, b""));
        (a.join(), b.join())
    });
    let differs = |what: &str, r: &Result<Vec<u8>, baocao_plugin_host::RenderError>| match r {
        Ok(bytes) if *bytes == first => None,
        Ok(_) => Some(format!("{what} gave other bytes")),
        Err(e) => Some(format!("{what} failed: {e}")),
    };
    let on_thread = |what: &str, r: &std::thread::Result<_>| match r {
        Ok(r) => differs(what, r),
        Err(_) => Some(format!("{what} took its thread down")),
    };
    let why = differs("the second render", &again)
        .or_else(|| on_thread("a render on another thread", &a))
        .or_else(|| on_thread("a render on a third thread", &b));
    out.push(match why {
        Some(why) => Verdict::failed(check, why),
        None => Verdict::passed(check),
    });
    out
}
