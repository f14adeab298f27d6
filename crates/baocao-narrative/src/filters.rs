//! The filters and functions templates write figures with, one named
//! function each, and the table [`install`](crate::template::install)
//! registers them from.
//!
//! The tables [`FILTERS`] and [`FUNCTIONS`] are the one list of what a
//! department's templates can call besides minijinja's built-ins: the
//! environment is given exactly these, and a misspelt name is answered
//! with the closest of them.

use std::sync::Arc;

use baocao_document::{Align, Block, HeaderGroup, Inline, Table};
use minijinja::value::{Kwargs, Rest, Value};
use minijinja::{Environment, Error, ErrorKind, State};
use rust_decimal::Decimal;

use crate::template::{Blocks, FigureValue, MEASURES, Phrase, Shared, phrase};

/// A filter or a function of the templates.
pub(crate) struct Entry {
    /// The name templates call it by.
    pub(crate) name: &'static str,
    /// How it is written, for help messages.
    pub(crate) usage: &'static str,
    /// Adds it, under `name`, to a report's environment, capturing that
    /// report's figures.
    add: fn(&mut Environment<'static>, &'static str, &Arc<Shared>),
}

impl Entry {
    /// Registers it in `env`.
    pub(crate) fn add_to(&self, env: &mut Environment<'static>, shared: &Arc<Shared>) {
        (self.add)(env, self.name, shared);
    }
}

/// The signature of the filters that write one figure with some decimals.
type FigureFilter = fn(&Shared, &Value, Option<u32>) -> Result<Value, Error>;

/// Registers a filter of a figure and its decimals: `figure | pct(1)`.
fn add_figure_filter(
    env: &mut Environment<'static>,
    name: &'static str,
    shared: &Arc<Shared>,
    filter: FigureFilter,
) {
    let s = Arc::clone(shared);
    env.add_filter(
        name,
        move |v: Value, decimals: Option<u32>| -> Result<Value, Error> { filter(&s, &v, decimals) },
    );
}

/// The filters of the templates, besides minijinja's built-ins.
pub(crate) const FILTERS: &[Entry] = &[
    Entry {
        name: "num",
        usage: "`figure | num` or `figure | num(2)` (the number of decimals)",
        add: |env, name, s| add_figure_filter(env, name, s, num),
    },
    Entry {
        name: "pct",
        usage: "`figure | pct` or `figure | pct(2)` (the number of decimals)",
        add: |env, name, s| add_figure_filter(env, name, s, pct),
    },
    Entry {
        name: "change",
        usage: "`growth | change` or `growth | change(1)` (the number of decimals)",
        add: |env, name, s| add_figure_filter(env, name, s, change),
    },
    Entry {
        name: "contrib",
        usage: "`contribution | contrib` or `contribution | contrib(2)` (the number of decimals)",
        add: |env, name, s| add_figure_filter(env, name, s, contrib),
    },
    Entry {
        name: "points",
        usage: "`contribution | points` or `contribution | points(2)` (the number of decimals)",
        add: |env, name, s| add_figure_filter(env, name, s, points),
    },
    Entry {
        name: "level",
        usage: "`value | level` or `value | level(1)` (the number of decimals)",
        add: |env, name, s| add_figure_filter(env, name, s, level),
    },
    Entry {
        name: "capfirst",
        usage: "`text | capfirst`",
        add: |env, name, _| env.add_filter(name, |v: String| -> String { capfirst(&v) }),
    },
];

