//! Loading exporter plugins and calling them.
//!
//! A plugin is a shared library named `libbaocao_<name>.so` (`.dylib` on
//! macOS, `baocao_<name>.dll` on Windows) that exports the entry symbol of
//! `baocao-plugin-api`. The host looks for plugins only in the folders it is
//! given (see [`search_path`]), never in the current directory, never
//! recursively, in sorted order. Each library is opened with every symbol
//! resolved at load (`RTLD_NOW`), its descriptor's magic, ABI major version
//! and size are checked before anything else is read (a field appended by
//! a later minor version, such as 1.1's `validate_options`, is read only
//! when the plugin's declared size covers it, so a plugin of ABI 1.0
//! loads, and is not asked), and it is never
//! unloaded (a function pointer into an unloaded library is a crash waiting
//! to happen). A file that fails any check is rejected with its reason and
//! the others load anyway; a second plugin for a format id already loaded is
//! rejected.
//!
//! Plugins run in this process by default ([`PluginSet::load`]): a call
//! is a C function call, and a plugin can do anything this process can.
//! [`PluginSet::load_with`] and [`Mode::Isolated`] run each plugin in
//! worker processes instead (`pool.rs` here, [`worker::serve`] there,
//! messages in `frame.rs`): a plugin that exits, crashes, hangs, allocates
//! without bound or prints then fails its own render with the reason, and
//! [`Plugin::render`] and [`Plugin::validate_options`] are the same calls
//! either way. In process, the host
//! puts the working directory back after each call, and [`stdio`] keeps
//! the program's standard output from the plugins'.
//!
//! This crate and the SDK's `export_plugin!` are the only places with
//! `unsafe`; every block says why it is sound.
//!
//! ```no_run
//! use baocao_plugin_host::PluginSet;
//! let set = PluginSet::load(&["target/release".into()]);
//! for p in set.plugins() {
//!     println!("{} {} {}", p.format_id, p.name, p.path.display());
//! }
//! for r in set.rejected() {
//!     println!("{}: {}", r.path.display(), r.reason);
//! }
//! ```

#![allow(unsafe_code, reason = "the host side of the plugin C ABI")]

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

#[cfg(unix)]
mod frame;
mod mode;
#[cfg(unix)]
mod pool;
pub mod stdio;
#[cfg(unix)]
pub mod worker;
#[cfg(not(unix))]
pub mod worker {
    //! The worker's side of isolation, which needs a Unix system.

    /// Fails: isolation needs a Unix system.
    pub fn serve() -> std::io::Result<()> {
        Err(std::io::Error::other(
            "plugin isolation needs a Unix system",
        ))
    }
}

/// The variable that asks for a backtrace in a plugin's panic message
/// (read by the SDK inside the plugin, in process or in its worker).
pub use baocao_plugin_api::BACKTRACE_VARIABLE;
pub use mode::{
    DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT, Isolation, Mode, Stop, TIME_LIMIT_VARIABLE,
    WORKER_SUBCOMMAND,
};

use baocao_plugin_api::abi::{
    ABI_MAJOR, BadOptions, Buffer, DESCRIPTOR_SIZE_1_0, DESCRIPTOR_SIZE_1_1, Descriptor,
    ENTRY_SYMBOL, EntryFn, FreeFn, MAGIC, RenderFn, STATUS_BAD_INPUT, STATUS_BAD_OPTIONS,
    STATUS_ERROR, STATUS_OK, STATUS_PANIC, Str, ValidateOptionsFn, entry_symbol,
};

/// The file name prefix and suffix of a plugin on this platform.
#[cfg(target_os = "macos")]
const PLUGIN_AFFIXES: (&str, &str) = ("libbaocao_", ".dylib");
#[cfg(windows)]
const PLUGIN_AFFIXES: (&str, &str) = ("baocao_", ".dll");
#[cfg(not(any(target_os = "macos", windows)))]
const PLUGIN_AFFIXES: (&str, &str) = ("libbaocao_", ".so");

/// Whether a file name is a plugin's (`libbaocao_markdown.so`). Only such
/// files are opened, so a folder may hold other libraries.
pub fn is_plugin_file(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    let (prefix, suffix) = PLUGIN_AFFIXES;
    name.len() > prefix.len() + suffix.len() && name.starts_with(prefix) && name.ends_with(suffix)
}

/// The file name a plugin crate called `stem` builds to (`baocao_markdown`
/// → `libbaocao_markdown.so`).
pub fn plugin_file_name(stem: &str) -> String {
    let (prefix, suffix) = PLUGIN_AFFIXES;
    let stem = stem.strip_prefix("baocao_").unwrap_or(stem);
    format!("{prefix}{stem}{suffix}")
}

