//! What a department folder lets baocao read: its templates, the files its
//! `*_file` options name and its dataset, each kept inside the folder.
//!
//! A department folder may come from someone else (a copy mailed by
//! another province, a shared drive), so nothing it names may reach the
//! rest of the disk: a `stylesheet_file` written `../../etc/hostname` or
//! `/etc/hostname` would put that file into the HTML, a link in
//! `templates/` to `/` would be read as templates, and two links to `.`
//! would be walked for ever. Names are checked as written (no absolute
//! path, no `..`) and as the disk resolves them (no link whose target
//! leaves the folder); `templates/` is walked once per real folder.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Component, Path, PathBuf};

use baocao_diagnostic::{Diagnostic, Span};

use crate::{ConfigError, Settings, TemplateFile};

/// Why a path a department names is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// Written absolute, or with `..`, or empty.
    Written,
    /// A link (itself, or a folder on its way) whose target is outside:
    /// the target.
    Link(PathBuf),
    /// A file of the folder named, a link whose target is outside: the
    /// file and the target.
    LinkIn(PathBuf, PathBuf),
}

/// The file a `*_file` option names, `named` relative to `folder`: a path
/// inside it as written and as resolved.
pub(crate) fn option_file(folder: &Path, named: &str) -> Result<PathBuf, Refusal> {
    let written = Path::new(named);
    let plain = written
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !plain
        || !written
            .components()
            .any(|c| matches!(c, Component::Normal(_)))
    {
        return Err(Refusal::Written);
    }
    let path = folder.join(written);
    match escapes(&path, &[folder.to_path_buf()]) {
        Some(target) => Err(Refusal::Link(target)),
        None => Ok(path),
    }
}

/// The dataset `data` names, relative to `folder`: inside the folder, or
/// inside another department's folder beside it (`../hanoi/data`, how the
/// shipped `hanoi-en` shares Hà Nội's figures).
pub(crate) fn data_path(folder: &Path, named: &str) -> Result<PathBuf, Refusal> {
    let written = Path::new(named);
    let mut parts = written.components().peekable();
    // `../<department>/…`: a sibling's folder, if it is one.
    let sibling = if parts.peek() == Some(&Component::ParentDir) {
        parts.next();
        match parts.next() {
            Some(Component::Normal(name)) => Some(folder.join("..").join(name)),
            _ => return Err(Refusal::Written),
        }
    } else {
        None
    };
    if !parts.all(|c| matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(Refusal::Written);
    }
    let within = match sibling {
        Some(s) if s.join("department.toml").is_file() => s,
        Some(_) => return Err(Refusal::Written),
        None => folder.to_path_buf(),
    };
    let path = folder.join(written);
    if let Some(target) = escapes(&path, std::slice::from_ref(&within)) {
        return Err(Refusal::Link(target));
    }
    // The dataset reader reads a folder's `*.toml` files: none may lead out.
    if path.is_dir()
        && let Ok(entries) = fs::read_dir(&path)
    {
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for file in files {
            if let Some(target) = escapes(&file, std::slice::from_ref(&within)) {
                return Err(Refusal::LinkIn(file, target));
            }
        }
    }
    Ok(path)
}

/// The real place of `path` when it lies outside every folder of
/// `within`; `None` when it is inside one, or does not exist (what does
/// not exist is told where it is read).
fn escapes(path: &Path, within: &[PathBuf]) -> Option<PathBuf> {
    let target = path.canonicalize().ok()?;
    let inside = within
        .iter()
        .filter_map(|w| w.canonicalize().ok())
        .any(|w| target.starts_with(w));
    (!inside).then_some(target)
}

/// The problems of the paths `department.toml` names, each at its value:
/// `data` and every `*_file` option.
pub(crate) fn check_paths(
    folder: &Path,
    toml_path: &str,
    text: &str,
    settings: &Settings,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Err(why) = data_path(folder, &settings.data) {
        let at = crate::value_at(text, &["data"]);
        problems.push(data_refused(toml_path, text, at, &settings.data, &why));
    }
    for (format, table) in &settings.formats.options {
        for (key, value) in table {
            let (true, toml::Value::String(named)) = (key.ends_with("_file"), value) else {
                continue;
            };
            if let Err(why) = option_file(folder, named) {
                let at = crate::value_at(text, &["formats", "options", format, key]);
                problems.push(option_refused(
                    toml_path, text, at, format, key, named, &why,
                ));
            }
        }
    }
    problems
}

/// A `*_file` option refused, at its value in `department.toml`.
pub(crate) fn option_refused(
    toml_path: &str,
    text: &str,
    at: usize,
    format: &str,
    key: &str,
    named: &str,
    why: &Refusal,
) -> Diagnostic {
    let d = match why {
        Refusal::Written => Diagnostic::error(format!(
            "`[formats.options.{format}] {key}` must name a file inside the department folder, found `{named}`"
        )),
        Refusal::Link(target) | Refusal::LinkIn(_, target) => Diagnostic::error(format!(
            "`[formats.options.{format}] {key}` names `{named}`, a link to `{}`, outside the department folder",
            target.display()
        )),
    };
    d.at(Span::of_token(toml_path, text, at)).help(
        "put the file in the department folder and name it relative to department.toml, like `stylesheet_file = \"print.css\"` (no `..`, no absolute path, no link out of the folder)",
    )
}