/// The functions of the templates, besides minijinja's built-ins.
pub(crate) const FUNCTIONS: &[Entry] = &[
    Entry {
        name: "has",
        usage: "`has(\"iip.growth\")` or `has(\"iip.growth\", \"grdp.growth\", what=\"the IIP sentence\")`",
        add: |env, name, s| {
            let s = Arc::clone(s);
            env.add_function(
                name,
                move |state: &State<'_, '_>, args: Rest<Value>| -> Result<bool, Error> {
                    has(&s, state, &args)
                },
            );
        },
    },
    Entry {
        name: "table",
        usage: "`table([\"grdp\", \"industry\"], [\"growth\", \"contribution\"], caption=\"…\", unit=\"Đơn vị tính: %\", groups=[[\"\", 1], [\"Năm 2024\", 2]])`",
        add: |env, name, s| {
            let s = Arc::clone(s);
            env.add_function(
                name,
                move |rows: Vec<String>,
                      columns: Vec<String>,
                      kwargs: Kwargs|
                      -> Result<Value, Error> {
                    table(&s, &rows, &columns, &kwargs)
                },
            );
        },
    },
    Entry {
        name: "chart",
        usage: "`chart(\"contributions\", \"grdp\")`, `chart(\"quarters\", [\"grdp\", \"iip\"])` or `chart(\"top\", \"consumption\", n=5)`, with `title=\"…\"`, `unit=`, `note=`, `decimals=`",
        add: |env, name, s| {
            let s = Arc::clone(s);
            env.add_function(
                name,
                move |kind: String, ids: Value, kwargs: Kwargs| -> Result<Value, Error> {
                    crate::chart::chart(&s, &kind, &ids, &kwargs)
                },
            );
        },
    },
    Entry {
        name: "targets_table",
        usage: "`targets_table()` or `targets_table(caption=\"…\", unit=\"…\", groups=[[\"\", 2], [\"Năm 2024\", 3], [\"So sánh\", 3]])`",
        add: |env, name, s| {
            let s = Arc::clone(s);
            env.add_function(name, move |kwargs: Kwargs| -> Result<Value, Error> {
                targets_table(&s, &kwargs)
            });
        },
    },
    Entry {
        name: "notes",
        usage: "`notes(\"limitations\")`",
        add: |env, name, s| {
            let s = Arc::clone(s);
            env.add_function(name, move |section: String| -> Value {
                notes(&s, &section)
            });
        },
    },
];

/// How every value a template interpolates is written: a figure with its
/// default decimals, a phrase or blocks as they are, any other value as
/// text, each behind a marker the markup parser puts back in place; text a
/// template captured passes through. An absent figure is an error.
pub(crate) fn format(
    s: &Shared,
    budget: &crate::limits::Budget,
    out: &mut minijinja::Output<'_>,
    value: &Value,
) -> Result<(), Error> {
    // Everything written counts against the report's text limit, measured
    // before it is made.
    budget.charge_text(value)?;
    if value.is_safe() {
        return out
            .write_str(value.as_str().unwrap_or_default())
            .map_err(Error::from);
    }
    if value.is_none() || value.is_undefined() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "this figure is not available for the period; guard the sentence with {% if … %} or write `| default(\"…\", true)`",
        ));
    }
    if let Some(id) = crate::template::absent_indicator(value) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("`{id}` is not an indicator of the dataset: there is nothing to write"),
        ));
    }
    let marker = if let Some(p) = value.downcast_object_ref::<Phrase>() {
        s.registry().inline(p.0.clone())
    } else if let Some(b) = value.downcast_object_ref::<Blocks>() {
        s.registry().block(b.0.clone())
    } else if let Some(f) = value.downcast_object_ref::<FigureValue>() {
        let text = s.fmt(f.figure.value(), s.decimals(f.measure));
        let run = fig_run(s, f, text);
        s.registry().inline(vec![run])
    } else {
        s.registry().inline(vec![Inline::text(value.to_string())])
    };
    out.write_str(&marker).map_err(Error::from)
}

/// `{{ fig | num(2) }}` → "6,52": the figure alone.
fn num(s: &Shared, v: &Value, decimals: Option<u32>) -> Result<Value, Error> {
    let Some(f) = figure_arg(v, "num")? else {
        return Ok(Value::from(()));
    };
    let text = s.fmt(f.figure.value(), decimals.unwrap_or(s.decimals(f.measure)));
    Ok(phrase(vec![fig_run(s, &f, text)]))
}

/// `{{ fig | pct(2) }}` → "6,52%": the figure as a percentage.
fn pct(s: &Shared, v: &Value, decimals: Option<u32>) -> Result<Value, Error> {
    let Some(f) = figure_arg(v, "pct")? else {
        return Ok(Value::from(()));
    };
    let text = format!(
        "{}%",
        s.fmt(f.figure.value(), decimals.unwrap_or(s.decimals(f.measure)))
    );
    Ok(phrase(vec![fig_run(s, &f, text)]))
}