/// The folders to search, in order, without repeats: the command line's
/// `--plugin-dir`s, the department's plugin folders, the entries of
/// `BAOCAO_PLUGIN_PATH`, then the folder of the executable. Empty entries of
/// the variable are skipped (to a shell an empty entry means the current
/// directory, which is never searched).
pub fn search_path(
    cli: &[PathBuf],
    department: &[PathBuf],
    env: Option<&OsStr>,
    exe: Option<&Path>,
) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    let from_env = env
        .map(|v| std::env::split_paths(v).collect::<Vec<_>>())
        .unwrap_or_default();
    let exe_dir = exe.and_then(Path::parent).map(Path::to_path_buf);
    for d in cli
        .iter()
        .chain(department)
        .cloned()
        .chain(from_env)
        .chain(exe_dir)
    {
        if !d.as_os_str().is_empty() && !dirs.contains(&d) {
            dirs.push(d);
        }
    }
    dirs
}

/// A loaded plugin.
#[derive(Debug)]
pub struct Plugin {
    /// Human name.
    pub name: String,
    /// The plugin's version.
    pub version: String,
    /// The format id (`md`).
    pub format_id: String,
    /// File extension.
    pub extension: String,
    /// MIME type.
    pub mime_type: String,
    /// The library's path.
    pub path: PathBuf,
    /// The ABI minor version it was built with.
    pub abi_minor: u16,
    /// Whether it checks options without rendering (ABI 1.1's
    /// `validate_options`, present and non-null).
    validates: bool,
    backend: Backend,
}

/// How a plugin is called.
#[derive(Debug)]
enum Backend {
    /// Its functions, in this process.
    InProcess {
        render: RenderFn,
        free_buf: FreeFn,
        /// ABI 1.1's; `None` for a plugin of 1.0, or one that left it null.
        validate: Option<ValidateOptionsFn>,
    },
    /// Its workers.
    #[cfg(unix)]
    Isolated(pool::Pool),
}

/// What a plugin says about itself, read from its descriptor here or in a
/// worker.
#[derive(Debug)]
struct Described {
    name: String,
    version: String,
    format_id: String,
    extension: String,
    mime_type: String,
    abi_minor: u16,
    validates: bool,
}

impl Plugin {
    /// Refuses a file named for another format: `--out report.md` for a
    /// plugin that writes `.docx` would hold a zip under the wrong name.
    /// The message names the plugin's extension and the file to write.
    pub fn check_file_name(&self, file: &Path) -> Result<(), String> {
        let ext = file.extension().map(|e| e.to_string_lossy());
        match ext {
            Some(ext) if ext.eq_ignore_ascii_case(&self.extension) => Ok(()),
            Some(ext) => Err(format!(
                "format `{}` writes `.{}` files ({}), but the file named is a `.{ext}` file: name it `{}` or give a folder",
                self.format_id,
                self.extension,
                self.name,
                file.with_extension(&self.extension).display()
            )),
            None => Err(format!(
                "format `{}` writes `.{}` files; name the file `{}` or give a folder",
                self.format_id,
                self.extension,
                file.with_extension(&self.extension).display()
            )),
        }
    }
}

/// A file that is not a usable plugin, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub reason: Reason,
}

/// Why a file was rejected.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reason {
    /// A plugin folder could not be read.
    Unreadable(String),
    /// The system could not load it as a shared library.
    NotALibrary(String),
    /// It has no entry symbol, neither this ABI's nor another's.
    NoEntrySymbol,
    /// Its entry returned a null descriptor.
    NullDescriptor,
    /// The descriptor does not start with the magic bytes.
    WrongMagic,
    /// Built for another ABI major version: it exports another major's
    /// entry symbol (`baocao_plugin_v2`), or its descriptor says so.
    WrongAbi {
        /// The plugin's major version.
        found: u16,
    },
    /// The descriptor is smaller than this ABI's.
    TooSmall {
        /// The size it declares.
        size: u32,
    },
    /// A metadata string is not UTF-8 (or not a valid id).
    BadMetadata(String),
    /// Another plugin already provides the format.
    Duplicate {
        /// The format id.
        format_id: String,
        /// The plugin that was loaded first.
        first: PathBuf,
    },
    /// The worker process that was to load it stopped without answering
    /// (isolation only).
    Worker(Stop),
}

