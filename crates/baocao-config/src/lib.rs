//! Department folders: everything one Sở Công Thương owns.
//!
//! A department folder (`config/<department>/`) holds `department.toml`
//! (letterhead, signer, recipients, report title and subject, the dates
//! reports are signed), `templates/` (the report's wording) and its dataset
//! (`data/`). This crate finds and reads such a folder; it does not interpret
//! templates or data, which belong to `baocao-narrative` and `baocao-dataset`.
//!
//! The Hà Nội department is also built into the binary, so `baocao render`
//! works on a fresh clone from any folder; its templates are the built-in
//! ones that a department folder's own templates shadow file by file.
//!
//! ```
//! let hanoi = baocao_config::Department::builtin();
//! assert_eq!(hanoi.settings.id, "hanoi");
//! assert_eq!(hanoi.settings.letterhead.department, "SỞ CÔNG THƯƠNG");
//! assert!(hanoi.templates.iter().any(|t| t.name == "report.jinja"));
//! ```

mod folder;
mod schema;
mod settings;

use std::fs;
use std::path::{Path, PathBuf};

pub use baocao_dataset::Date;
pub use baocao_diagnostic::{Diagnostic, Span};
pub use schema::{KEYS, Shape, key_paths};

/// The units of percentage points a department may write: the seed's
/// short form, and the statistics offices' words.
pub const POINTS: [&str; 2] = ["điểm %", "điểm phần trăm"];
pub use settings::{
    Checks, Formats, Letterhead, Numbers, Output, Recipients, ReportSettings, Settings, Signature,
    TemplateLimits,
};

/// A template file of a department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateFile {
    /// Name templates use to include it (`sections/industry.jinja`).
    pub name: String,
    /// Where it was read from, for messages (`config/hanoi/templates/…`).
    pub path: String,
    /// Its text.
    pub source: String,
}

/// Where a department's dataset is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    /// A file or folder on disk.
    Path(PathBuf),
    /// Files built into the binary: (name for messages, text).
    Builtin(Vec<(String, String)>),
}

/// A department, read and ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Department {
    /// Its settings.
    pub settings: Settings,
    /// Its folder; `None` for the built-in one.
    pub folder: Option<PathBuf>,
    /// Its templates: the built-in ones, shadowed by the folder's own.
    pub templates: Vec<TemplateFile>,
    /// Its dataset.
    pub data: DataSource,
}

/// Why a department could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// No such department.
    #[error(
        "unknown department `{0}`: no folder `{0}` or `config/{0}` here (the built-in department is `hanoi`)"
    )]
    Unknown(String),
    /// A file could not be read.
    #[error("{path}: cannot read: {message}")]
    Io {
        /// The file or folder.
        path: String,
        /// The system's reason.
        message: String,
    },
    /// `department.toml` is not valid, or the folder holds what may not be
    /// read (a link out of it): every problem found, in order.
    #[error("{}", .problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The file (`department.toml`, or the refused link).
        path: String,
        /// The problems, in file order, each at its place with its line.
        problems: Vec<Diagnostic>,
    },
}

const BUILTIN_TOML: &str = include_str!("../../../config/hanoi/department.toml");
const BUILTIN_TEMPLATES: [(&str, &str); 7] = [
    (
        "report.jinja",
        include_str!("../../../config/hanoi/templates/report.jinja"),
    ),
    (
        "sections/economy.jinja",
        include_str!("../../../config/hanoi/templates/sections/economy.jinja"),
    ),
    (
        "sections/industry.jinja",
        include_str!("../../../config/hanoi/templates/sections/industry.jinja"),
    ),
    (
        "sections/services.jinja",
        include_str!("../../../config/hanoi/templates/sections/services.jinja"),
    ),
    (
        "sections/results.jinja",
        include_str!("../../../config/hanoi/templates/sections/results.jinja"),
    ),
    (
        "sections/targets.jinja",
        include_str!("../../../config/hanoi/templates/sections/targets.jinja"),
    ),
    (
        "sections/words.jinja",
        include_str!("../../../config/hanoi/templates/sections/words.jinja"),
    ),
];
/// Where the built-in department's files come from, in baocao's own
/// source: the folder its data files are named in (`config/hanoi/data/…`).
pub const BUILTIN_FOLDER: &str = "config/hanoi";

const BUILTIN_DATA: [(&str, &str); 2] = [
    (
        "config/hanoi/data/hanoi.toml",
        include_str!("../../../config/hanoi/data/hanoi.toml"),
    ),
    (
        "config/hanoi/data/notes.toml",
        include_str!("../../../config/hanoi/data/notes.toml"),
    ),
];

fn builtin_templates() -> Vec<TemplateFile> {
    BUILTIN_TEMPLATES
        .iter()
        .map(|(name, source)| TemplateFile {
            name: (*name).to_owned(),
            path: format!("config/hanoi/templates/{name}"),
            source: (*source).to_owned(),
        })
        .collect()
}

