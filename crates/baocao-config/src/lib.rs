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

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The settings in `department.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The department's id, used in output paths: `[a-z0-9_-]+`.
    pub id: String,
    /// The dataset, a TOML file or a folder, relative to the department folder.
    #[serde(default = "default_data")]
    pub data: String,
    /// Folders with exporter plugins, relative to the department folder;
    /// searched before `BAOCAO_PLUGIN_PATH` and the executable's folder.
    #[serde(default)]
    pub plugin_dirs: Vec<String>,
    /// The header block.
    pub letterhead: Letterhead,
    /// Title, subject, main template, dates.
    #[serde(default)]
    pub report: ReportSettings,
    /// The signer.
    #[serde(default)]
    pub signature: Signature,
    /// Who receives the report.
    #[serde(default)]
    pub recipients: Recipients,
}

fn default_data() -> String {
    "data".to_owned()
}

/// The left column of the header block, and the place of the date line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Letterhead {
    /// Governing authority ("UBND THÀNH PHỐ HÀ NỘI").
    pub authority: String,
    /// The department ("SỞ CÔNG THƯƠNG").
    pub department: String,
    /// Document number line ("Số: …/BC-SCT").
    #[serde(default)]
    pub number: String,
    /// Place of the date line ("Hà Nội").
    pub place: String,
    /// National title; defaults to "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".
    #[serde(default = "default_nation")]
    pub nation: String,
    /// National motto; defaults to "Độc lập - Tự do - Hạnh phúc".
    #[serde(default = "default_motto")]
    pub motto: String,
}

fn default_nation() -> String {
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".to_owned()
}

fn default_motto() -> String {
    "Độc lập - Tự do - Hạnh phúc".to_owned()
}

/// The report itself.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    /// The main template, in `templates/`.
    #[serde(default = "default_template")]
    pub template: String,
    /// The kind of document ("BÁO CÁO").
    #[serde(default = "default_title")]
    pub title: String,
    /// The subject under the title, a template string.
    #[serde(default)]
    pub subject: String,
    /// The date each report is signed, by period key ("2024" = "2025-01-05").
    #[serde(default)]
    pub dates: BTreeMap<String, String>,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            template: default_template(),
            title: default_title(),
            subject: String::new(),
            dates: BTreeMap::new(),
        }
    }
}

fn default_template() -> String {
    "report.jinja".to_owned()
}

fn default_title() -> String {
    "BÁO CÁO".to_owned()
}

/// The signer, printed at the end on the right.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Lines of the signer's authority ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC").
    #[serde(default)]
    pub titles: Vec<String>,
    /// Full name.
    #[serde(default)]
    pub name: String,
}

/// The recipients block, printed at the end on the left.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// Its heading ("Nơi nhận:").
    #[serde(default = "default_recipients_label")]
    pub label: String,
    /// Each recipient as printed ("- Bộ Công Thương;").
    #[serde(default)]
    pub list: Vec<String>,
}

impl Default for Recipients {
    fn default() -> Self {
        Recipients {
            label: default_recipients_label(),
            list: Vec::new(),
        }
    }
}

fn default_recipients_label() -> String {
    "Nơi nhận:".to_owned()
}

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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// `department.toml` is not valid.
    #[error("{path}:{line}:{column}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

const BUILTIN_TOML: &str = include_str!("../../../config/hanoi/department.toml");
const BUILTIN_TEMPLATES: [(&str, &str); 4] = [
    (
        "report.jinja",
        include_str!("../../../config/hanoi/templates/report.jinja"),
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
        "sections/targets.jinja",
        include_str!("../../../config/hanoi/templates/sections/targets.jinja"),
    ),
];
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

    /// Reads a department folder.
    pub fn load(folder: &Path) -> Result<Department, ConfigError> {
        let toml_path = folder.join("department.toml");
        let shown = toml_path.display().to_string();
        let text = fs::read_to_string(&toml_path).map_err(|e| ConfigError::Io {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let settings = parse_settings(&text, &shown)?;
        let mut templates = builtin_templates();
        let dir = folder.join("templates");
        if dir.is_dir() {
            for own in read_templates(&dir, &dir)? {
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

    /// The date a report for `period` is signed: (year, month, day).
    pub fn date_for(&self, period: &str) -> Option<(i32, u8, u8)> {
        parse_date(self.settings.report.dates.get(period)?)
    }
}

/// "2025-01-05" → (2025, 1, 5).
pub fn parse_date(s: &str) -> Option<(i32, u8, u8)> {
    let mut parts = s.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    let ok = parts.next().is_none() && (1..=12).contains(&m) && (1..=31).contains(&d);
    ok.then_some((y, m, d))
}

fn read_templates(root: &Path, dir: &Path) -> Result<Vec<TemplateFile>, ConfigError> {
    let io = |p: &Path, e: std::io::Error| ConfigError::Io {
        path: p.display().to_string(),
        message: e.to_string(),
    };
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(|e| io(dir, e))?;
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        if path.is_dir() {
            out.extend(read_templates(root, &path)?);
        } else if path.extension().is_some_and(|e| e == "jinja") {
            let source = fs::read_to_string(&path).map_err(|e| io(&path, e))?;
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push(TemplateFile {
                name,
                path: path.display().to_string(),
                source,
            });
        }
    }
    Ok(out)
}

fn parse_settings(text: &str, path: &str) -> Result<Settings, ConfigError> {
    let settings: Settings = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        ConfigError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message: e.message().trim_end_matches('.').to_owned(),
        }
    })?;
    let id_ok = !settings.id.is_empty()
        && settings
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if !id_ok {
        let at = text.find("id").unwrap_or(0);
        let (line, column) = line_col(text, at);
        return Err(ConfigError::Invalid {
            path: path.to_owned(),
            line,
            column,
            message: format!(
                "`id` must be lowercase letters, digits, `_` or `-` (it names output folders), found `{}`",
                settings.id
            ),
        });
    }
    for (period, date) in &settings.report.dates {
        if parse_date(date).is_none() {
            let at = text.find(date.as_str()).unwrap_or(0);
            let (line, column) = line_col(text, at);
            return Err(ConfigError::Invalid {
                path: path.to_owned(),
                line,
                column,
                message: format!(
                    "the date of `{period}` must be written YYYY-MM-DD, found `{date}`"
                ),
            });
        }
    }
    Ok(settings)
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_reads_and_dates_parse() {
        let d = Department::builtin();
        assert_eq!(d.date_for("2024"), Some((2025, 1, 5)));
        assert_eq!(d.date_for("2022"), None);
    }

    #[test]
    fn unknown_key_names_the_place() {
        let text = "id = \"x\"\n[letterhead]\nauthority = \"A\"\ndepartment = \"B\"\nplace = \"C\"\nsigner = \"D\"\n";
        let err = parse_settings(text, "department.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("department.toml:6:1: unknown field `signer`"),
            "{err}"
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