impl Reason {
    /// The reason as two texts, for a worker to send to its host.
    #[cfg(unix)]
    fn encode(&self) -> (&'static str, String) {
        match self {
            Reason::Unreadable(e) => ("unreadable", e.clone()),
            Reason::NotALibrary(e) => ("not-a-library", e.clone()),
            Reason::NoEntrySymbol => ("no-entry-symbol", String::new()),
            Reason::NullDescriptor => ("null-descriptor", String::new()),
            Reason::WrongMagic => ("wrong-magic", String::new()),
            Reason::WrongAbi { found } => ("wrong-abi", found.to_string()),
            Reason::TooSmall { size } => ("too-small", size.to_string()),
            Reason::BadMetadata(e) => ("bad-metadata", e.clone()),
            // Neither is found by loading one library, which is all a
            // worker does; sent as what it says.
            Reason::Duplicate { .. } | Reason::Worker(_) => ("bad-metadata", self.to_string()),
        }
    }

    /// The reason a worker sent, or `None` for a kind it cannot have sent.
    #[cfg(unix)]
    fn decode(kind: &str, detail: String) -> Option<Reason> {
        Some(match kind {
            "unreadable" => Reason::Unreadable(detail),
            "not-a-library" => Reason::NotALibrary(detail),
            "no-entry-symbol" => Reason::NoEntrySymbol,
            "null-descriptor" => Reason::NullDescriptor,
            "wrong-magic" => Reason::WrongMagic,
            "wrong-abi" => Reason::WrongAbi {
                found: detail.parse().ok()?,
            },
            "too-small" => Reason::TooSmall {
                size: detail.parse().ok()?,
            },
            "bad-metadata" => Reason::BadMetadata(detail),
            _ => return None,
        })
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let entry =
            String::from_utf8_lossy(ENTRY_SYMBOL.strip_suffix(b"\0").unwrap_or(ENTRY_SYMBOL))
                .into_owned();
        match self {
            Reason::Unreadable(e) => write!(f, "cannot read the plugin folder: {e}"),
            Reason::NotALibrary(e) => write!(f, "not a loadable shared library: {e}"),
            Reason::NoEntrySymbol => write!(
                f,
                "no `{entry}` symbol, nor the entry symbol of another plugin ABI: not a baocao plugin"
            ),
            Reason::NullDescriptor => write!(f, "`{entry}` returned no descriptor"),
            Reason::WrongMagic => {
                write!(f, "the descriptor does not start with baocao's magic bytes")
            }
            Reason::WrongAbi { found } if *found > ABI_MAJOR => write!(
                f,
                "built for plugin ABI {found}, but this baocao speaks ABI {ABI_MAJOR}; it needs a newer baocao, or a build against baocao-plugin-api {ABI_MAJOR}.x"
            ),
            Reason::WrongAbi { found } => write!(
                f,
                "built for plugin ABI {found}, but this baocao speaks ABI {ABI_MAJOR}; rebuild it against baocao-plugin-api {ABI_MAJOR}.x"
            ),
            Reason::TooSmall { size } => write!(
                f,
                "its descriptor is {size} bytes, smaller than the {} bytes of ABI {ABI_MAJOR}.0",
                DESCRIPTOR_SIZE_1_0
            ),
            Reason::BadMetadata(e) => write!(f, "bad metadata: {e}"),
            Reason::Duplicate { format_id, first } => write!(
                f,
                "format `{format_id}` is already provided by {}",
                first.display()
            ),
            Reason::Worker(stop) => {
                write!(f, "{}", stop.describe("being loaded in a worker process"))
            }
        }
    }
}

/// How a plugin's render failed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Failure {
    /// The exporter returned an error.
    Error,
    /// The exporter panicked (caught inside the plugin). The message is
    /// the panic's, followed by ` at <file>:<line>:<column>` of the
    /// plugin's source and, when `BAOCAO_PLUGIN_BACKTRACE` or
    /// `RUST_BACKTRACE` asked for it, a backtrace.
    Panic,
    /// The plugin could not decode the document, or the options were not
    /// JSON.
    BadInput,
    /// The options are not what the exporter accepts (status
    /// `STATUS_BAD_OPTIONS`): the user's `[formats.options.<format>]`
    /// names an unknown option or gives one a value of the wrong kind. The
    /// message is the plugin's sentence about it.
    BadOptions {
        /// The option's key path, dotted as the plugin reads it (a
        /// `*_file` option without `_file`); empty when the options as a
        /// whole are wrong.
        key: String,
        /// What the exporter accepts there ("`font` or `size`", "a whole
        /// number"), to complete "expected …"; may be empty.
        expected: String,
    },
    /// A status this host does not know.
    Unknown(u32),
    /// The plugin's worker process stopped before answering (isolation
    /// only): it exited, was killed by a signal, or took too long.
    Stopped(Stop),
}

/// What a plugin was asked to do, for the words of a worker that stopped.
#[cfg(unix)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    /// Render a document ([`Plugin::render`]).
    Render,
    /// Check options without rendering ([`Plugin::validate_options`]).
    ValidateOptions,
}

