//! Every key `department.toml` may hold, checked before deserializing so
//! that one run reports every unknown key, each with its place and a "did
//! you mean" when a known key is close.

use toml::de::{DeTable, DeValue};

/// What a key holds.
#[derive(Debug)]
pub enum Shape {
    /// A value (string, number, list…): serde checks its type.
    Value,
    /// A table with these keys.
    Table(&'static [(&'static str, Shape)]),
    /// A table with any keys, each holding the inner shape; the name says
    /// what the keys are (`<period>`, `<format>`).
    Named(&'static str, &'static Shape),
    /// Anything: options passed through to a plugin.
    Free,
}

/// The keys of `department.toml`, in the order docs/configuration.md
/// documents them.
pub static KEYS: &[(&str, Shape)] = &[
    ("id", Shape::Value),
    ("locale", Shape::Value),
    ("data", Shape::Value),
    ("plugin_dirs", Shape::Value),
    ("isolate_plugins", Shape::Value),
    (
        "letterhead",
        Shape::Table(&[
            ("authority", Shape::Value),
            ("department", Shape::Value),
            ("number", Shape::Value),
            ("place", Shape::Value),
            ("nation", Shape::Value),
            ("motto", Shape::Value),
        ]),
    ),
    (
        "report",
        Shape::Table(&[
            ("template", Shape::Value),
            ("title", Shape::Value),
            ("subject", Shape::Value),
            ("dates", Shape::Named("<period>", &Shape::Value)),
            ("source", Shape::Value),
        ]),
    ),
    (
        "signature",
        Shape::Table(&[("titles", Shape::Value), ("name", Shape::Value)]),
    ),
    (
        "recipients",
        Shape::Table(&[("label", Shape::Value), ("list", Shape::Value)]),
    ),
    (
        "numbers",
        Shape::Table(&[
            ("growth", Shape::Value),
            ("contribution", Shape::Value),
            ("share", Shape::Value),
            ("structure", Shape::Value),
            ("index", Shape::Value),
            ("value", Shape::Value),
            ("trim_zeros", Shape::Value),
            ("points", Shape::Value),
        ]),
    ),
    (
        "formats",
        Shape::Table(&[
            ("default", Shape::Value),
            ("options", Shape::Named("<format>", &Shape::Free)),
        ]),
    ),
    ("output", Shape::Table(&[("path", Shape::Value)])),
    (
        "templates",
        Shape::Table(&[("fuel", Shape::Value), ("max_output_kb", Shape::Value)]),
    ),
    ("checks", Shape::Table(&[("jump_factor", Shape::Value)])),
];

/// Every key path, dotted (`letterhead.authority`, `report.dates.<period>`).
pub fn key_paths() -> Vec<String> {
    fn walk(keys: &[(&str, Shape)], prefix: &str, out: &mut Vec<String>) {
        for (k, shape) in keys {
            let path = if prefix.is_empty() {
                (*k).to_owned()
            } else {
                format!("{prefix}.{k}")
            };
            out.push(path.clone());
            match shape {
                Shape::Table(sub) => walk(sub, &path, out),
                Shape::Named(name, _) => out.push(format!("{path}.{name}")),
                Shape::Value | Shape::Free => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(KEYS, "", &mut out);
    out
}

/// An unknown key: its byte span and the message.
pub(crate) struct Unknown {
    pub(crate) at: usize,
    pub(crate) message: String,
}

/// Finds every unknown key of a parsed `department.toml`.
pub(crate) fn unknown_keys(root: &DeTable<'_>) -> Vec<Unknown> {
    let mut out = Vec::new();
    check(root, KEYS, "", &mut out);
    out.sort_by_key(|u| u.at);
    out
}

fn check(table: &DeTable<'_>, keys: &[(&str, Shape)], prefix: &str, out: &mut Vec<Unknown>) {
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let Some((_, shape)) = keys.iter().find(|(k, _)| *k == name) else {
            let known: Vec<&str> = keys.iter().map(|(k, _)| *k).collect();
            let place = if prefix.is_empty() {
                "at the top level".to_owned()
            } else {
                format!("in [{prefix}]")
            };
            let mut message = format!("unknown key `{name}` {place}");
            match baocao_suggest::closest(name, known.iter().copied()) {
                Some(k) => message.push_str(&format!("; did you mean `{k}`?")),
                None => message.push_str(&format!("; expected one of {}", known.join(", "))),
            }
            out.push(Unknown {
                at: key.span().start,
                message,
            });
            continue;
        };
        let path = if prefix.is_empty() {
            name.to_owned()
        } else {
            format!("{prefix}.{name}")
        };
        match (shape, value.get_ref()) {
            (Shape::Table(sub), DeValue::Table(t)) => check(t, sub, &path, out),
            (Shape::Named(_, inner), DeValue::Table(t)) => {
                for (k, v) in t.iter() {
                    if let (Shape::Table(sub), DeValue::Table(tt)) = (inner, v.get_ref()) {
                        check(tt, sub, &format!("{path}.{}", k.get_ref()), out);
                    }
                }
            }
            _ => {}
        }
    }
}