impl Department {
    /// The built-in Hà Nội department.
    pub fn builtin() -> Department {
        let settings = parse_settings(BUILTIN_TOML, "config/hanoi/department.toml")
            .expect("the built-in department.toml is checked by this crate's tests");
        Department {
            settings,
            folder: None,
            templates: builtin_templates(),
            data: DataSource::Builtin(
                BUILTIN_DATA
                    .iter()
                    .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
                    .collect(),
            ),
        }
    }

    /// Finds a department: `None` is the built-in one; a name is a folder
    /// (as given, or under `config/`), or the built-in `hanoi`.
    pub fn resolve(name: Option<&str>) -> Result<Department, ConfigError> {
        let Some(name) = name else {
            return Ok(Department::builtin());
        };
        let direct = Path::new(name);
        if direct.join("department.toml").is_file() {
            return Department::load(direct);
        }
        let under = Path::new("config").join(name);
        if under.join("department.toml").is_file() {
            return Department::load(&under);
        }
        if name == "hanoi" {
            return Ok(Department::builtin());
        }
        Err(ConfigError::Unknown(name.to_owned()))
    }

    /// Reads a department folder: its settings, its templates (a link in
    /// `templates/` that leaves the folder is refused) and where its
    /// dataset is. The paths `department.toml` names (`data`, each
    /// `*_file` option) must stay inside the folder (`data` may name
    /// another department's folder beside it).
    pub fn load(folder: &Path) -> Result<Department, ConfigError> {
        let toml_path = folder.join("department.toml");
        let shown = toml_path.display().to_string();
        let text = fs::read_to_string(&toml_path).map_err(|e| ConfigError::Io {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let settings = parse_settings(&text, &shown)?;
        let problems = folder::check_paths(folder, &shown, &text, &settings);
        if !problems.is_empty() {
            return Err(ConfigError::Invalid {
                path: shown,
                problems,
            });
        }
        let mut templates = builtin_templates();
        let dir = folder.join("templates");
        if dir.is_dir() {
            let real = folder.canonicalize().map_err(|e| ConfigError::Io {
                path: folder.display().to_string(),
                message: e.to_string(),
            })?;
            for own in folder::read_templates(&real, &dir)? {
                match templates.iter_mut().find(|t| t.name == own.name) {
                    Some(t) => *t = own,
                    None => templates.push(own),
                }
            }
        }
        templates.sort_by(|a, b| a.name.cmp(&b.name));
        let data = DataSource::Path(folder.join(&settings.data));
        Ok(Department {
            settings,
            folder: Some(folder.to_path_buf()),
            templates,
            data,
        })
    }

    /// The file `named` by the option `key` (ending in `_file`) of
    /// `format`, inside the department folder: what a plugin is handed the
    /// text of. Refused, at the option's place in `department.toml`, when
    /// it is written absolute or with `..`, or is a link out of the folder.
    pub fn option_file(
        &self,
        format: &str,
        key: &str,
        named: &str,
    ) -> Result<PathBuf, ConfigError> {
        let folder = self.folder.as_deref().unwrap_or(Path::new("."));
        folder::option_file(folder, named).map_err(|why| {
            let toml = folder.join("department.toml");
            let shown = toml.display().to_string();
            let text = fs::read_to_string(&toml).unwrap_or_default();
            let at = value_at(&text, &["formats", "options", format, key]);
            ConfigError::Invalid {
                problems: vec![folder::option_refused(
                    &shown, &text, at, format, key, named, &why,
                )],
                path: shown,
            }
        })
    }

    /// The bytes of the file `named` by the option `key` of `format`
    /// (see [`Department::option_file`]), refused at the option's place in
    /// `department.toml` when it holds more than `max_size` bytes: an
    /// option file is sent to the plugin whole, with every report.
    pub fn read_option_file(
        &self,
        format: &str,
        key: &str,
        named: &str,
        max_size: u64,
    ) -> Result<Vec<u8>, ConfigError> {
        use std::io::Read as _;
        let path = self.option_file(format, key, named)?;
        let io = |e: std::io::Error| ConfigError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        };
        // One more byte than allowed tells a file too large from one of
        // exactly the limit, without reading more of it.
        let mut bytes = Vec::new();
        fs::File::open(&path)
            .and_then(|f| f.take(max_size.saturating_add(1)).read_to_end(&mut bytes))
            .map_err(io)?;
        if bytes.len() as u64 <= max_size {
            return Ok(bytes);
        }
        let folder = self.folder.as_deref().unwrap_or(Path::new("."));
        let toml = folder.join("department.toml");
        let shown = toml.display().to_string();
        let text = fs::read_to_string(&toml).unwrap_or_default();
        let at = value_at(&text, &["formats", "options", format, key]);
        let megabytes = max_size / (1024 * 1024);
        let problem = Diagnostic::error(format!(
            "`[formats.options.{format}] {key}` names `{named}`, larger than the {megabytes} MiB an option file may be"
        ))
        .at(Span::of_token(&shown, &text, at))
        .label("too large")
        .help("the file is sent to the plugin with every report: make it smaller (a reference document needs its styles, not its pictures)");
        Err(ConfigError::Invalid {
            path: shown,
            problems: vec![problem],
        })
    }

    /// Where the option `key` of `format` is written in `department.toml`,
    /// for a plugin's complaint about it: the line of the key in
    /// `[formats.options.<format>]`, `key` being dotted as the plugin read
    /// it (`margins.top`; `reference` finds `reference_file`, the way the
    /// plugin was handed that file). When the key is not written (a
    /// missing option), the deepest table of its path that is: the
    /// format's `[formats.options.<format>]`; the file when none is.
    pub fn option_span(&self, format: &str, key: &str) -> Span {
        let mut path = vec!["formats", "options", format];
        // A list item (`fonts[1]`) is shown at its list.
        path.extend(
            key.split('.')
                .filter(|k| !k.is_empty())
                .map(|k| k.split('[').next().unwrap_or(k)),
        );
        self.setting_span(&path)
    }

    /// Where the setting at the path `keys` is written in
    /// `department.toml` (`["formats", "default"]`: the line `default =
    /// […]` under `[formats]`), the deepest table of the path that is
    /// written when the setting is not, the file when none is.
    pub fn setting_span(&self, keys: &[&str]) -> Span {
        let (shown, text) = match &self.folder {
            Some(folder) => {
                let toml = folder.join("department.toml");
                let text = fs::read_to_string(&toml).unwrap_or_default();
                (toml.display().to_string(), text)
            }
            None => (
                "config/hanoi/department.toml".to_owned(),
                BUILTIN_TOML.to_owned(),
            ),
        };
        let range = option_range(&text, keys);
        if range.is_empty() {
            Span::file(shown)
        } else if text[range.clone()].contains('\n') {
            Span::of_token(shown, &text, range.start)
        } else {
            Span::of_range(shown, &text, range)
        }
    }

    /// Why the department's own dataset cannot be read, when it is not
    /// there: a diagnostic at its `data = …` in `department.toml`.
    pub fn missing_data(&self) -> Option<Diagnostic> {
        let (DataSource::Path(path), Some(folder)) = (&self.data, &self.folder) else {
            return None;
        };
        if path.exists() {
            return None;
        }
        let toml = folder.join("department.toml");
        let text = fs::read_to_string(&toml).unwrap_or_default();
        Some(missing_data(
            &toml.display().to_string(),
            &text,
            &self.settings.data,
            path,
        ))
    }

    /// The date a report for `period` is signed: (year, month, day).
    pub fn date_for(&self, period: &str) -> Option<Date> {
        self.settings.report.dates.get(period)?.parse().ok()
    }
}

impl Department {
    /// Writes a new department folder at `dir`, copied from this one, ready
    /// to edit: `department.toml` (its comments explain each key) with the
    /// id set to the folder's name, every template, and the dataset in
    /// `data/`. Refuses a folder that exists and is not empty. Returns the
    /// files written.
    pub fn scaffold(&self, dir: &Path) -> Result<Vec<PathBuf>, ConfigError> {
        let io = |p: &Path, e: std::io::Error| ConfigError::Io {
            path: p.display().to_string(),
            message: e.to_string(),
        };
        if dir.exists() && fs::read_dir(dir).map_err(|e| io(dir, e))?.next().is_some() {
            return Err(ConfigError::Io {
                path: dir.display().to_string(),
                message: "the folder exists and is not empty; choose a new folder".to_owned(),
            });
        }
        let id: String = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default()
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let id = if id.is_empty() {
            "department".to_owned()
        } else {
            id
        };
        let toml_text = match &self.folder {
            None => BUILTIN_TOML.to_owned(),
            Some(folder) => {
                let p = folder.join("department.toml");
                fs::read_to_string(&p).map_err(|e| io(&p, e))?
            }
        };
        // The new folder owns its data: `id` and `data` are rewritten, every
        // other line (and comment) is kept.
        let toml_text: String = toml_text
            .lines()
            .map(|l| {
                if l.starts_with("id = ") {
                    format!("id = \"{id}\"")
                } else if l.starts_with("data = ") {
                    "data = \"data\"".to_owned()
                } else {
                    l.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        let mut files: Vec<(PathBuf, String)> = vec![(dir.join("department.toml"), toml_text)];
        for t in &self.templates {
            files.push((dir.join("templates").join(&t.name), t.source.clone()));
        }
        match &self.data {
            DataSource::Builtin(list) => {
                for (name, text) in list {
                    let file = Path::new(name).file_name().unwrap_or_default();
                    files.push((dir.join("data").join(file), text.clone()));
                }
            }
            DataSource::Path(p) if p.is_dir() => {
                let mut entries: Vec<PathBuf> = fs::read_dir(p)
                    .map_err(|e| io(p, e))?
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|f| f.extension().is_some_and(|x| x == "toml"))
                    .collect();
                entries.sort();
                for f in entries {
                    let text = fs::read_to_string(&f).map_err(|e| io(&f, e))?;
                    files.push((
                        dir.join("data").join(f.file_name().unwrap_or_default()),
                        text,
                    ));
                }
            }
            DataSource::Path(p) => {
                let text = fs::read_to_string(p).map_err(|e| io(p, e))?;
                files.push((
                    dir.join("data").join(p.file_name().unwrap_or_default()),
                    text,
                ));
            }
        }
        // The copied data is the source department's: said at the top of
        // each file, so that nobody signs another province's figures and
        // prose by mistake (`baocao check` warns about its place names).
        let mark = format!(
            "# Copied by `baocao init` from the department `{}`: the figures and notes\n\
             # below are that department's. Replace them with your own before a report\n\
             # is signed; `baocao check` warns about notes that name another province.\n",
            self.settings.id
        );
        let data_dir = dir.join("data");
        for (path, text) in &mut files {
            if path.starts_with(&data_dir) {
                text.insert_str(0, &mark);
            }
        }
        let mut written = Vec::new();
        for (path, text) in files {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
            }
            fs::write(&path, text).map_err(|e| io(&path, e))?;
            written.push(path);
        }
        Ok(written)
    }
}

/// The dataset the department names is not there: at its `data = …`, or
/// at the top of the file when the default `data` folder is missing.
fn missing_data(path: &str, text: &str, data: &str, full: &Path) -> Diagnostic {
    let key = text.lines().find_map(|line| {
        let rest = line.trim_start().strip_prefix("data")?;
        let value = rest.trim_start().strip_prefix('=')?.trim_start();
        // `value` is a slice of `line`, itself a slice of `text`.
        Some(value.as_ptr() as usize - text.as_ptr() as usize)
    });
    let d = Diagnostic::error(format!(
        "the dataset `{data}` is not there ({} does not exist)",
        full.display()
    ));
    match key {
        Some(at) => d
            .at(Span::of_token(path, text, at))
            .label("no such file or folder")
            .help("name the dataset's file or folder, relative to the department folder"),
        None => d.at(Span::file(path)).help(format!(
            "put the dataset in a `{data}` folder beside department.toml, or name it with `data = \"…\"`"
        )),
    }
}

/// A value of the wrong type or a missing key, in a clerk's words rather
/// than serde's ("invalid type: string \"2\", expected u32").
fn type_problem(path: &str, text: &str, at: usize, message: &str) -> Diagnostic {
    let message = message.trim_end_matches('.');
    let span = Span::of_token(path, text, at);
    if let Some(key) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        // The span is the table that lacks it: `[letterhead]`, or the top.
        let table = span
            .source_line
            .as_deref()
            .map(str::trim)
            .filter(|l| l.starts_with('['))
            .map_or_else(
                || "at the top of the file".to_owned(),
                |t| format!("in {t}"),
            );
        return Diagnostic::error(format!("missing `{key}` {table}"))
            .at(span)
            .help(format!(
                "add `{key} = …` to it (docs/configuration.md lists every key with an example)"
            ));
    }
    if let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|r| r.split_once(", expected "))
    {
        let wanted = match expected {
            "u32" | "u8" | "u16" | "u64" | "usize" => "a whole number",
            "a boolean" => "true or false",
            "a string" => "text in double quotes",
            "a sequence" => "a list in [ … ]",
            other => other,
        };
        let found = if found.starts_with("string") {
            format!("text {}", found.trim_start_matches("string "))
        } else {
            found.to_owned()
        };
        let mut d = Diagnostic::error(format!("expected {wanted}, found {found}")).at(span);
        if found.starts_with("text") && wanted == "a whole number" {
            d = d.help("write the number without quotes");
        }
        return d;
    }
    Diagnostic::error(message.to_owned()).at(span)
}