#[cfg(unix)]
impl Call {
    /// What the plugin was doing, for "while …".
    fn doing(self) -> &'static str {
        match self {
            Call::Render => "rendering",
            Call::ValidateOptions => "checking its options",
        }
    }
}

/// A plugin's render, or its check of options
/// ([`Plugin::validate_options`]), failed; the message is the plugin's
/// own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// The plugin's file.
    pub path: PathBuf,
    /// The format id.
    pub format_id: String,
    /// How it failed.
    pub failure: Failure,
    /// The plugin's message; for [`Failure::Stopped`], what happened, as a
    /// clause whose subject is the plugin ("was killed by signal 11
    /// (SIGSEGV) while rendering"), and what else the user may need to
    /// know.
    pub message: String,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = match &self.failure {
            Failure::Error => "failed".to_owned(),
            Failure::Panic => "panicked".to_owned(),
            Failure::BadInput => "could not read its input".to_owned(),
            Failure::BadOptions { .. } => "refused its options".to_owned(),
            Failure::Unknown(s) => format!("returned unknown status {s}"),
            // The message says it all, with what the worker was doing.
            Failure::Stopped(_) => {
                let (path, id) = (self.path.display(), &self.format_id);
                return write!(f, "plugin {path} (format `{id}`) {}", self.message);
            }
        };
        write!(
            f,
            "plugin {} (format `{}`) {how}",
            self.path.display(),
            self.format_id,
        )?;
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RenderError {}

impl Plugin {
    /// Renders a document (JSON of the shared model) with options (JSON;
    /// empty for the defaults). May be called from several threads at once.
    pub fn render(
        &self,
        document_json: &[u8],
        options_json: &[u8],
    ) -> Result<Vec<u8>, RenderError> {
        self.render_noting(document_json, options_json).0
    }

    /// [`Plugin::render`], and whether the plugin changed the working
    /// directory (in this process: it was put back), which a well-behaved
    /// plugin never does: what `baocao plugins --verify` tells.
    pub fn render_noting(
        &self,
        document_json: &[u8],
        options_json: &[u8],
    ) -> (Result<Vec<u8>, RenderError>, bool) {
        let mut moved = false;
        let result = self.render_in(document_json, options_json, &mut moved);
        (result, moved)
    }

    fn render_in(
        &self,
        document_json: &[u8],
        options_json: &[u8],
        moved: &mut bool,
    ) -> Result<Vec<u8>, RenderError> {
        let (status, bytes) = match &self.backend {
            Backend::InProcess {
                render, free_buf, ..
            } => {
                let cwd = WorkingDirectory::kept();
                let called = call_render(*render, *free_buf, document_json, options_json);
                *moved = cwd.moved();
                called
            }
            #[cfg(unix)]
            Backend::Isolated(pool) => match pool.render(document_json, options_json) {
                Ok(answer) => answered(answer),
                Err(stop) => return Err(self.stopped(Call::Render, stop, pool)),
            },
        };
        self.outcome(status, bytes)
    }

    /// Checks options (JSON, or empty for the defaults) as a render would
    /// decode them, without rendering: `Ok` when a render would accept
    /// them, the plugin's refusal ([`Failure::BadOptions`], placed at its
    /// key) otherwise. What `baocao check` asks of every format a
    /// department configures.
    ///
    /// A plugin that cannot be asked ([`Plugin::validates_options`] is
    /// false: one built for ABI 1.0, or one written by hand that left the
    /// function null) is `Ok` without anything being called: its options
    /// are checked when it renders, as they always were.
    pub fn validate_options(&self, options_json: &[u8]) -> Result<(), RenderError> {
        if !self.validates {
            return Ok(());
        }
        let (status, bytes) = match &self.backend {
            Backend::InProcess {
                validate: Some(validate),
                free_buf,
                ..
            } => {
                let _cwd = WorkingDirectory::kept();
                call_validate(*validate, *free_buf, options_json)
            }
            Backend::InProcess { validate: None, .. } => return Ok(()),
            #[cfg(unix)]
            Backend::Isolated(pool) => match pool.validate_options(options_json) {
                Ok(answer) => answered(answer),
                Err(stop) => return Err(self.stopped(Call::ValidateOptions, stop, pool)),
            },
        };
        self.outcome(status, bytes).map(drop)
    }

    /// Whether the plugin can check options without rendering (it was
    /// built for ABI 1.1 or later, and has `validate_options`): when it
    /// cannot, [`Plugin::validate_options`] accepts any options, and only
    /// a render checks them.
    pub fn validates_options(&self) -> bool {
        self.validates
    }