/// `{{ growth | change(1) }}` → "tăng 6,2%" / "giảm 11,5%" / "gấp 2,3
/// lần" / "không đổi": a growth rate worded by its sign and size.
fn change(s: &Shared, v: &Value, decimals: Option<u32>) -> Result<Value, Error> {
    let Some(f) = figure_arg(v, "change")? else {
        return Ok(Value::from(()));
    };
    let d = decimals.unwrap_or(s.decimals(f.measure));
    let g = f.figure.value();
    let loc = &s.locale;
    let runs = if g > Decimal::ONE_HUNDRED {
        // Above +100% a report says how many times, not how many percent;
        // a growth within 100 of the decimal limit (±7.9e28) has no such
        // multiple to write.
        let Some(times) = g
            .checked_add(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
        else {
            return Err(beyond_the_limit(&f));
        };
        let text = loc.times(&s.fmt(times, d));
        vec![fig_run(s, &f, text)]
    } else if s.fmt(g, d) == "0" {
        vec![Inline::text(loc.unchanged())]
    } else if g > Decimal::ZERO {
        vec![
            Inline::text(format!("{} ", loc.up())),
            fig_run(s, &f, format!("{}%", s.fmt(g, d))),
        ]
    } else {
        vec![
            Inline::text(format!("{} ", loc.down())),
            fig_run(s, &f, format!("{}%", s.fmt(g.abs(), d))),
        ]
    };
    Ok(phrase(runs))
}

/// `{{ contribution | contrib(2) }}` → "đóng góp 0,82 điểm %" / "làm giảm
/// 0,3 điểm %": a contribution worded by its sign.
fn contrib(s: &Shared, v: &Value, decimals: Option<u32>) -> Result<Value, Error> {
    let Some(f) = figure_arg(v, "contrib")? else {
        return Ok(Value::from(()));
    };
    let d = decimals.unwrap_or(s.decimals(f.measure));
    let c = f.figure.value();
    let verb = if c < Decimal::ZERO {
        s.locale.subtracts()
    } else {
        s.locale.contributes()
    };
    let text = format!("{} {}", s.fmt(c.abs(), d), s.locale.points());
    Ok(phrase(vec![
        Inline::text(format!("{verb} ")),
        fig_run(s, &f, text),
    ]))
}

/// `{{ contribution | points(2) }}` → "0,82 điểm %": a figure in
/// percentage points.
fn points(s: &Shared, v: &Value, decimals: Option<u32>) -> Result<Value, Error> {
    let Some(f) = figure_arg(v, "points")? else {
        return Ok(Value::from(()));
    };
    let d = decimals.unwrap_or(s.decimals(f.measure));
    let text = format!("{} {}", s.fmt(f.figure.value(), d), s.locale.points());
    Ok(phrase(vec![fig_run(s, &f, text)]))
}

/// `{{ value | level(0) }}` → "4.268 nghìn tỷ đồng": a level with its
/// unit.
fn level(s: &Shared, v: &Value, decimals: Option<u32>) -> Result<Value, Error> {
    let Some(f) = figure_arg(v, "level")? else {
        return Ok(Value::from(()));
    };
    let d = decimals.unwrap_or(s.decimals(f.measure));
    let text = s
        .locale
        .level(&s.fmt(f.figure.value(), d), f.unit.as_deref());
    Ok(phrase(vec![fig_run(s, &f, text)]))
}

/// The text with its first letter upper-cased (the `capfirst` filter):
/// leading spaces are dropped, and a quote or other sign before the first
/// letter is kept (`"iip" …` → `"Iip" …`).
pub(crate) fn capfirst(s: &str) -> String {
    let s = s.trim_start();
    match s.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) => {
            let mut out = String::with_capacity(s.len() + 2);
            out.push_str(&s[..i]);
            out.extend(c.to_uppercase());
            out.push_str(&s[i + c.len_utf8()..]);
            out
        }
        None => s.to_owned(),
    }
}

/// `{% if has("iip.growth", "grdp.growth", what="the IIP sentence") %}`:
/// whether every figure named exists; when not, and `what` names the
/// sentence, `check` tells the clerk what was left out for lack of which
/// figure.
fn has(s: &Shared, state: &State<'_, '_>, args: &[Value]) -> Result<bool, Error> {
    let (paths, kwargs): (&[Value], Kwargs) = minijinja::value::from_args(args)?;
    let what: Option<String> = kwargs.get("what")?;
    kwargs.assert_all_used()?;
    if paths.is_empty() {
        return Err(Error::new(
            ErrorKind::MissingArgument,
            "has() needs one or more figures, like has(\"iip.growth\")",
        ));
    }
    let mut missing = Vec::new();
    for p in paths {
        let path = p.as_str().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "has() takes figure names in quotes, like has(\"iip.growth\"), not {}",
                    p.kind()
                ),
            )
        })?;
        if let Some((_, what)) = path.split_once('.')
            && !is_figure_name(what)
        {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!("has(\"{path}\"): `{what}` is not a figure of an indicator"),
            ));
        }
        if !s.has(path) {
            missing.push(path.to_owned());
        }
    }
    if let Some(what) = what
        && !missing.is_empty()
    {
        s.omitted
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(crate::Omission {
                template: state.name().to_owned(),
                what,
                missing: missing.clone(),
            });
    }
    Ok(missing.is_empty())
}