/// Where the value of `keys` (`["formats", "options", "html",
/// "stylesheet_file"]`) starts in `table`; the deepest key found when the
/// path stops short.
fn span_of(table: &toml::de::DeTable<'_>, keys: &[&str]) -> usize {
    let mut table = table;
    let mut span = 0;
    for (n, k) in keys.iter().enumerate() {
        let Some(v) = table.get(*k) else { break };
        span = v.span().start;
        match v.get_ref() {
            toml::de::DeValue::Table(t) if n + 1 < keys.len() => table = t,
            _ => break,
        }
    }
    span
}

/// Where the option of `keys` is written in `text`: from its key to the
/// end of its value; the last key is also looked for with `_file`. When
/// the path stops short, the deepest table written on the way (its
/// `[header]`, or its `key = { … }`), or the top of the file.
fn option_range(text: &str, keys: &[&str]) -> std::ops::Range<usize> {
    let Ok(root) = toml::de::DeTable::parse(text) else {
        return 0..0;
    };
    let mut table = root.get_ref();
    let mut range = 0..0;
    for (n, k) in keys.iter().enumerate() {
        let last = n + 1 == keys.len();
        let with_file = format!("{k}_file");
        let found = table.get_key_value(*k).or_else(|| {
            last.then(|| table.get_key_value(with_file.as_str()))
                .flatten()
        });
        let Some((key, value)) = found else { break };
        let (key, value_span) = (key.span(), value.span());
        let Some(written) = text.get(value_span.clone()) else {
            break;
        };
        match value.get_ref() {
            toml::de::DeValue::Table(t) => {
                // A header's span is the header; a table only implied by
                // a deeper header (`formats` of `[formats.options.html]`)
                // is not written anywhere of its own.
                if written.starts_with('[') {
                    range = value_span;
                } else if written.starts_with('{') {
                    range = key.start..value_span.end;
                }
                if last {
                    break;
                }
                table = t;
            }
            _ => {
                range = key.start..value_span.end;
                break;
            }
        }
    }
    range
}