    /// What a call's status and buffer mean: the bytes, or the failure.
    fn outcome(&self, status: u32, bytes: Vec<u8>) -> Result<Vec<u8>, RenderError> {
        let failure = match status {
            STATUS_OK => return Ok(bytes),
            STATUS_ERROR => Failure::Error,
            STATUS_PANIC => Failure::Panic,
            STATUS_BAD_INPUT => Failure::BadInput,
            STATUS_BAD_OPTIONS => return Err(self.bad_options(&bytes)),
            other => Failure::Unknown(other),
        };
        Err(self.error(failure, String::from_utf8_lossy(&bytes).into_owned()))
    }

    /// A worker that stopped before answering `call`.
    #[cfg(unix)]
    fn stopped(&self, call: Call, stop: Stop, pool: &pool::Pool) -> RenderError {
        let mut message = stop.describe(call.doing());
        let hint = stop.hint(pool.isolation());
        if !hint.is_empty() {
            message = format!("{message}: {hint}");
        }
        self.error(Failure::Stopped(stop), message)
    }

    /// The failure of a [`STATUS_BAD_OPTIONS`] message; a plugin that sent
    /// something else than its JSON object still has its text shown.
    fn bad_options(&self, bytes: &[u8]) -> RenderError {
        let bad = BadOptions::from_json(bytes).unwrap_or_else(|| BadOptions {
            message: String::from_utf8_lossy(bytes).into_owned(),
            ..BadOptions::default()
        });
        let failure = Failure::BadOptions {
            key: bad.key,
            expected: bad.expected,
        };
        self.error(failure, bad.message)
    }

    /// Where the plugin runs: `None` in this process, its isolation in
    /// worker processes.
    pub fn isolation(&self) -> Option<&Isolation> {
        match &self.backend {
            Backend::InProcess { .. } => None,
            #[cfg(unix)]
            Backend::Isolated(pool) => Some(pool.isolation()),
        }
    }

    fn error(&self, failure: Failure, message: String) -> RenderError {
        RenderError {
            path: self.path.clone(),
            format_id: self.format_id.clone(),
            failure,
            message,
        }
    }

    fn new(path: &Path, described: Described, backend: Backend) -> Plugin {
        Plugin {
            name: described.name,
            version: described.version,
            format_id: described.format_id,
            extension: described.extension,
            mime_type: described.mime_type,
            path: path.to_path_buf(),
            abi_minor: described.abi_minor,
            validates: described.validates,
            backend,
        }
    }
}

/// A worker's answer as the status and buffer of a call in this process.
#[cfg(unix)]
fn answered(answer: pool::Answer) -> (u32, Vec<u8>) {
    match answer {
        Ok(bytes) => (STATUS_OK, bytes),
        Err(failed) => failed,
    }
}

/// Calls a plugin's `render` in this process: its status and the bytes it
/// returned, copied.
fn call_render(
    render: RenderFn,
    free_buf: FreeFn,
    document_json: &[u8],
    options_json: &[u8],
) -> (u32, Vec<u8>) {
    let mut out = Buffer::EMPTY;
    // SAFETY: `render` comes from a descriptor that passed the magic,
    // ABI and size checks, so it has the `RenderFn` signature; both
    // input slices outlive the call; `out` is a valid, writable Buffer.
    let status = unsafe {
        render(
            document_json.as_ptr(),
            document_json.len(),
            options_json.as_ptr(),
            options_json.len(),
            &mut out,
        )
    };
    (status, take_buffer(out, free_buf))
}

/// Calls a plugin's `validate_options` in this process: its status and the
/// bytes it returned, copied.
fn call_validate(
    validate: ValidateOptionsFn,
    free_buf: FreeFn,
    options_json: &[u8],
) -> (u32, Vec<u8>) {
    let mut out = Buffer::EMPTY;
    // SAFETY: `validate` was read from a descriptor that passed the magic,
    // ABI and size checks and whose declared size covers the field, so it
    // has the `ValidateOptionsFn` signature; the input slice outlives the
    // call; `out` is a valid, writable Buffer.
    let status = unsafe { validate(options_json.as_ptr(), options_json.len(), &mut out) };
    (status, take_buffer(out, free_buf))
}

/// The bytes of a buffer a plugin's function filled, copied, and the
/// buffer handed back to the plugin.
fn take_buffer(out: Buffer, free_buf: FreeFn) -> Vec<u8> {
    let bytes = if out.ptr.is_null() || out.len == 0 {
        Vec::new()
    } else {
        // SAFETY: the plugin filled `out` with `len` initialised bytes it
        // owns until `free_buf`; they are copied before that.
        unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec()
    };
    // SAFETY: `out` came from this plugin's `render` or
    // `validate_options` and is freed once, by the plugin's own allocator.
    unsafe { free_buf(out) };
    bytes
}