/// Whether `what` is something `has("<id>.<what>")` can ask about: a
/// measure, `trend`, `count` or `children`.
pub(crate) fn is_figure_name(what: &str) -> bool {
    MEASURES.iter().any(|(k, _)| *k == what) || crate::template::HAS_KEYS.contains(&what)
}

/// `{{ table(["grdp", "industry"], ["growth", "contribution", "share"],
/// caption="…") }}`: a table of indicators by measure, with `headers=`,
/// `decimals=` (per column), `note=`, `keep_empty=` (keep rows with
/// nothing known), `unit=` and `groups=` (see [`Above`]); no table at all
/// when no row has a figure.
fn table(s: &Shared, rows: &[String], columns: &[String], kwargs: &Kwargs) -> Result<Value, Error> {
    let caption: Option<String> = kwargs.get("caption")?;
    let note: Option<String> = kwargs.get("note")?;
    let headers: Option<Vec<String>> = kwargs.get("headers")?;
    let decimals: Option<Vec<u32>> = kwargs.get("decimals")?;
    // A row with nothing known says nothing; keep it only when asked.
    let keep_empty: bool = kwargs.get::<Option<bool>>("keep_empty")?.unwrap_or(false);
    // The indicator's column and one a measure.
    let above = Above::from_kwargs(
        kwargs,
        columns.len() + 1,
        &format!("the indicator, {}", columns.join(", ")),
    )?;
    kwargs.assert_all_used()?;
    let measures = columns
        .iter()
        .map(|c| {
            MEASURES.iter().find(|(k, _)| k == c).map(|(_, m)| *m).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("unknown column `{c}`; expected one of value, previous, index, growth, contribution, share, structure"),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut header = vec![s.locale.indicator_header().to_owned()];
    match headers {
        Some(h) if h.len() == columns.len() + 1 => header = h,
        Some(h) if h.len() == columns.len() => header.extend(h),
        Some(_) => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "headers= needs one heading per column (the first, for the indicator, may be left out)",
            ));
        }
        None => header.extend(columns.iter().map(|c| s.locale.measure_header(c))),
    }
    let mut body = Vec::new();
    for id in rows {
        let f = s.figures.get(id);
        let known = f.is_some_and(|f| measures.iter().any(|m| f.figure(*m).is_some()));
        // A row of an indicator the dataset lacks is left out even
        // with keep_empty: there is no name to print.
        if f.is_none() || (!known && !keep_empty) {
            continue;
        }
        // A row without a name in the report's language is left
        // out (`check` names the indicator).
        let Some(name) = s.name_of(id) else {
            continue;
        };
        let mut row = vec![vec![Inline::text(capfirst(&name))]];
        for (k, m) in measures.iter().enumerate() {
            let d = decimals
                .as_ref()
                .and_then(|d| d.get(k).copied())
                .unwrap_or(s.decimals(*m));
            let cell = match f.and_then(|f| f.figure(*m)) {
                Some(fig) => {
                    let of = crate::provenance::Of {
                        id,
                        measure: *m,
                        period: s.figures.period,
                    };
                    vec![s.figure_run(of, fig, s.fmt(fig.value(), d))]
                }
                None => vec![Inline::text(s.locale.not_available())],
            };
            row.push(cell);
        }
        body.push(row);
    }
    // A table with no rows says nothing: no caption, no note.
    if body.is_empty() {
        return Ok(Value::from_object(Blocks(Vec::new())));
    }
    let mut align = vec![Align::Left];
    align.extend(measures.iter().map(|_| Align::Right));
    Ok(Value::from_object(Blocks(vec![Block::Table(above.apply(
        Table {
            caption: caption.unwrap_or_default().into(),
            header: header.into_iter().map(Into::into).collect(),
            align,
            rows: body,
            note: note.unwrap_or_default().into(),
            ..Table::default()
        },
    ))])))
}

/// `{{ targets_table(caption="…") }}`: this year's targets judged, one
/// row each, with `unit=` and `groups=` (see [`Above`]) over its
/// [`TARGETS_COLUMNS`](crate::template::TARGETS_COLUMNS) columns; nothing
/// when the year has none.
fn targets_table(s: &Shared, kwargs: &Kwargs) -> Result<Value, Error> {
    let caption: Option<String> = kwargs.get("caption")?;
    let above = Above::from_kwargs(
        kwargs,
        crate::template::TARGETS_COLUMNS,
        "the indicator, unit, last year, plan, estimate, against plan, verdict, year on year",
    )?;
    kwargs.assert_all_used()?;
    let blocks = crate::template::targets_table(s, caption)
        .into_iter()
        .map(|b| match b {
            Block::Table(t) => Block::Table(above.apply(t)),
            other => other,
        })
        .collect();
    Ok(Value::from_object(Blocks(blocks)))
}