/// Where the value of `keys` starts in the text of a `department.toml`
/// (0 when the text does not parse).
pub(crate) fn value_at(text: &str, keys: &[&str]) -> usize {
    toml::de::DeTable::parse(text).map_or(0, |root| span_of(root.get_ref(), keys))
}

fn parse_settings(text: &str, path: &str) -> Result<Settings, ConfigError> {
    let invalid = |problems: Vec<Diagnostic>| ConfigError::Invalid {
        path: path.to_owned(),
        problems,
    };
    let problem =
        |at: usize, message: String| Diagnostic::error(message).at(Span::of_token(path, text, at));
    let root = toml::de::DeTable::parse(text).map_err(|e| {
        invalid(vec![baocao_diagnostic::toml_syntax(
            path,
            text,
            e.span(),
            e.message(),
        )])
    })?;
    let unknown = schema::unknown_keys(root.get_ref());
    if !unknown.is_empty() {
        return Err(invalid(
            unknown
                .into_iter()
                .map(|u| problem(u.at, u.message))
                .collect(),
        ));
    }
    let settings: Settings = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        invalid(vec![type_problem(path, text, at, e.message())])
    })?;
    // Where a key's value is, for messages about values that parse but
    // make no sense.
    let at = |keys: &[&str]| -> usize { span_of(root.get_ref(), keys) };
    let mut problems = Vec::new();
    let id_ok = !settings.id.is_empty()
        && settings
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !id_ok {
        problems.push(problem(
            at(&["id"]),
            format!(
                "`id` must be lowercase letters, digits, `_` or `-` (it names output folders), found `{}`",
                settings.id
            ),
        ));
    }
    if !["vi", "en"].contains(&settings.locale.as_str()) {
        let hint = baocao_suggest::closest(&settings.locale, ["vi", "en"])
            .map_or_else(String::new, |k| format!("; did you mean `{k}`?"));
        problems.push(problem(
            at(&["locale"]),
            format!(
                "unknown locale `{}`: expected `vi` or `en`{hint}",
                settings.locale
            ),
        ));
    }
    if !POINTS.contains(&settings.numbers.points.as_str()) {
        problems.push(problem(
            at(&["numbers", "points"]),
            format!(
                "unknown unit of points `{}`: expected \"điểm %\" or \"điểm phần trăm\"",
                settings.numbers.points
            ),
        ));
    }
    for (period, date) in &settings.report.dates {
        if let Err(why) = date.parse::<Date>() {
            problems.push(problem(
                at(&["report", "dates", period]),
                format!("the date of `{period}`: {why}"),
            ));
        }
    }
    let n = &settings.numbers;
    for (key, d) in [
        ("growth", n.growth),
        ("contribution", n.contribution),
        ("share", n.share),
        ("structure", n.structure),
        ("index", n.index),
        ("value", n.value),
    ] {
        if d > 10 {
            problems.push(problem(
                at(&["numbers", key]),
                format!("`numbers.{key}` is {d} decimals; at most 10 make sense"),
            ));
        }
    }
    let limits = &settings.templates;
    let max = TemplateLimits::MAX;
    for (key, value, most, what) in [
        ("fuel", limits.fuel, max.fuel, "steps"),
        (
            "max_output_kb",
            limits.max_output_kb,
            max.max_output_kb,
            "KB",
        ),
    ] {
        if value == 0 || value > most {
            problems.push(
                problem(
                    at(&["templates", key]),
                    format!(
                        "`templates.{key}` is {value}; it must be between 1 and {most} ({what})"
                    ),
                )
                .help(format!(
                    "leave `{key}` out for the default, {}, which is ample for any report",
                    if key == "fuel" {
                        TemplateLimits::DEFAULT.fuel
                    } else {
                        TemplateLimits::DEFAULT.max_output_kb
                    }
                )),
            );
        }
    }
    let jump = settings.checks.jump_factor;
    if !(Checks::MIN_JUMP_FACTOR..=Checks::MAX_JUMP_FACTOR).contains(&jump) {
        problems.push(
            problem(
                at(&["checks", "jump_factor"]),
                format!(
                    "`checks.jump_factor` is {jump}; it must be between {} and {}",
                    Checks::MIN_JUMP_FACTOR,
                    Checks::MAX_JUMP_FACTOR
                ),
            )
            .help(format!(
                "leave `jump_factor` out for the default, {}: a level more than {} times or less than 1/{} of the period before is told",
                Checks::DEFAULT_JUMP_FACTOR,
                Checks::DEFAULT_JUMP_FACTOR,
                Checks::DEFAULT_JUMP_FACTOR
            )),
        );
    }
    let out = &settings.output.path;
    if !out.contains("{period}") || !out.contains("{ext}") {
        problems.push(problem(
            at(&["output", "path"]),
            format!("`output.path` must contain `{{period}}` and `{{ext}}` so reports do not overwrite each other, found `{out}`"),
        ));
    }
    if out.split(['/', '\\']).any(|c| c == "..") || Path::new(out).is_absolute() {
        problems.push(problem(
            at(&["output", "path"]),
            format!("`output.path` must stay inside the current folder (no `..`, not absolute), found `{out}`"),
        ));
    }
    if problems.is_empty() {
        Ok(settings)
    } else {
        Err(invalid(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_reads_and_dates_parse() {
        let d = Department::builtin();
        assert_eq!(d.date_for("2024"), Date::new(2025, 1, 5));
        assert_eq!(d.date_for("2022"), None);
    }

    #[test]
    fn unknown_key_names_the_place() {
        let text = "id = \"x\"\n[letterhead]\nauthority = \"A\"\ndepartment = \"B\"\nplace = \"C\"\nsigner = \"D\"\n";
        let err = parse_settings(text, "department.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("department.toml:6:1: unknown key `signer` in [letterhead]; expected one of authority"),
            "{err}"
        );
    }

    #[test]
    fn every_problem_is_listed_with_its_place() {
        let text = "id = \"Hà Nội\"\nlocle = \"vi\"\n[letterhead]\nautority = \"A\"\ndepartment = \"B\"\nplace = \"C\"\n[numbres]\ngrowth = 2\n";
        let err = parse_settings(text, "d.toml").unwrap_err().to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines,
            [
                "d.toml:2:1: unknown key `locle` at the top level; did you mean `locale`?",
                "d.toml:4:1: unknown key `autority` in [letterhead]; did you mean `authority`?",
                "d.toml:7:2: unknown key `numbres` at the top level; did you mean `numbers`?",
            ]
        );
        let text = "id = \"Hà Nội\"\nlocale = \"vn\"\n[letterhead]\nauthority = \"A\"\ndepartment = \"B\"\nplace = \"C\"\n[report.dates]\n2024 = \"05/01/2025\"\n[output]\npath = \"../{period}.{ext}\"\n";
        let err = parse_settings(text, "d.toml").unwrap_err().to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 4, "{err}");
        assert!(
            lines[0].starts_with("d.toml:1:6: `id` must be lowercase"),
            "{err}"
        );
        assert!(
            lines[1].starts_with("d.toml:2:10: unknown locale `vn`"),
            "{err}"
        );
        assert!(
            lines[2].starts_with(
                "d.toml:8:8: the date of `2024`: `05/01/2025` is not a date written YYYY-MM-DD"
            ),
            "{err}"
        );
        assert!(
            lines[3].starts_with("d.toml:10:8: `output.path` must stay inside"),
            "{err}"
        );
    }

    #[test]
    fn the_schema_and_the_settings_types_have_the_same_keys() {
        // Every key the types serialize is in the schema, and the other way:
        // a full department.toml with every schema key deserializes.
        fn paths(v: &toml::Value, prefix: &str, out: &mut Vec<String>) {
            if let toml::Value::Table(t) = v {
                for (k, v) in t {
                    let p = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    out.push(p.clone());
                    paths(v, &p, out);
                }
            }
        }
        let full = include_str!("../tests/full-department.toml");
        let settings = parse_settings(full, "full-department.toml").unwrap();
        let value = toml::Value::try_from(&settings).unwrap();
        let mut serialized = Vec::new();
        paths(&value, "", &mut serialized);
        let schema = key_paths();
        let generic = |p: &str| {
            p.replace("dates.2024", "dates.<period>")
                .replace("options.txt", "options.<format>")
        };
        for p in &serialized {
            let g = generic(p);
            if g.starts_with("formats.options.<format>.") {
                continue; // free-form plugin options
            }
            assert!(
                schema.contains(&g),
                "the types have `{p}` but the schema does not"
            );
        }
        for p in &schema {
            assert!(
                serialized.iter().any(|s| generic(s) == *p),
                "the schema has `{p}` but the full example does not set it"
            );
        }
    }

    #[test]
    fn every_key_is_documented() {
        let doc = include_str!("../../../docs/configuration.md");
        for key in key_paths() {
            // a key as `key`, a table as [table]
            let documented = doc.contains(&format!("`{key}`")) || doc.contains(&format!("[{key}]"));
            assert!(
                documented,
                "docs/configuration.md does not document `{key}`"
            );
        }
    }

    #[test]
    fn scaffold_writes_a_folder_that_loads() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("Thai Binh");
        let files = Department::builtin().scaffold(&target).unwrap();
        assert!(files.len() >= 6);
        let d = Department::load(&target).unwrap();
        assert_eq!(d.settings.id, "thai-binh");
        assert_eq!(d.data, DataSource::Path(target.join("data")));
        assert!(
            fs::read_to_string(target.join("department.toml"))
                .unwrap()
                .contains("# The report language")
        );
        assert!(
            Department::builtin().scaffold(&target).is_err(),
            "refuses a non-empty folder"
        );
    }

    /// A department folder with `department.toml` holding `extra` after
    /// the letterhead.
    fn department(extra: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("department.toml"),
            format!(
                "id = \"test\"\n[letterhead]\nauthority = \"A\"\ndepartment = \"B\"\nplace = \"C\"\n{extra}"
            ),
        )
        .unwrap();
        dir
    }

    #[test]
    fn template_limits_stay_within_their_cap() {
        let base =
            "id = \"x\"\n[letterhead]\nauthority = \"A\"\ndepartment = \"B\"\nplace = \"C\"\n";
        let ok = parse_settings(&format!("{base}[templates]\nfuel = 5000000\n"), "d.toml").unwrap();
        assert_eq!(ok.templates.fuel, 5_000_000);
        assert_eq!(
            ok.templates.max_output_kb,
            TemplateLimits::DEFAULT.max_output_kb
        );
        let err = parse_settings(
            &format!("{base}[templates]\nfuel = 1000000000\nmax_output_kb = 0\n"),
            "d.toml",
        )
        .unwrap_err()
        .to_string();
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(
            lines,
            [
                "d.toml:7:8: `templates.fuel` is 1000000000; it must be between 1 and 100000000 (steps); leave `fuel` out for the default, 2000000, which is ample for any report",
                "d.toml:8:17: `templates.max_output_kb` is 0; it must be between 1 and 262144 (KB); leave `max_output_kb` out for the default, 8192, which is ample for any report",
            ]
        );
    }

    #[test]
    fn the_jump_factor_has_a_default_and_bounds() {
        let base =
            "id = \"x\"\n[letterhead]\nauthority = \"A\"\ndepartment = \"B\"\nplace = \"C\"\n";
        assert_eq!(
            parse_settings(base, "d.toml").unwrap().checks.jump_factor,
            Checks::DEFAULT_JUMP_FACTOR
        );
        let ok = parse_settings(&format!("{base}[checks]\njump_factor = 20\n"), "d.toml").unwrap();
        assert_eq!(ok.checks.jump_factor, 20);
        for (factor, column) in [("1", 15), ("0", 15), ("1000001", 15)] {
            let err = parse_settings(
                &format!("{base}[checks]\njump_factor = {factor}\n"),
                "d.toml",
            )
            .unwrap_err()
            .to_string();
            assert_eq!(
                err,
                format!(
                    "d.toml:7:{column}: `checks.jump_factor` is {factor}; it must be between 2 and 1000000; leave `jump_factor` out for the default, 5: a level more than 5 times or less than 1/5 of the period before is told"
                )
            );
        }
    }

    #[test]
    fn option_files_outside_the_folder_are_refused_at_their_place() {
        for (named, message) in [
            (
                "../x.css",
                "department.toml:7:19: `[formats.options.html] stylesheet_file` must name a file inside the department folder, found `../x.css`",
            ),
            (
                "/etc/hostname",
                "department.toml:7:19: `[formats.options.html] stylesheet_file` must name a file inside the department folder, found `/etc/hostname`",
            ),
        ] {
            let dir = department(&format!(
                "[formats.options.html]\nstylesheet_file = \"{named}\"\n"
            ));
            let err = Department::load(dir.path()).unwrap_err();
            let ConfigError::Invalid { problems, .. } = &err else {
                panic!("{err:?}");
            };
            assert_eq!(problems.len(), 1);
            let shown = problems[0].to_string();
            let shown = shown.replace(&dir.path().display().to_string(), "");
            assert!(shown.starts_with(&format!("/{message}")), "{shown}");
        }
        let dir = department("");
        let toml = dir.path().join("department.toml");
        let text = fs::read_to_string(&toml).unwrap();
        fs::write(&toml, format!("data = \"/etc\"\n{text}")).unwrap();
        let err = Department::load(dir.path()).unwrap_err().to_string();
        assert!(
            err.contains("`data` must name a file or folder inside the department folder"),
            "{err}"
        );
    }

    #[test]
    fn option_files_are_read_as_bytes_up_to_a_limit() {
        let dir = department("[formats.options.docx]\nreference_file = \"mau.docx\"\n");
        fs::write(dir.path().join("mau.docx"), b"PK\x03\x04\xff").unwrap();
        let d = Department::load(dir.path()).unwrap();
        let read = |limit| d.read_option_file("docx", "reference_file", "mau.docx", limit);
        assert_eq!(read(5).unwrap(), b"PK\x03\x04\xff");
        let err = read(4).unwrap_err();
        let ConfigError::Invalid { problems, .. } = &err else {
            panic!("{err:?}");
        };
        let shown = problems[0].to_string();
        let shown = shown.replace(&dir.path().display().to_string(), "");
        assert!(
            shown.starts_with("/department.toml:7:18: `[formats.options.docx] reference_file` names `mau.docx`, larger than the 0 MiB an option file may be"),
            "{shown}"
        );
        fs::remove_file(dir.path().join("mau.docx")).unwrap();
        assert!(
            read(5)
                .unwrap_err()
                .to_string()
                .contains("mau.docx: cannot read: "),
            "a missing file"
        );
    }

    #[test]
    fn options_are_found_by_their_key() {
        let dir = department(
            "[formats.options.docx]\nfont = \"Times\"\nreference_file = \"mau.docx\"\nmargins = { top = 20 }\n[formats.options.html]\nstylsheet = \"x\"\n",
        );
        let d = Department::load(dir.path()).unwrap();
        let at = |format: &str, key: &str| {
            let span = d.option_span(format, key);
            assert!(span.file.ends_with("department.toml"), "{}", span.file);
            (span.line, span.column, span.width)
        };
        assert_eq!(at("html", "stylsheet"), (11, 1, 15));
        assert_eq!(at("docx", "font"), (7, 1, 14));
        assert_eq!(at("docx", "reference"), (8, 1, 27));
        assert_eq!(at("docx", "margins.top"), (9, 13, 8));
        // Not written: the format's table.
        assert_eq!(at("docx", "size"), (6, 1, 22));
        assert_eq!(at("docx", "margins.left"), (9, 1, 22));
        assert_eq!(at("html", ""), (10, 1, 22));
        // No table for the format, nor for `formats`: the file.
        assert_eq!(at("md", "flavour"), (0, 0, 0));
    }

    #[cfg(unix)]
    #[test]
    fn links_in_templates_never_leave_the_folder_nor_loop() {
        use std::os::unix::fs::symlink;
        // Two links to `.`: read once, and the walk ends.
        let dir = department("");
        let t = dir.path().join("templates");
        fs::create_dir_all(&t).unwrap();
        fs::write(t.join("own.jinja"), "own").unwrap();
        symlink(".", t.join("a")).unwrap();
        symlink(".", t.join("b")).unwrap();
        let d = Department::load(dir.path()).unwrap();
        let own: Vec<&str> = d
            .templates
            .iter()
            .filter(|t| t.source == "own")
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(own, ["own.jinja"]);
        // Two links to each other: an error naming one, not a hang.
        let dir = department("");
        let t = dir.path().join("templates");
        fs::create_dir_all(&t).unwrap();
        symlink(t.join("y"), t.join("x")).unwrap();
        symlink(t.join("x"), t.join("y")).unwrap();
        let err = Department::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("templates/x: cannot read"), "{err}");
        // A link out of the folder, as a file or as the whole folder.
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("report.jinja"), "secret").unwrap();
        let dir = department("");
        let t = dir.path().join("templates");
        fs::create_dir_all(&t).unwrap();
        symlink(outside.path().join("report.jinja"), t.join("report.jinja")).unwrap();
        let err = Department::load(dir.path()).unwrap_err();
        let ConfigError::Invalid { path, problems } = &err else {
            panic!("{err:?}");
        };
        assert!(path.ends_with("templates/report.jinja"), "{path}");
        assert!(
            problems[0].message.contains("report.jinja` is a link to `"),
            "{err}"
        );
        assert!(
            problems[0]
                .message
                .ends_with("outside the department folder"),
            "{err}"
        );
        let dir = department("");
        symlink(outside.path(), dir.path().join("templates")).unwrap();
        let err = Department::load(dir.path()).unwrap_err().to_string();
        assert!(err.contains("outside the department folder"), "{err}");
        // A link to a folder inside the department is read.
        let dir = department("");
        fs::create_dir_all(dir.path().join("shared")).unwrap();
        fs::write(dir.path().join("shared/part.jinja"), "part").unwrap();
        fs::create_dir_all(dir.path().join("templates")).unwrap();
        symlink(
            dir.path().join("shared"),
            dir.path().join("templates/sections"),
        )
        .unwrap();
        let d = Department::load(dir.path()).unwrap();
        assert!(
            d.templates
                .iter()
                .any(|t| t.name == "sections/part.jinja" && t.source == "part")
        );
    }

    #[test]
    fn a_folder_shadows_builtin_templates() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join("department.toml"),
            "id = \"test\"\n[letterhead]\nauthority = \"A\"\ndepartment = \"B\"\nplace = \"C\"\n",
        )
        .unwrap();
        fs::create_dir_all(dir.path().join("templates/sections")).unwrap();
        fs::write(dir.path().join("templates/sections/industry.jinja"), "mine").unwrap();
        let d = Department::load(dir.path()).unwrap();
        let industry = d
            .templates
            .iter()
            .find(|t| t.name == "sections/industry.jinja")
            .unwrap();
        assert_eq!(industry.source, "mine");
        assert!(d.templates.iter().any(|t| t.name == "report.jinja"));
    }
}