/// The working directory when a plugin was called, put back when the
/// guard is dropped if the plugin changed it: a plugin that changes
/// directory would otherwise move every relative path the host writes
/// afterwards (`out/<department>/…`). Threads that call plugins at once
/// all find the directory the host set, so each puts back the same one.
/// What another thread does with a relative path while the plugin has the
/// directory changed is not protected; isolation is.
struct WorkingDirectory(Option<PathBuf>);

impl WorkingDirectory {
    fn kept() -> Self {
        WorkingDirectory(std::env::current_dir().ok())
    }

    /// Whether the directory is not the one kept (it is put back on drop).
    fn moved(&self) -> bool {
        self.0
            .as_ref()
            .is_some_and(|before| std::env::current_dir().ok().as_ref() != Some(before))
    }
}

impl Drop for WorkingDirectory {
    fn drop(&mut self) {
        if let Some(before) = &self.0
            && std::env::current_dir().ok().as_ref() != Some(before)
        {
            // Nothing better to do if it is gone; the writes that follow
            // will say what they cannot find.
            let _ = std::env::set_current_dir(before);
        }
    }
}

/// Every plugin found, and every file rejected.
#[derive(Debug, Default)]
pub struct PluginSet {
    plugins: Vec<Plugin>,
    rejected: Vec<Rejected>,
}

impl PluginSet {
    /// Loads the plugins of each folder, in order, into this process; a
    /// missing folder is skipped.
    pub fn load(dirs: &[PathBuf]) -> PluginSet {
        PluginSet::load_with(dirs, &Mode::InProcess)
    }

    /// Loads the plugins of each folder, in order, to run as `mode` says;
    /// a missing folder is skipped. Isolated, no plugin code runs in this
    /// process: each library is loaded, and its descriptor read and
    /// checked, in a worker.
    pub fn load_with(dirs: &[PathBuf], mode: &Mode) -> PluginSet {
        let mut rejected = Vec::new();
        let mut files = Vec::new();
        for dir in dirs {
            match plugin_files(dir) {
                Ok(found) => files.extend(found),
                Err(r) => rejected.push(r),
            }
        }
        let mut set = PluginSet::load_files(files, mode);
        rejected.append(&mut set.rejected);
        set.rejected = rejected;
        set
    }

    /// Loads the given library files, in order, to run as `mode` says,
    /// whatever their names: what `baocao plugins --verify FILE` checks.
    pub fn load_files(files: Vec<PathBuf>, mode: &Mode) -> PluginSet {
        let mut set = PluginSet::default();
        let loaded: Vec<Result<Plugin, Reason>> = match mode {
            Mode::InProcess => files.iter().map(|path| load(path)).collect(),
            #[cfg(unix)]
            Mode::Isolated(isolation) => pool::load_all(&files, isolation)
                .into_iter()
                .zip(&files)
                .map(|(loaded, path)| {
                    loaded.map(|(described, pool)| {
                        Plugin::new(path, described, Backend::Isolated(pool))
                    })
                })
                .collect(),
            #[cfg(not(unix))]
            Mode::Isolated(_) => files
                .iter()
                .map(|_| {
                    Err(Reason::Worker(Stop::Unavailable(
                        "could not start its worker process: isolation needs a Unix system"
                            .to_owned(),
                    )))
                })
                .collect(),
        };
        for (path, loaded) in files.into_iter().zip(loaded) {
            set.add(path, loaded);
        }
        set
    }

    fn add(&mut self, path: PathBuf, loaded: Result<Plugin, Reason>) {
        match loaded {
            Ok(plugin) => {
                if let Some(first) = self
                    .plugins
                    .iter()
                    .find(|p| p.format_id == plugin.format_id)
                {
                    let reason = Reason::Duplicate {
                        format_id: plugin.format_id.clone(),
                        first: first.path.clone(),
                    };
                    self.rejected.push(Rejected { path, reason });
                } else {
                    self.plugins.push(plugin);
                }
            }
            Err(reason) => self.rejected.push(Rejected { path, reason }),
        }
    }

    /// Loaded plugins, in load order.
    pub fn plugins(&self) -> &[Plugin] {
        &self.plugins
    }

    /// Rejected files, in the order they were met.
    pub fn rejected(&self) -> &[Rejected] {
        &self.rejected
    }

    /// The plugin of a format id.
    pub fn get(&self, format_id: &str) -> Option<&Plugin> {
        self.plugins.iter().find(|p| p.format_id == format_id)
    }

    /// Why a format is not available: the rejected file that claimed it, or
    /// nothing when no file did.
    pub fn why_missing(&self, format_id: &str) -> Vec<&Rejected> {
        let stem = format!("_{format_id}");
        self.rejected
            .iter()
            .filter(|r| {
                r.path
                    .file_stem()
                    .and_then(OsStr::to_str)
                    .is_some_and(|s| s.ends_with(&stem))
            })
            .collect()
    }
}

