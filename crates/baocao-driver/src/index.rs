//! The table of contents of a batch folder: `index.html` and `index.md`
//! for people, `manifest.json` (path, size and SHA-256 of every file) for
//! programs that pick the reports up.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use baocao_dataset::Period;

use crate::batch::{BatchOutcome, FileOutcome, FileStatus};
use crate::{DriverError, Staged};

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One file in `manifest.json`; its keys in alphabetical order.
#[derive(serde::Serialize)]
struct ManifestEntry<'a> {
    department: &'a str,
    format: &'a str,
    path: String,
    period: String,
    sha256: &'a str,
    size: u64,
}

/// `index.html`, `index.md` and `manifest.json` of the output folder;
/// each one that could not be written, with why.
pub(crate) fn write_index(
    staged: &Staged,
    out: &Path,
    report: &BatchOutcome,
) -> Vec<(PathBuf, DriverError)> {
    // department → period → [(format, path)], sorted.
    let mut by: BTreeMap<&str, BTreeMap<Period, Vec<&FileOutcome>>> = BTreeMap::new();
    for f in report
        .files
        .iter()
        .filter(|f| !matches!(f.status, FileStatus::Failed(_)))
    {
        by.entry(f.department.as_str())
            .or_default()
            .entry(f.period)
            .or_default()
            .push(f);
    }
    let link = |f: &FileOutcome| f.path.to_string_lossy().replace('\\', "/");
    let mut md = String::from("# Báo cáo\n\n| Đơn vị | Kỳ | Tệp |\n| :-- | :-- | :-- |\n");
    let mut rows = String::new();
    for (dept, periods) in &by {
        for (period, files) in periods {
            let links_md: Vec<String> = files
                .iter()
                .map(|f| format!("[{}]({})", f.format, link(f)))
                .collect();
            md.push_str(&format!(
                "| {dept} | {period} | {} |\n",
                links_md.join(" · ")
            ));
            let links_html: Vec<String> = files
                .iter()
                .map(|f| {
                    format!(
                        "<a href=\"{}\">{}</a>",
                        html_escape(&link(f)),
                        html_escape(&f.format)
                    )
                })
                .collect();
            rows.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>\n",
                html_escape(dept),
                html_escape(&period.to_string()),
                links_html.join(" · ")
            ));
        }
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Báo cáo</title>\n<style>body{{font-family:\"Times New Roman\",serif;margin:2em}}table{{border-collapse:collapse}}th,td{{border:1px solid #999;padding:.3em .6em;text-align:left}}</style>\n</head>\n<body>\n<h1>Báo cáo</h1>\n<table>\n<thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Kỳ</th><th scope=\"col\">Tệp</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n</body>\n</html>\n"
    );
    let manifest: Vec<ManifestEntry<'_>> = report
        .files
        .iter()
        .filter(|f| !matches!(f.status, FileStatus::Failed(_)))
        .map(|f| ManifestEntry {
            department: &f.department,
            format: &f.format,
            path: link(f),
            period: f.period.to_string(),
            sha256: &f.sha256,
            size: f.size,
        })
        .collect();
    let mut manifest =
        serde_json::to_string_pretty(&manifest).expect("plain JSON values serialize");
    manifest.push('\n');
    [
        ("index.md", md.as_bytes()),
        ("index.html", html.as_bytes()),
        ("manifest.json", manifest.as_bytes()),
    ]
    .into_iter()
    .filter_map(|(name, bytes)| {
        let path = out.join(name);
        staged.write(&path, bytes).err().map(|e| (path, e))
    })
    .collect()
}
