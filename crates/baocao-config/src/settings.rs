//! The settings of `department.toml`, key by key (documented with their
//! defaults in docs/configuration.md; a test keeps the two in step).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The settings in `department.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The department's id, used in output paths: `[a-z0-9_-]+`.
    pub id: String,
    /// The report language: `vi` (default) or `en`.
    #[serde(default = "default_locale")]
    pub locale: String,
    /// The dataset, a TOML file or a folder, relative to the department folder.
    #[serde(default = "default_data")]
    pub data: String,
    /// Folders with exporter plugins, relative to the department folder;
    /// searched before `BAOCAO_PLUGIN_PATH` and the executable's folder.
    #[serde(default)]
    pub plugin_dirs: Vec<String>,
    /// Run this department's exporter plugins in worker processes
    /// (`--isolate-plugins` for it alone): slower, but a plugin that
    /// crashes, exits, hangs or prints fails only its own format.
    #[serde(default)]
    pub isolate_plugins: bool,
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
    /// How figures are written.
    #[serde(default)]
    pub numbers: Numbers,
    /// Which formats to write, and their options.
    #[serde(default)]
    pub formats: Formats,
    /// Where files are written.
    #[serde(default)]
    pub output: Output,
    /// What the templates may do for one report.
    #[serde(default)]
    pub templates: TemplateLimits,
    /// What `check` finds suspicious.
    #[serde(default)]
    pub checks: Checks,
}

fn default_locale() -> String {
    "vi".to_owned()
}

fn default_data() -> String {
    "data".to_owned()
}

/// The left column of the header block, and the place of the date line.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Letterhead {
    /// Governing authority ("UBND THÀNH PHỐ HÀ NỘI").
    pub authority: String,
    /// The department ("SỞ CÔNG THƯƠNG").
    pub department: String,
    /// Document number line; `{n}` is replaced by `--number` when given,
    /// else by "…" ("Số: {n}/BC-SCT").
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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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
    /// The source note under the report; empty: the dataset's `source`.
    #[serde(default)]
    pub source: String,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings {
            template: default_template(),
            title: default_title(),
            subject: String::new(),
            dates: BTreeMap::new(),
            source: String::new(),
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
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

/// Decimals written for each kind of figure when a template does not say,
/// and whether trailing zeros are trimmed (13,0 → 13).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Numbers {
    /// Growth, %.
    pub growth: u32,
    /// Contributions, percentage points.
    pub contribution: u32,
    /// Shares of growth, %.
    pub share: u32,
    /// Structure, %.
    pub structure: u32,
    /// Indices.
    pub index: u32,
    /// Levels (this period and the previous one).
    pub value: u32,
    /// Whether 13,0 is written 13.
    pub trim_zeros: bool,
    /// The unit of percentage points in Vietnamese: "điểm %" (as the
    /// seed writes it) or "điểm phần trăm".
    pub points: String,
}

impl Default for Numbers {
    fn default() -> Self {
        Numbers {
            growth: 2,
            contribution: 2,
            share: 1,
            structure: 1,
            index: 1,
            value: 0,
            trim_zeros: true,
            points: "điểm %".to_owned(),
        }
    }
}

/// Which formats `render` writes when `--format` is not given, and each
/// format's options.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Formats {
    /// Format ids written by default.
    #[serde(default = "default_formats")]
    pub default: Vec<String>,
    /// Options of each format, by format id, handed to its plugin as JSON.
    /// A key ending in `_file` names a file in the department folder: its
    /// text is passed under the key without `_file`
    /// (`stylesheet_file = "in.css"` → `stylesheet = "<the file's text>"`).
    #[serde(default)]
    pub options: BTreeMap<String, toml::Table>,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            default: default_formats(),
            options: BTreeMap::new(),
        }
    }
}

fn default_formats() -> Vec<String> {
    vec!["md".to_owned()]
}

/// Where `render` writes when `--out` is not given.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Output {
    /// The output path pattern, relative to the current folder:
    /// `{department}`, `{period}` and `{ext}` are replaced.
    #[serde(default = "default_output_path")]
    pub path: String,
}

impl Default for Output {
    fn default() -> Self {
        Output {
            path: default_output_path(),
        }
    }
}

fn default_output_path() -> String {
    "out/{department}/{period}.{ext}".to_owned()
}

/// How much work and text a department's templates may take for one
/// report: the defaults leave the shipped reports more than twenty times
/// what they use; a department may raise them up to [`TemplateLimits::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TemplateLimits {
    /// Steps a report's templates may take (minijinja's fuel).
    pub fuel: u64,
    /// Kilobytes of text a report's templates may write and build in all.
    pub max_output_kb: u64,
}

impl TemplateLimits {
    /// The defaults (`baocao_narrative::Limits::DEFAULT`, which a test of
    /// the narrative crate holds equal).
    pub const DEFAULT: TemplateLimits = TemplateLimits {
        fuel: 2_000_000,
        max_output_kb: 8 * 1024,
    };

    /// The most a department may set (`baocao_narrative::Limits::MAX`).
    pub const MAX: TemplateLimits = TemplateLimits {
        fuel: 100_000_000,
        max_output_kb: 256 * 1024,
    };
}

impl Default for TemplateLimits {
    fn default() -> Self {
        TemplateLimits::DEFAULT
    }
}

/// What `check` finds suspicious in a dataset that passes every
/// consistency check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Checks {
    /// A level that grows or falls by more than this factor between two
    /// consecutive periods of the same kind is told as a jump.
    pub jump_factor: u32,
}

impl Checks {
    /// The default factor of a jump.
    pub const DEFAULT_JUMP_FACTOR: u32 = 5;
    /// The smallest factor that makes sense: 1 would tell every change.
    pub const MIN_JUMP_FACTOR: u32 = 2;
    /// The largest: beyond it, only a figure a million times off is told.
    pub const MAX_JUMP_FACTOR: u32 = 1_000_000;
}

impl Default for Checks {
    fn default() -> Self {
        Checks {
            jump_factor: Checks::DEFAULT_JUMP_FACTOR,
        }
    }
}