/// The plugin files of a folder, sorted; none when it does not exist.
fn plugin_files(dir: &Path) -> Result<Vec<PathBuf>, Rejected> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Rejected {
                path: dir.to_path_buf(),
                reason: Reason::Unreadable(e.to_string()),
            });
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .filter(|e| is_plugin_file(&e.file_name()))
        .map(|e| e.path())
        .collect();
    files.sort();
    Ok(files)
}

fn open(path: &Path) -> Result<libloading::Library, libloading::Error> {
    #[cfg(unix)]
    {
        use libloading::os::unix::{Library, RTLD_LOCAL, RTLD_NOW};
        // SAFETY: opening a library runs its initialisers. Plugins are
        // loaded only from folders the user configured, which is the trust
        // boundary; RTLD_NOW makes a missing symbol fail here rather than
        // in the middle of a render.
        unsafe { Library::open(Some(path), RTLD_NOW | RTLD_LOCAL) }.map(Into::into)
    }
    #[cfg(not(unix))]
    {
        // SAFETY: as above; Windows resolves imports at load.
        unsafe { libloading::Library::new(path) }
    }
}

/// The ABI major versions whose entry symbols a library without this
/// host's is searched for ([`other_abi`]): enough for many years of major
/// versions, few enough that a library that is no plugin costs nothing.
const PROBED_MAJORS: std::ops::RangeInclusive<u16> = 1..=9;

/// The ABI major version a library without this host's entry symbol was
/// built for, from the name of the entry it exports instead
/// (`baocao_plugin_v2`), so that the user is told "built for plugin ABI 2"
/// rather than that the file is no plugin.
fn other_abi(lib: &libloading::Library) -> Option<u16> {
    PROBED_MAJORS
        .filter(|&major| major != ABI_MAJOR)
        .find(|&major| {
            let name = entry_symbol(major);
            // SAFETY: looking a symbol up runs no code of the library; the
            // address is only tested for presence, never called or read, since
            // another major's entry may have another signature.
            unsafe { lib.get::<*const std::ffi::c_void>(name.as_bytes()) }.is_ok()
        })
}