/// What a table's kwargs print above its header: `unit="Đơn vị tính: %"`,
/// the unit line, and `groups=[["", 1], ["Năm 2024", 2]]`, a row of
/// headings over groups of columns, each a pair of the heading (empty:
/// the columns' own headings reach up through both rows) and how many
/// columns it covers, left to right. Pairs rather than maps: one group
/// reads as it is printed, and the spans are checked against the table's
/// columns, so a heading cannot silently slide over the wrong ones.
#[derive(Debug, Default)]
struct Above {
    unit: String,
    groups: Vec<HeaderGroup<'static>>,
}

impl Above {
    /// Reads `unit=` and `groups=` for a table of `columns` columns (named
    /// `which` in messages); every group's span is at least 1 and the
    /// spans add up to `columns`.
    fn from_kwargs(kwargs: &Kwargs, columns: usize, which: &str) -> Result<Above, Error> {
        let unit: Option<String> = kwargs.get("unit")?;
        let groups: Option<Vec<Value>> = kwargs.get("groups")?;
        let bad = |msg: String| Error::new(ErrorKind::InvalidOperation, msg);
        let mut out = Vec::new();
        let mut covered = 0usize;
        for g in groups.unwrap_or_default() {
            let pair = (g.len() == Some(2))
                .then(|| (g.get_item_by_index(0).ok(), g.get_item_by_index(1).ok()))
                .and_then(|(t, n)| Some((t?.as_str()?.to_owned(), n?.as_i64()?)));
            let Some((text, span)) = pair else {
                return Err(bad(format!(
                    "groups= takes pairs of a heading and a number of columns, like [[\"\", 1], [\"Năm 2024\", 2]], not {g:?}"
                )));
            };
            let span = u32::try_from(span).ok().filter(|n| *n > 0).ok_or_else(|| {
                bad(format!(
                    "groups=: the group [\"{text}\", {span}] covers no column; a group covers 1 column or more"
                ))
            })?;
            covered = covered.saturating_add(usize::try_from(span).unwrap_or(usize::MAX));
            out.push(HeaderGroup::new(text.trim().to_owned(), span));
        }
        if !out.is_empty() && covered != columns {
            return Err(bad(format!(
                "groups= covers {covered} columns, but the table has {columns}: {which}; give every column to one group, with an empty heading over a column that stands alone"
            )));
        }
        Ok(Above {
            unit: unit.map(|u| u.trim().to_owned()).unwrap_or_default(),
            groups: out,
        })
    }

    /// The table with the unit line and the groups above its header.
    fn apply(&self, table: Table<'static>) -> Table<'static> {
        Table {
            unit: self.unit.clone().into(),
            header_groups: self.groups.clone(),
            ..table
        }
    }
}

/// `{{ notes("limitations") }}`: the people-written text of a section for
/// the period's year, read with the notes' own markup (paragraphs, lists,
/// sub-headings, emphasis: `notes.rs`) into blocks that are data, never
/// template text. Written mid-sentence, the blocks flatten to their text.
fn notes(s: &Shared, section: &str) -> Value {
    let blocks: Vec<Block<'static>> = s
        .notes
        .iter()
        .filter(|(s, _)| s == section)
        .flat_map(|(_, text)| crate::notes::parse(text).blocks)
        .collect();
    Value::from_object(Blocks(blocks))
}

/// The figure a filter was given; `None` when it is absent (the filter
/// then writes nothing, which a `default` can replace).
fn figure_arg(v: &Value, filter: &str) -> Result<Option<Arc<FigureValue>>, Error> {
    if v.is_none() || v.is_undefined() {
        return Ok(None);
    }
    v.downcast_object::<FigureValue>().map(Some).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "the `{filter}` filter writes a figure (like data.industry.growth), not {}",
                crate::template::describe_value(v)
            ),
        )
    })
}

/// A figure too large for the arithmetic of its wording, named with its
/// value and where it came from.
fn beyond_the_limit(f: &FigureValue) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        format!(
            "the figure {} ({}) is too large to word: it is at the limit of exact decimals (±7.9e28)",
            f.figure.value().normalize(),
            f.figure.provenance()
        ),
    )
}

/// A figure as printed, with its exact value and provenance; an
/// approximate one after its word ("hơn 24 nghìn tỷ đồng", "khoảng 5,3%").
fn fig_run(s: &Shared, f: &FigureValue, text: String) -> Inline<'static> {
    s.figure_run(f.of(), &f.figure, text)
}