/// `data` refused, at its value in `department.toml`.
fn data_refused(toml_path: &str, text: &str, at: usize, named: &str, why: &Refusal) -> Diagnostic {
    let d = match why {
        Refusal::Written => Diagnostic::error(format!(
            "`data` must name a file or folder inside the department folder, or in another department's folder beside it, found `{named}`"
        )),
        Refusal::Link(target) => Diagnostic::error(format!(
            "`data` names `{named}`, a link to `{}`, outside the department folder",
            target.display()
        )),
        Refusal::LinkIn(file, target) => Diagnostic::error(format!(
            "`data` names `{named}`, whose `{}` is a link to `{}`, outside the department folder",
            file.display(),
            target.display()
        )),
    };
    d.at(Span::of_token(toml_path, text, at)).help(
        "put the dataset in the department folder (`data = \"data\"`), or name a department beside it (`data = \"../hanoi/data\"`); `--data PATH` reads any dataset for one run",
    )
}

/// Every `.jinja` file under `root` (the department's `templates/`), named
/// by its path under `root` with `/`. A link that leaves `department` (the
/// folder, canonical) is refused; a folder reached twice (through a link)
/// is read once, so links that loop end.
pub(crate) fn read_templates(
    department: &Path,
    root: &Path,
) -> Result<Vec<TemplateFile>, ConfigError> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    visit(department, root, root, &mut seen, &mut out)?;
    Ok(out)
}

fn io(p: &Path, e: &std::io::Error) -> ConfigError {
    ConfigError::Io {
        path: p.display().to_string(),
        message: e.to_string(),
    }
}

/// Reads `path` (a file or folder under `root`) into `out`.
fn visit(
    department: &Path,
    root: &Path,
    path: &Path,
    seen: &mut BTreeSet<PathBuf>,
    out: &mut Vec<TemplateFile>,
) -> Result<(), ConfigError> {
    let meta = fs::symlink_metadata(path).map_err(|e| io(path, &e))?;
    // Where the disk really leads: a link's target (an error for a link
    // that loops on itself), or the entry itself.
    let real = path.canonicalize().map_err(|e| io(path, &e))?;
    if meta.file_type().is_symlink() && !real.starts_with(department) {
        return Err(ConfigError::Invalid {
            path: path.display().to_string(),
            problems: vec![
                Diagnostic::error(format!(
                    "`{}` is a link to `{}`, outside the department folder",
                    path.display(),
                    real.display()
                ))
                .at(Span::file(path.display().to_string()))
                .help("a department's templates are its own files: copy the file into `templates/` instead of linking to it"),
            ],
        });
    }
    if real.is_dir() {
        // A folder reached a second time (a link to `.`, or to a folder
        // already read) is not read again.
        if !seen.insert(real) {
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = fs::read_dir(path)
            .map_err(|e| io(path, &e))?
            .map(|e| e.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .map_err(|e| io(path, &e))?;
        entries.sort();
        for entry in entries {
            visit(department, root, &entry, seen, out)?;
        }
    } else if path.extension().is_some_and(|e| e == "jinja") {
        let source = fs::read_to_string(path).map_err(|e| io(path, &e))?;
        let name = path
            .strip_prefix(root)
            .unwrap_or(path)
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
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn option_files_are_written_inside() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("in.css"), "p {}").unwrap();
        assert_eq!(option_file(d, "in.css"), Ok(d.join("in.css")));
        assert_eq!(option_file(d, "./css/in.css"), Ok(d.join("./css/in.css")));
        for bad in [
            "../x.css",
            "css/../../x.css",
            "/etc/hostname",
            "",
            ".",
            "../../../../etc/hostname",
        ] {
            assert_eq!(option_file(d, bad), Err(Refusal::Written), "{bad}");
        }
    }

    #[test]
    fn data_may_be_a_sibling_departments() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for d in ["a", "b"] {
            fs::create_dir_all(root.join(d).join("data")).unwrap();
            fs::write(root.join(d).join("department.toml"), "").unwrap();
        }
        fs::create_dir_all(root.join("not-a-department/data")).unwrap();
        let a = root.join("a");
        assert!(data_path(&a, "data").is_ok());
        assert!(data_path(&a, "../b/data").is_ok());
        for bad in [
            "../not-a-department/data",
            "../../etc",
            "/etc",
            "../b/../../x",
            "data/../../b",
            "..",
        ] {
            assert_eq!(data_path(&a, bad), Err(Refusal::Written), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("secret.css"), "secret").unwrap();
        let d = dir.path().join("dept");
        fs::create_dir_all(&d).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.css"), d.join("in.css")).unwrap();
        std::os::unix::fs::symlink(&outside, d.join("css")).unwrap();
        std::os::unix::fs::symlink(&outside, d.join("data")).unwrap();
        let real = outside.canonicalize().unwrap();
        assert_eq!(
            option_file(&d, "in.css"),
            Err(Refusal::Link(real.join("secret.css")))
        );
        assert_eq!(
            option_file(&d, "css/secret.css"),
            Err(Refusal::Link(real.join("secret.css")))
        );
        assert_eq!(data_path(&d, "data"), Err(Refusal::Link(real.clone())));
        // A file of the data folder that leads out.
        fs::remove_file(d.join("data")).unwrap();
        fs::create_dir_all(d.join("data")).unwrap();
        fs::write(outside.join("secret.toml"), "").unwrap();
        std::os::unix::fs::symlink(outside.join("secret.toml"), d.join("data/x.toml")).unwrap();
        assert_eq!(
            data_path(&d, "data"),
            Err(Refusal::LinkIn(
                d.join("data/x.toml"),
                real.join("secret.toml")
            ))
        );
        // A link that stays inside is a path like any other.
        std::os::unix::fs::symlink(d.join("in.css"), d.join("again.css")).unwrap();
        fs::remove_file(d.join("in.css")).unwrap();
        fs::write(d.join("in.css"), "p {}").unwrap();
        assert!(option_file(&d, "again.css").is_ok());
    }
}