/// Loads a library into this process. Opening it runs its initialisers,
/// which may print or change directory like any plugin call.
fn load(path: &Path) -> Result<Plugin, Reason> {
    let _cwd = WorkingDirectory::kept();
    let lib = open(path).map_err(|e| {
        // libloading's message is generic ("dlopen failed"); the system's
        // reason is in the source.
        let why = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| s.to_string());
        Reason::NotALibrary(why)
    })?;
    // SAFETY: the symbol is looked up with the ABI's entry signature; a
    // library exporting that name with another signature breaks the ABI
    // contract, which is what the magic check below guards against.
    let entry: EntryFn = match unsafe { lib.get::<EntryFn>(ENTRY_SYMBOL) } {
        Ok(symbol) => *symbol,
        Err(_) => {
            return Err(match other_abi(&lib) {
                Some(found) => Reason::WrongAbi { found },
                None => Reason::NoEntrySymbol,
            });
        }
    };
    // SAFETY: calling the plugin's entry function, which takes no arguments
    // and returns a pointer to its static descriptor.
    let desc = unsafe { entry() };
    if desc.is_null() {
        return Err(Reason::NullDescriptor);
    }
    // Read magic, major and size before anything else, field by field,
    // unaligned: a foreign descriptor may be shorter than ours.
    let base = desc.cast::<u8>();
    // SAFETY: every descriptor of every ABI version starts with 8 magic
    // bytes; reading them unaligned from the plugin's static is sound.
    let magic: [u8; 8] = unsafe { std::ptr::read_unaligned(base.cast::<[u8; 8]>()) };
    if magic != MAGIC {
        return Err(Reason::WrongMagic);
    }
    // SAFETY: the magic says this is a baocao descriptor, whose layout
    // starts with magic (8 bytes), major (u16), minor (u16), size (u32) in
    // every version.
    let (major, minor, size) = unsafe {
        (
            std::ptr::read_unaligned(base.add(8).cast::<u16>()),
            std::ptr::read_unaligned(base.add(10).cast::<u16>()),
            std::ptr::read_unaligned(base.add(12).cast::<u32>()),
        )
    };
    if major != ABI_MAJOR {
        return Err(Reason::WrongAbi { found: major });
    }
    if (size as usize) < DESCRIPTOR_SIZE_1_0 {
        return Err(Reason::TooSmall { size });
    }
    // A plugin written in C may leave a function null, which a Rust `fn`
    // cannot be: read both as `Option` (same layout, null is `None`) before
    // anything reads them as `fn`s.
    // SAFETY: magic, major version and size say these fields are there, at
    // their offsets in this ABI's layout.
    let (render, free_buf) = unsafe {
        (
            std::ptr::read_unaligned(
                base.add(std::mem::offset_of!(Descriptor, render))
                    .cast::<Option<RenderFn>>(),
            ),
            std::ptr::read_unaligned(
                base.add(std::mem::offset_of!(Descriptor, free_buf))
                    .cast::<Option<FreeFn>>(),
            ),
        )
    };
    let (Some(render), Some(free_buf)) = (render, free_buf) else {
        let field = if render.is_none() {
            "render"
        } else {
            "free_buf"
        };
        return Err(Reason::BadMetadata(format!("`{field}` is missing")));
    };
    // ABI 1.1's function, read only when the declared size covers it: a
    // 1.0 descriptor ends before it, and whatever follows it in the
    // plugin's memory is not the plugin's answer. Null (`None`) when a
    // plugin written by hand leaves it out; either way the plugin is then
    // not asked to check options ahead of a render.
    let validate = if size as usize >= DESCRIPTOR_SIZE_1_1 {
        // SAFETY: the declared size says the descriptor has 1.1's field,
        // at its offset in this ABI's layout; read unaligned as `Option`,
        // like the functions above.
        unsafe {
            std::ptr::read_unaligned(
                base.add(std::mem::offset_of!(Descriptor, validate_options))
                    .cast::<Option<ValidateOptionsFn>>(),
            )
        }
    } else {
        None
    };
    // Each string is read from its offset, never through a `&Descriptor`:
    // such a reference would claim this host's whole descriptor, the
    // fields of later minor versions included, which a plugin of an
    // earlier minor version does not have.
    let text = |offset: usize, field: &str| -> Result<String, Reason> {
        // SAFETY: magic, major version and size say the plugin's descriptor
        // has at least ABI 1.0's fields in this layout, which puts a `Str`
        // at `offset`; the descriptor is a static of the library, which is
        // never unloaded.
        let s = unsafe { std::ptr::read_unaligned(base.add(offset).cast::<Str>()) };
        if s.ptr.is_null() {
            return Err(Reason::BadMetadata(format!("`{field}` is missing")));
        }
        // SAFETY: metadata strings are (pointer, length) pairs into the
        // plugin's static data (the ABI contract), alive while the library is.
        let bytes = unsafe { std::slice::from_raw_parts(s.ptr, s.len) };
        String::from_utf8(bytes.to_vec())
            .map_err(|_| Reason::BadMetadata(format!("`{field}` is not UTF-8")))
    };
    let format_id = text(std::mem::offset_of!(Descriptor, format_id), "format_id")?;
    let id_ok = !format_id.is_empty()
        && format_id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !id_ok {
        return Err(Reason::BadMetadata(format!(
            "format id `{format_id}` must be lowercase letters, digits, `-` or `_`"
        )));
    }
    // Output paths are built from the extension: letters and digits only,
    // so that no plugin can name a file outside the output folder.
    let extension = text(std::mem::offset_of!(Descriptor, extension), "extension")?;
    if extension.is_empty() || !extension.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Reason::BadMetadata(format!(
            "extension `{extension}` must be letters and digits (`md`, `docx`)"
        )));
    }
    let described = Described {
        name: text(std::mem::offset_of!(Descriptor, name), "name")?,
        version: text(std::mem::offset_of!(Descriptor, version), "version")?,
        format_id,
        extension,
        mime_type: text(std::mem::offset_of!(Descriptor, mime_type), "mime_type")?,
        abi_minor: minor,
        validates: validate.is_some(),
    };
    let backend = Backend::InProcess {
        render,
        free_buf,
        validate,
    };
    let plugin = Plugin::new(path, described, backend);
    // Never unload: the function pointers above point into the library.
    std::mem::forget(lib);
    Ok(plugin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plugin_file_names() {
        assert!(is_plugin_file(OsStr::new(&plugin_file_name(
            "baocao_markdown"
        ))));
        assert!(!is_plugin_file(OsStr::new("libserde_derive-1234.so")));
        assert!(!is_plugin_file(OsStr::new("libbaocao_.so")));
    }

    #[test]
    fn search_path_keeps_order_skips_empty_and_repeats() {
        let env = std::env::join_paths(["/a", "", "/b"]).unwrap();
        let dirs = search_path(
            &["/cli".into()],
            &["/dept".into(), "/cli".into()],
            Some(&env),
            Some(Path::new("/opt/baocao/bin/baocao")),
        );
        let want: Vec<PathBuf> = ["/cli", "/dept", "/a", "/b", "/opt/baocao/bin"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(dirs, want);
    }
}
