//! No valid dataset breaks a shipped department.
//!
//! A property test draws datasets of every shape `baocao_datagen::shape`
//! writes (any subset of the standard indicators, every period kind, growth
//! or indices or levels or contributions or shares, negative figures, zero
//! and missing bases, targets, notes, hostile text) and makes, in process,
//! the report of every period each dataset has figures for, with every
//! department under `config/`, in every format a plugin next to the test
//! executable provides. Each report must be made without an error or a
//! panic, and must read right:
//!
//! - in the Markdown, read back with a CommonMark parser (so escapes, hard
//!   breaks and table padding are what they are): no two spaces in a row
//!   and no space before `, . ; :` inside a line (the blanks of an undated
//!   date line excepted); no `()`, no empty or negative share `(chiếm …)`;
//!   no signed zero (`-0`, `−0,0`, `+0`); no sign after a word that says
//!   the direction (`tăng -1%`, `rose -1%`); no fall of more than 100%; no
//!   paragraph or item that starts with a lower-case letter or punctuation
//!   (unless it starts with a text of the dataset that has no capital to
//!   give), nor with a connector ("Theo đó,", "Trong đó,") right after a
//!   heading; no heading with nothing under it; no 0 in a sentence or
//!   table row naming an indicator that has no figure in the period; no
//!   raw HTML;
//! - in the HTML, none of the data's markup unescaped (`<script`);
//! - in every text format, no template syntax (`{{`, `{%`, …) unless the
//!   dataset's own text holds some.
//!
//! A failure is shrunk (through `Shape::simpler`) to a small dataset and
//! printed whole, with the department, the period, the format and the
//! offending line of every finding.
//!
//! A table of fixed edge datasets beside it names each case, so that a
//! regression says which.
//!
//! `PROPTEST_CASES` sets the number of datasets (64 by default) and
//! `PROPTEST_RNG_SEED` which ones (fixed by default, so a run is repeatable).

use std::collections::BTreeSet;
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};

use baocao_config::Department;
use baocao_datagen::shape::Shape;
use baocao_dataset::{Dataset, Period};
use baocao_driver::{Job, Made};
use baocao_narrative::Templates;
use baocao_plugin_host::PluginSet;
use proptest::prelude::Rng;
use proptest::strategy::{NewTree, Strategy, ValueTree};
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

use crate::{plugin_dir, workspace};

/// Datasets per run when `PROPTEST_CASES` does not say.
const CASES: u32 = 64;
/// The run's seed when `PROPTEST_RNG_SEED` does not say.
const RNG_SEED: u64 = 0x00BA_0CA0;

// ---------------------------------------------------------------- bench ----

/// A shipped department, read once.
struct Shipped {
    /// Its folder's name.
    name: String,
    department: Department,
    templates: Templates,
    /// Each plugin's options, in the order of the plugin set.
    options: Vec<Vec<u8>>,
}

/// Everything a report needs besides its dataset, loaded once per test.
struct Bench {
    departments: Vec<Shipped>,
    plugins: PluginSet,
}

impl Bench {
    fn load() -> Bench {
        let plugins = PluginSet::load(&[plugin_dir()]);
        let formats: BTreeSet<&str> = plugins
            .plugins()
            .iter()
            .map(|p| p.format_id.as_str())
            .collect();
        for needed in ["md", "html", "txt", "docx"] {
            assert!(
                formats.contains(needed),
                "no `{needed}` plugin in {}: {formats:?}",
                plugin_dir().display()
            );
        }
        let mut folders: Vec<_> = std::fs::read_dir(workspace().join("config"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("department.toml").is_file())
            .collect();
        folders.sort();
        assert!(folders.len() >= 3, "{folders:?}");
        let departments = folders
            .iter()
            .map(|folder| {
                let department = Department::resolve(Some(folder.to_str().unwrap()))
                    .unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
                let options = plugins
                    .plugins()
                    .iter()
                    .map(|p| baocao_driver::format_options(&department, &p.format_id).unwrap())
                    .collect();
                Shipped {
                    name: folder.file_name().unwrap().to_string_lossy().into_owned(),
                    templates: baocao_driver::templates(&department),
                    department,
                    options,
                }
            })
            .collect();
        Bench {
            departments,
            plugins,
        }
    }

    /// Every report of `text` (a dataset) with every department in every
    /// format, and what is wrong with them.
    fn check(&self, text: &str) -> Vec<Finding> {
        let ds = match baocao_dataset::read_str(text, "sample.toml") {
            Ok(ds) => ds,
            Err(e) => return vec![Finding::whole("the dataset does not read", e.to_string())],
        };
        let facts = Facts::of(&ds);
        let mut findings = Vec::new();
        for shipped in &self.departments {
            for &period in &facts.periods {
                findings.extend(self.check_report(shipped, &ds, &facts, period));
            }
        }
        findings
    }

    fn check_report(
        &self,
        shipped: &Shipped,
        ds: &Dataset,
        facts: &Facts,
        period: Period,
    ) -> Vec<Finding> {
        let at = |format: &str| Place {
            department: shipped.name.clone(),
            period,
            format: format.to_owned(),
        };
        let job = Job {
            department: &shipped.department,
            period,
            data: None,
            templates: Some(&shipped.templates),
            figures_of: None,
        };
        let made = match catch_unwind(AssertUnwindSafe(|| job.run_with(ds))) {
            Ok(Ok(made)) => made,
            Ok(Err(e)) => return vec![Finding::at(at("-"), "error", e.to_string())],
            Err(panic) => return vec![Finding::at(at("-"), "panic", panic_message(&*panic))],
        };
        let absent = absent_names(&made, ds, facts);
        let mut findings = Vec::new();
        for (plugin, options) in self.plugins.plugins().iter().zip(&shipped.options) {
            let place = at(&plugin.format_id);
            let bytes = match catch_unwind(AssertUnwindSafe(|| made.export(plugin, options))) {
                Ok(Ok(bytes)) => bytes,
                Ok(Err(e)) => {
                    findings.push(Finding::at(place, "export error", e.to_string()));
                    continue;
                }
                Err(panic) => {
                    findings.push(Finding::at(place, "panic", panic_message(&*panic)));
                    continue;
                }
            };
            let output = if plugin.format_id == "docx" {
                // The Word report: a package Word can open (well-formed
                // XML whatever the dataset's text), read for its text.
                match catch_unwind(|| crate::docx_problem(&bytes)) {
                    Ok(None) => crate::docx_text(&bytes),
                    Ok(Some(problem)) => {
                        findings.push(Finding::at(place, "broken docx", problem));
                        continue;
                    }
                    Err(panic) => {
                        findings.push(Finding::at(place, "broken docx", panic_message(&*panic)));
                        continue;
                    }
                }
            } else {
                match String::from_utf8(bytes) {
                    Ok(s) => s,
                    Err(e) => {
                        findings.push(Finding::at(place, "not UTF-8", e.to_string()));
                        continue;
                    }
                }
            };
            let mut found = Vec::new();
            match plugin.format_id.as_str() {
                "md" => markdown_rules(&output, facts, &absent, &mut found),
                "html" => html_rules(&output, facts, &mut found),
                _ => {}
            }
            if !facts.template_syntax {
                leak_rules(&output, &plugin.format_id, &mut found);
            }
            findings.extend(found.into_iter().map(|(rule, line)| Finding {
                place: Some(place.clone()),
                rule,
                line,
            }));
        }
        findings
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

// ------------------------------------------------------------- findings ----

/// Where a report was made.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    department: String,
    period: Period,
    /// The format id, or "-" before any format.
    format: String,
}

/// One thing wrong with one report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    /// `None` for the dataset as a whole.
    place: Option<Place>,
    /// Which rule, in a few words.
    rule: &'static str,
    /// The message or the offending line.
    line: String,
}

impl Finding {
    fn whole(rule: &'static str, line: String) -> Finding {
        Finding {
            place: None,
            rule,
            line,
        }
    }

    fn at(place: Place, rule: &'static str, line: String) -> Finding {
        Finding {
            place: Some(place),
            rule,
            line,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = &self.place {
            write!(f, "{}, {}, {}: ", p.department, p.period, p.format)?;
        }
        write!(f, "{}: {}", self.rule, self.line)
    }
}

/// The findings of one dataset, each rule and line once, for a failure
/// message: at most `max` of them, then how many more.
fn summary(findings: &[Finding], max: usize) -> String {
    let mut seen = BTreeSet::new();
    let mut lines = Vec::new();
    let mut more = 0;
    for f in findings {
        if !seen.insert((f.rule, f.line.clone())) {
            continue;
        }
        if lines.len() < max {
            lines.push(format!("  - {f}"));
        } else {
            more += 1;
        }
    }
    if more > 0 {
        lines.push(format!("  … and {more} more"));
    }
    lines.join("\n")
}

// ---------------------------------------------------------------- facts ----

/// What the dataset says that the rules need.
struct Facts {
    /// Every period with a level, an index, a growth or a contribution.
    periods: Vec<Period>,
    /// Every text of the dataset (names, units, labels, region, source,
    /// paragraphs of notes), trimmed.
    texts: Vec<String>,
    /// Whether any text holds template syntax, which then may be printed.
    template_syntax: bool,
}

impl Facts {
    fn of(ds: &Dataset) -> Facts {
        let periods: BTreeSet<Period> = ds
            .indicators
            .iter()
            .flat_map(|i| [&i.value, &i.index, &i.growth, &i.contribution])
            .flat_map(|m| m.keys().copied())
            .collect();
        let mut texts: Vec<String> = vec![ds.region.clone()];
        texts.extend(ds.region_kind.clone());
        texts.extend(ds.source.clone());
        for i in &ds.indicators {
            texts.push(i.name.clone());
            texts.extend(i.name_en.clone());
            texts.extend(i.unit.clone());
        }
        texts.extend(ds.targets.iter().filter_map(|t| t.label.clone()));
        // A note's paragraphs, items and sub-headings, as its markup
        // reads them (stars of emphasis gone).
        texts.extend(
            ds.notes
                .iter()
                .flat_map(|n| baocao_narrative::note_blocks(&n.text))
                .flat_map(|b| {
                    b.plain_text()
                        .split('\n')
                        .map(str::to_owned)
                        .collect::<Vec<_>>()
                }),
        );
        let texts: Vec<String> = texts.iter().map(|t| t.trim().to_owned()).collect();
        let template_syntax = texts
            .iter()
            .any(|t| TEMPLATE_SYNTAX.iter().any(|s| t.contains(s)));
        Facts {
            periods: periods.into_iter().collect(),
            texts,
            template_syntax,
        }
    }

    /// Whether `line` is a text of the dataset printed as people wrote it
    /// (a paragraph of a note, the source), or starts with one that itself
    /// starts with no capital letter to give it ("- mục", "<script>", an
    /// emoji): then the line may start with anything.
    fn starts_with_data(&self, line: &str) -> bool {
        if self.texts.iter().any(|t| t == line) {
            return true;
        }
        // A template may give the text's first letter a capital ("# Heading").
        let line = line.to_lowercase();
        self.texts.iter().any(|t| {
            t.chars().next().is_some_and(|c| !c.is_lowercase())
                && line.starts_with(&t.to_lowercase())
        })
    }
}

/// The names (in both languages) of the indicators that have no figure at
/// all in the report's period, when no other text of the dataset (another
/// indicator's name, a unit, a label, a note…) contains them: a sentence
/// naming one of them must not print a 0. An English report may name an
/// indicator by its standard English name when the dataset gives none, so
/// those count too.
fn absent_names(made: &Made, ds: &Dataset, facts: &Facts) -> Vec<String> {
    let names = |i: &baocao_dataset::Indicator| -> Vec<String> {
        let standard = baocao_dataset::standard(i.id.as_str());
        [
            Some(i.name.as_str()),
            i.name_en.as_deref(),
            standard.map(|s| s.name),
            standard.map(|s| s.name_en),
        ]
        .into_iter()
        .flatten()
        .map(|n| n.trim().to_owned())
        .filter(|n| n.chars().count() >= 3)
        .collect()
    };
    let mut absent = Vec::new();
    for i in &ds.indicators {
        let empty = made.figures.get(i.id.as_str()).is_none_or(|f| f.is_empty());
        if !empty {
            continue;
        }
        let own = names(i);
        for name in &own {
            let lower = name.to_lowercase();
            let shared = ds
                .indicators
                .iter()
                .filter(|other| other.id != i.id)
                .flat_map(names)
                .chain(facts.texts.iter().filter(|t| !own.contains(t)).cloned())
                .any(|other| other.to_lowercase().contains(&lower));
            if !shared {
                // Tables and sentence starts write it with a capital.
                absent.push(capfirst(name));
                absent.push(name.clone());
            }
        }
    }
    absent
}

fn capfirst(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------- rules ----

/// What a rule found: the rule and the offending line.
type Found = Vec<(&'static str, String)>;

const TEMPLATE_SYNTAX: [&str; 5] = ["{{", "}}", "{%", "%}", "{#"];

/// One block of a Markdown report as a reader sees it.
#[derive(Debug)]
struct MdBlock {
    kind: MdKind,
    /// Lines, split at hard and soft breaks (a table row: its cells).
    lines: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MdKind {
    Paragraph,
    /// A heading of this level (`#` is 1).
    Heading(usize),
    Item,
    Row,
}

/// The blocks of a Markdown text, read with a CommonMark parser, so that
/// the exporter's escapes, hard breaks and table padding are taken for
/// what they are; raw HTML, which the exporter never writes, is reported.
fn markdown_blocks(md: &str, found: &mut Found) -> Vec<MdBlock> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut blocks: Vec<MdBlock> = Vec::new();
    let mut current: Option<MdBlock> = None;
    let open = |current: &mut Option<MdBlock>, kind| {
        if current.is_none() {
            *current = Some(MdBlock {
                kind,
                lines: vec![String::new()],
            });
        }
    };
    for event in Parser::new_ext(md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Paragraph) => open(&mut current, MdKind::Paragraph),
            Event::Start(Tag::Heading { level, .. }) => {
                open(&mut current, MdKind::Heading(level as usize));
            }
            Event::Start(Tag::Item) => open(&mut current, MdKind::Item),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                current = Some(MdBlock {
                    kind: MdKind::Row,
                    lines: Vec::new(),
                });
            }
            Event::Start(Tag::TableCell) => {
                if let Some(b) = current.as_mut() {
                    b.lines.push(String::new());
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(line) = current.as_mut().and_then(|b| b.lines.last_mut()) {
                    line.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(b) = current.as_mut() {
                    b.lines.push(String::new());
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                found.push(("raw HTML in the Markdown", h.into_string()));
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableHead
                | TagEnd::TableRow,
            ) => {
                // A paragraph inside a list item ends with its item.
                let inside_item = current.as_ref().is_some_and(|b| b.kind == MdKind::Item)
                    && matches!(event, Event::End(TagEnd::Paragraph));
                if !inside_item && let Some(b) = current.take() {
                    blocks.push(b);
                }
            }
            _ => {}
        }
    }
    blocks
}

/// The rules of the Markdown report's text.
fn markdown_rules(md: &str, facts: &Facts, absent: &[String], found: &mut Found) {
    let blocks = markdown_blocks(md, found);
    for (k, block) in blocks.iter().enumerate() {
        for line in &block.lines {
            space_rules(line, found);
            figure_rules(line, found);
        }
        let text = block.lines.join(if block.kind == MdKind::Row {
            " | "
        } else {
            " "
        });
        let before = k.checked_sub(1).map(|b| blocks[b].kind);
        let after = blocks.get(k + 1).map(|b| b.kind);
        match block.kind {
            MdKind::Paragraph | MdKind::Item => {
                start_rules(&text, facts, found);
                connector_rules(&text, before, found);
            }
            MdKind::Heading(level) => {
                if let Some(MdKind::Heading(next)) = after
                    && next <= level
                {
                    found.push(("a heading with nothing under it", text.clone()));
                }
            }
            MdKind::Row => {}
        }
        for sentence in sentences(&text, block.kind) {
            sentence_rules(sentence, absent, found);
        }
    }
}

/// A paragraph that goes on from the one before ("Theo đó,", "Trong
/// đó,") has one before it, not a heading.
fn connector_rules(text: &str, before: Option<MdKind>, found: &mut Found) {
    const CONNECTORS: [&str; 8] = [
        "Theo đó,",
        "Trong đó,",
        "Ngoài ra,",
        "Bên cạnh đó,",
        "Đồng thời,",
        "Of which",
        "In addition,",
        "Meanwhile,",
    ];
    let after_heading = matches!(before, None | Some(MdKind::Heading(_)));
    if after_heading && CONNECTORS.iter().any(|c| text.starts_with(c)) {
        found.push(("a connector with nothing before it", text.to_owned()));
    }
}

/// No two spaces in a row inside a line, and no space before closing
/// punctuation: both are what a dropped clause leaves behind. The one
/// exception is the date line of a report not yet dated, "ngày     tháng
/// năm 2025", whose blanks are filled in by hand.
fn space_rules(line: &str, found: &mut Found) {
    let line = &undated(line);
    let chars: Vec<char> = line.chars().collect();
    if chars
        .windows(2)
        .any(|w| w[0].is_whitespace() && w[1].is_whitespace())
    {
        found.push(("two spaces in a row", line.to_owned()));
    }
    for p in [" ,", " .", " ;", " :"] {
        if line.contains(p) {
            found.push(("a space before punctuation", line.to_owned()));
            break;
        }
    }
}

/// `line` with the blanks of an undated date line closed up.
fn undated(line: &str) -> String {
    let words: Vec<&str> = line.split(' ').collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut k = 0;
    while k < words.len() {
        out.push(words[k]);
        if matches!(words[k], "ngày" | "tháng") {
            let blanks = words[k + 1..].iter().take_while(|w| w.is_empty()).count();
            let next = words.get(k + 1 + blanks).copied();
            let fits = matches!(
                (words[k], next),
                ("ngày", Some("tháng")) | ("tháng", Some("năm"))
            );
            if fits {
                k += blanks;
            }
        }
        k += 1;
    }
    out.join(" ")
}

/// No empty parentheses, no empty or negative share, no signed zero, no
/// sign after a word that already says which way.
fn figure_rules(line: &str, found: &mut Found) {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if squeezed.contains("()") {
        found.push(("empty parentheses", line.to_owned()));
    }
    if squeezed.contains("(chiếm)") || squeezed.contains("(chiếm%)") {
        found.push(("an empty share", line.to_owned()));
    }
    if line.contains("(chiếm -") || line.contains("(chiếm −") {
        found.push(("a negative share", line.to_owned()));
    }
    if signed_zero(line) {
        found.push(("a signed zero", line.to_owned()));
    }
    if signed_after_direction(line) {
        found.push(("a sign after a word of direction", line.to_owned()));
    }
    if impossible_fall(line) {
        found.push(("a fall of more than 100%", line.to_owned()));
    }
}

/// Whether `line` says that something fell by more than 100%, which no
/// level (never below 0) and no index (above 0) can: such a growth was
/// derived from a level below 0.
fn impossible_fall(line: &str) -> bool {
    // The word, and the decimal separator of its language.
    for (word, decimal) in [("giảm ", ','), ("decreased by ", '.'), ("fell ", '.')] {
        for (at, _) in line.match_indices(word) {
            let rest = &line[at + word.len()..];
            let token: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
                .collect();
            if !rest[token.len()..].starts_with('%') {
                continue;
            }
            let (whole, fraction) = token.split_once(decimal).unwrap_or((&token, ""));
            let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
            let whole: u128 = whole.parse().unwrap_or(0);
            if whole > 100 || whole == 100 && fraction.chars().any(|c| ('1'..='9').contains(&c)) {
                return true;
            }
        }
    }
    false
}

/// Whether a word that already says which way a figure goes ("tăng",
/// "giảm", "đóng góp", "rose", "added"…) is followed, within three words
/// of the same clause, by a signed figure: "tăng -1%", "mức tăng -1,5%",
/// "kiểm soát tăng không quá -3%".
fn signed_after_direction(line: &str) -> bool {
    const WORDS: [&str; 12] = [
        "tăng", "giảm", "góp", "gấp", "up", "down", "by", "added", "adding", "grew", "rose", "fell",
    ];
    let words: Vec<&str> = line.split(' ').collect();
    words.iter().enumerate().any(|(j, w)| {
        let signed =
            w.starts_with(['-', '−']) && w.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
        signed
            && words[j.saturating_sub(3)..j]
                .iter()
                .rev()
                .take_while(|before| !before.ends_with([',', ';', ':', '.']))
                .any(|before| {
                    WORDS.contains(&before.trim_start_matches(|c: char| !c.is_alphanumeric()))
                })
    })
}

/// Whether `line` holds `-0`, `−0`, `+0`, `-0,0`… as a figure.
fn signed_zero(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    chars.iter().enumerate().any(|(k, &c)| {
        if !matches!(c, '-' | '−' | '+') || (k > 0 && chars[k - 1].is_ascii_digit()) {
            return false;
        }
        let token: String = chars[k + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
            .collect();
        let token = token.trim_end_matches([',', '.']);
        token.starts_with(|c: char| c.is_ascii_digit())
            && token.chars().filter(char::is_ascii_digit).all(|d| d == '0')
    })
}

/// A paragraph or item starts as a sentence: with a capital letter, a
/// digit or a quote, not with a connector, punctuation or a lower-case
/// word, unless it starts with a text of the dataset.
fn start_rules(text: &str, facts: &Facts, found: &mut Found) {
    let Some(c) = text.chars().next() else {
        return;
    };
    let fine = c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '‘' | '\'' | '«');
    if !fine && !facts.starts_with_data(text) {
        found.push((
            "a paragraph that does not start a sentence",
            text.to_owned(),
        ));
    }
}

/// The sentences of a block: split at ". " and "; " (a table row is one).
fn sentences(text: &str, kind: MdKind) -> Vec<&str> {
    if kind == MdKind::Row {
        return vec![text];
    }
    text.split(". ").flat_map(|s| s.split("; ")).collect()
}

/// A sentence naming an indicator with no figure in the period prints no
/// 0 (a made-up figure); a negative contribution has no share after it.
fn sentence_rules(sentence: &str, absent: &[String], found: &mut Found) {
    if absent.iter().any(|name| sentence.contains(name.as_str())) && has_zero(sentence) {
        found.push((
            "a 0 beside an indicator without figures",
            sentence.to_owned(),
        ));
    }
    if let Some(at) = sentence.find("làm giảm")
        && sentence[at..].contains("(chiếm")
    {
        found.push(("a share after a negative contribution", sentence.to_owned()));
    }
}

/// Whether a figure that is zero (`0`, `0%`, `0,00`) stands in `text`.
fn has_zero(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        if chars[k].is_ascii_digit() && (k == 0 || !chars[k - 1].is_ascii_digit()) {
            let token: String = chars[k..]
                .iter()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
                .collect();
            let len = token.chars().count();
            let token = token.trim_end_matches([',', '.']);
            if token.chars().filter(char::is_ascii_digit).all(|d| d == '0') {
                return true;
            }
            k += len;
        } else {
            k += 1;
        }
    }
    false
}

/// Hostile text from the data is escaped in HTML. A paragraph may start
/// with "đậm" when the data's own text does (a note's `**đậm**` is
/// emphasis, printed by an exporter that does not know it as plain text).
fn html_rules(html: &str, facts: &Facts, found: &mut Found) {
    let lower = html.to_lowercase();
    let starts_bold = facts.texts.iter().any(|t| t.starts_with("đậm"));
    for raw in ["<script", "<b>đậm", "<p>đậm"] {
        if raw == "<p>đậm" && starts_bold {
            continue;
        }
        if let Some(at) = lower.find(raw) {
            let line = html[..at].lines().count().max(1);
            let text = html.lines().nth(line - 1).unwrap_or_default();
            found.push(("raw HTML from the data", text.to_owned()));
        }
    }
}

/// Template syntax never reaches a report whose data holds none.
fn leak_rules(output: &str, format: &str, found: &mut Found) {
    // The HTML's stylesheet has braces of its own.
    if format == "html" {
        return;
    }
    for line in output.lines() {
        if TEMPLATE_SYNTAX.iter().any(|s| line.contains(s)) {
            found.push(("template syntax in the report", line.to_owned()));
        }
    }
}

// ------------------------------------------------------------- property ----

/// A drawn dataset: a shape and the seed of its figures.
#[derive(Debug, Clone)]
struct Case {
    shape: Shape,
    seed: u64,
}

impl Case {
    fn text(&self) -> String {
        self.shape.dataset(self.seed).text
    }
}

/// Draws cases from the runner's seed.
#[derive(Debug)]
struct Cases;

impl Strategy for Cases {
    type Tree = Shrink;
    type Value = Case;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        let seed = runner.rng().next_u64();
        Ok(Shrink::new(Case {
            shape: Shape::draw(seed),
            seed,
        }))
    }
}

/// Shrinks a failing case through `Shape::simpler`, keeping its seed: the
/// figures that stay are the ones that failed.
struct Shrink {
    /// The smallest case known to fail.
    failing: Case,
    /// The case being tried.
    current: Case,
    /// The shapes one step simpler than `failing` (once it is known to
    /// fail), and the next to try.
    candidates: Option<Vec<Shape>>,
    next: usize,
    /// Whether `current` is a candidate (not `failing` itself).
    trying: bool,
}

impl Shrink {
    fn new(case: Case) -> Shrink {
        Shrink {
            candidates: None,
            next: 0,
            trying: false,
            current: case.clone(),
            failing: case,
        }
    }

    /// Moves to the next candidate, if any.
    fn advance(&mut self) -> bool {
        match self.candidates.as_ref().and_then(|c| c.get(self.next)) {
            Some(shape) => {
                self.current = Case {
                    shape: shape.clone(),
                    seed: self.failing.seed,
                };
                self.next += 1;
                self.trying = true;
                true
            }
            None => {
                self.current = self.failing.clone();
                self.trying = false;
                false
            }
        }
    }
}

impl ValueTree for Shrink {
    type Value = Case;

    fn current(&self) -> Case {
        self.current.clone()
    }

    /// Called when `current` failed: it becomes the case to simplify.
    fn simplify(&mut self) -> bool {
        if self.trying || self.candidates.is_none() {
            self.failing = self.current.clone();
            self.candidates = Some(self.failing.shape.simpler());
            self.next = 0;
        }
        self.advance()
    }

    /// Called when `current` passed: try the next candidate instead.
    fn complicate(&mut self) -> bool {
        self.advance()
    }
}

fn config() -> Config {
    let mut config = Config {
        failure_persistence: None,
        ..Config::default()
    };
    let unset = |var: &str| std::env::var_os(var).is_none();
    if unset("PROPTEST_CASES") {
        config.cases = CASES;
    }
    if unset("PROPTEST_RNG_SEED") {
        config.rng_seed = RngSeed::Fixed(RNG_SEED);
    }
    if unset("PROPTEST_MAX_SHRINK_TIME") {
        config.max_shrink_time = 120_000;
    }
    config
}

#[test]
fn no_dataset_breaks_a_shipped_department() {
    let bench = Bench::load();
    let mut runner = TestRunner::new(config());
    let result = runner.run(&Cases, |case| {
        let text = case.text();
        let findings = bench.check(&text);
        if findings.is_empty() {
            return Ok(());
        }
        Err(TestCaseError::fail(format!(
            "{} finding(s):\n{}\n--- the dataset (seed {}) ---\n{text}",
            findings.len(),
            summary(&findings, 12),
            case.seed
        )))
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

// ----------------------------------------------------------- edge cases ----

/// Fixed datasets at the edges, each named: every department must make the
/// report of every period they have figures for, in every format.
const EDGES: &[(&str, &str)] = &[
    (
        "one indicator with one figure",
        r##"
format = 1
[dataset]
region = "Bắc Ninh"
[[indicator]]
id = "exports"
name = "kim ngạch xuất khẩu"
name_en = "exports"
kind = "flow"
unit = "triệu USD"
growth = { 2024 = 12.5 }
"##,
    ),
    (
        "only targets and the CPI",
        r##"
format = 1
[dataset]
region = "Huế"
region_kind = "Thành phố"
[[indicator]]
id = "cpi"
name = "chỉ số giá tiêu dùng (bình quân năm)"
name_en = "consumer price index (annual average)"
kind = "index"
index = { 2024 = 103.6 }
[[target]]
year = 2024
indicator = "cpi"
measure = "growth"
op = "<"
value = 4.5
[[target]]
year = 2025
indicator = "cpi"
measure = "growth"
op = "between"
value = 3
upper = 4.5
"##,
    ),
    (
        "only a quarter",
        r##"
format = 1
[dataset]
region = "Đà Nẵng"
region_kind = "Thành phố"
[[indicator]]
id = "grdp"
name = "Tổng sản phẩm trên địa bàn (GRDP)"
name_en = "gross regional domestic product (GRDP)"
kind = "flow"
unit = "tỷ đồng"
growth = { 2024-Q3 = 7.1 }
[[indicator]]
id = "iip"
name = "chỉ số sản xuất công nghiệp (IIP)"
name_en = "index of industrial production (IIP)"
kind = "index"
index = { 2024-Q3 = 109.2 }
"##,
    ),
    (
        "a month",
        r##"
format = 1
[dataset]
region = "Lào Cai"
region_kind = "Tỉnh"
[[indicator]]
id = "exports"
name = "kim ngạch xuất khẩu"
name_en = "exports"
kind = "flow"
unit = "triệu USD"
value = { 2023-M07 = 120.5, 2024-M07 = 131.2 }
[[indicator]]
id = "cpi"
name = "chỉ số giá tiêu dùng (bình quân năm)"
name_en = "consumer price index (annual average)"
kind = "index"
index = { 2024-M07 = 104.36 }
"##,
    ),
    (
        "national with shares",
        r##"
format = 1
[dataset]
region = "Cả nước"
region_kind = "Cả nước"
source = "Nguồn: Tổng cục Thống kê"
[[indicator]]
id = "grdp"
name = "Tổng sản phẩm trong nước (GDP)"
name_en = "gross domestic product (GDP)"
kind = "flow"
unit = "tỷ đồng"
growth = { 2024 = 7.09 }
[[indicator]]
id = "agriculture"
name = "khu vực nông, lâm nghiệp và thủy sản"
name_en = "agriculture, forestry and fishing"
kind = "flow"
unit = "tỷ đồng"
parent = "grdp"
growth = { 2024 = 3.27 }
share = { 2024 = 5.37 }
[[indicator]]
id = "industry_construction"
name = "khu vực công nghiệp và xây dựng"
name_en = "industry and construction"
kind = "flow"
unit = "tỷ đồng"
parent = "grdp"
growth = { 2024 = 8.24 }
share = { 2024 = 45.17 }
[[indicator]]
id = "services"
name = "khu vực dịch vụ"
name_en = "services"
kind = "flow"
unit = "tỷ đồng"
parent = "grdp"
growth = { 2024 = 7.38 }
share = { 2024 = 49.46 }
"##,
    ),
    (
        "a fall everywhere",
        r##"
format = 1
[dataset]
region = "Quảng Ninh"
[[indicator]]
id = "grdp"
name = "Tổng sản phẩm trên địa bàn (GRDP)"
name_en = "gross regional domestic product (GRDP)"
kind = "flow"
unit = "tỷ đồng"
growth = { 2024 = -1.5 }
[[indicator]]
id = "industry"
name = "ngành công nghiệp"
name_en = "industry"
kind = "flow"
unit = "tỷ đồng"
parent = "grdp"
growth = { 2024 = -4.2 }
contribution = { 2024 = -1.9 }
[[indicator]]
id = "services"
name = "khu vực dịch vụ"
name_en = "services"
kind = "flow"
unit = "tỷ đồng"
parent = "grdp"
growth = { 2024 = 1.1 }
contribution = { 2024 = 0.4 }
[[indicator]]
id = "cpi"
name = "chỉ số giá tiêu dùng (bình quân năm)"
name_en = "consumer price index (annual average)"
kind = "index"
index = { 2024 = 99.2 }
"##,
    ),
    (
        "a zero base and a missing base",
        r##"
format = 1
[dataset]
region = "Cần Thơ"
[[indicator]]
id = "exports"
name = "kim ngạch xuất khẩu"
name_en = "exports"
kind = "flow"
unit = "triệu USD"
value = { 2023 = 0, 2024 = 15.5 }
[[indicator]]
id = "imports"
name = "kim ngạch nhập khẩu"
name_en = "imports"
kind = "flow"
unit = "triệu USD"
value = { 2024 = 20 }
"##,
    ),
    (
        "a half and nine months",
        r##"
format = 1
[dataset]
region = "Hà Nội"
[[indicator]]
id = "iip"
name = "chỉ số sản xuất công nghiệp (IIP)"
name_en = "index of industrial production (IIP)"
kind = "index"
index = { 2024-H1 = 104.1, 2024-9M = 105.3 }
[[indicator]]
id = "retail"
name = "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng"
name_en = "retail sales of goods and consumer services"
kind = "flow"
unit = "nghìn tỷ đồng"
value = { 2024-H1 = 410.2, 2024-9M = 620.8 }
growth = { 2024-H1 = 9.1, 2024-9M = 9.4 }
"##,
    ),
    (
        "hostile names",
        r##"
format = 1
[dataset]
region = "<script>alert(1)</script>"
source = "**Nguồn** | {{ x }}"
[[indicator]]
id = "industry"
name = "- mục <b>đậm</b> {% if %}"
name_en = "# heading `code`"
kind = "flow"
unit = "tỷ \\ đồng"
growth = { 2024 = 6.2 }
[[indicator]]
id = "iip"
name = "  chỉ số \"IIP\" 🏭  "
name_en = "IIP 📈"
kind = "index"
index = { 2024 = 105.9 }
[[note]]
year = 2024
section = "overview"
text = "# không phải tiêu đề\n\n- không phải mục"
"##,
    ),
    (
        "spaces at the ends of names, units and labels",
        r##"
format = 1
[dataset]
region = " Bắc Ninh "
[[indicator]]
id = "industry"
name = " ngành công nghiệp "
name_en = "\tindustry "
kind = "flow"
unit = " tỷ đồng"
growth = { 2024 = 6.2 }
[[indicator]]
id = "iip"
name = " chỉ số sản xuất công nghiệp (IIP) "
name_en = " index of industrial production (IIP) "
kind = "index"
index = { 2024 = 105.9 }
[[indicator]]
id = "exports"
name = "kim ngạch xuất khẩu\u00a0"
name_en = "exports "
kind = "flow"
unit = "triệu USD "
value = { 2024 = 120 }
growth = { 2024 = 5 }
[[target]]
year = 2024
indicator = "exports"
measure = "value"
op = ">="
value = 150
[[target]]
year = 2025
indicator = "exports"
measure = "value"
op = ">="
value = 200
label = " Kim ngạch xuất khẩu "
"##,
    ),
    (
        "a sub-industry without an English name",
        r##"
format = 1
[dataset]
region = "Bắc Ninh"
[[indicator]]
id = "consumption"
name = "chỉ số tiêu thụ sản phẩm công nghiệp chế biến, chế tạo"
name_en = "manufacturing consumption index"
kind = "index"
index = { 2024 = 108.2 }
[[indicator]]
id = "consumption_machinery"
name = "máy móc, thiết bị"
kind = "index"
parent = "consumption"
index = { 2024 = 130 }
"##,
    ),
    (
        "children's levels above their exhaustive parent's",
        r##"
format = 1
[dataset]
region = "Bắc Ninh"
[[indicator]]
id = "grdp"
name = "Tổng sản phẩm trên địa bàn (GRDP)"
name_en = "gross regional domestic product (GRDP)"
kind = "flow"
exhaustive = true
value = { 2023 = 100, 2024 = 110 }
[[indicator]]
id = "industry"
name = "ngành công nghiệp"
name_en = "industry"
kind = "flow"
parent = "grdp"
value = { 2023 = 150, 2024 = 160 }
[[indicator]]
id = "services"
name = "khu vực dịch vụ"
name_en = "services"
kind = "flow"
parent = "grdp"
value = { 2024 = 20 }
"##,
    ),
    (
        "a component that is not standard and has no English name",
        r##"
format = 1
[dataset]
region = "Bắc Ninh"
[[indicator]]
id = "grdp"
name = "Tổng sản phẩm trên địa bàn (GRDP)"
name_en = "gross regional domestic product (GRDP)"
kind = "flow"
growth = { 2024 = 6.5 }
[[indicator]]
id = "agriculture_taxes"
name = "khu vực nông, lâm nghiệp và thủy sản và thuế sản phẩm trừ trợ cấp sản phẩm"
kind = "flow"
parent = "grdp"
growth = { 2024 = 3.1 }
"##,
    ),
    (
        "a target's growth a hair above last year's",
        r##"
format = 1
[dataset]
region = "Bắc Ninh"
[[indicator]]
id = "exports"
name = "kim ngạch xuất khẩu"
name_en = "exports"
kind = "flow"
unit = "triệu USD"
growth = { 2023 = 3.5, 2024 = 3.504 }
[[target]]
year = 2024
indicator = "exports"
measure = "growth"
op = ">="
value = 3
"##,
    ),
    (
        "only next year's targets, after an outlook",
        r##"
format = 1
[dataset]
region = "Bắc Ninh"
[[indicator]]
id = "cpi"
name = "chỉ số giá tiêu dùng (bình quân năm)"
name_en = "consumer price index (annual average)"
kind = "index"
index = { 2024 = 103.6 }
[[target]]
year = 2025
indicator = "cpi"
measure = "growth"
op = "<"
value = 4.5
[[target]]
year = 2025
indicator = "cpi"
measure = "growth"
op = "<="
value = -1.5
[[note]]
year = 2024
section = "outlook"
text = "Kinh tế thế giới được dự báo tiếp tục phục hồi nhưng còn nhiều rủi ro."
"##,
    ),
    (
        "no English names",
        r##"
format = 1
[dataset]
region = "Hà Nội"
[[indicator]]
id = "grdp"
name = "Tổng sản phẩm trên địa bàn (GRDP)"
kind = "flow"
unit = "tỷ đồng"
growth = { 2024 = 6.52 }
[[indicator]]
id = "services"
name = "khu vực dịch vụ"
kind = "flow"
unit = "tỷ đồng"
parent = "grdp"
growth = { 2024 = 7.14 }
contribution = { 2024 = 4.72 }
"##,
    ),
];

#[test]
fn edge_datasets_make_every_report() {
    let bench = Bench::load();
    let mut failures = Vec::new();
    for (name, text) in EDGES {
        let findings = bench.check(text);
        if !findings.is_empty() {
            failures.push(format!("{name}:\n{}", summary(&findings, 8)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} edge datasets fail:\n{}",
        failures.len(),
        EDGES.len(),
        failures.join("\n")
    );
}

/// The real releases of `tests/datasets/real/` (other provinces, the
/// whole country, every kind of period), each rendered by every shipped
/// department for every period it holds, in every format, under the same
/// rules as the generated datasets.
#[test]
fn real_releases_make_every_report() {
    let bench = Bench::load();
    let dir = workspace().join("tests/datasets/real");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{}: {files:?}", dir.display());
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let findings = bench.check(&text);
        if !findings.is_empty() {
            failures.push(format!("{}:\n{}", file.display(), summary(&findings, 8)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} real releases fail:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

// ----------------------------------------------------- the rules, tested ----

#[test]
fn the_rules_catch_what_they_name() {
    let facts = Facts {
        periods: Vec::new(),
        texts: vec![
            "- mục".to_owned(),
            "ngành công nghiệp".to_owned(),
            "theo ghi chép của người dân.".to_owned(),
        ],
        template_syntax: false,
    };
    let rules = |md: &str| -> Vec<&'static str> {
        let mut found = Vec::new();
        let absent = [
            "kim ngạch xuất khẩu".to_owned(),
            "Kim ngạch xuất khẩu".to_owned(),
        ];
        markdown_rules(md, &facts, &absent, &mut found);
        leak_rules(md, "md", &mut found);
        found.into_iter().map(|(rule, _)| rule).collect()
    };
    let fine = "UBND TỈNH  \n**SỞ CÔNG THƯƠNG**\n\n## I. KẾT QUẢ\n\n### 1. Công nghiệp\n\n\
                Chỉ số IIP tăng 5,9%.\n\nTheo đó, ngành chế biến tăng 6%.\n\n\
                | Chỉ tiêu | Tăng |\n| :------- | ---: |\n| GRDP     | 6,5  |\n| Xuất khẩu | -    |\n\n\
                \\- mục của dữ liệu\n\ntheo ghi chép của người dân.\n\nHà Nội, ngày     tháng     năm 2025\n\n4/4 ngành tăng; giá 10,05%.\n\n*Hà Nội, ngày 05 tháng 01 năm 2025*\n";
    assert_eq!(rules(fine), Vec::<&str>::new());
    for (md, rule) in [
        ("Chỉ số  IIP tăng.\n", "two spaces in a row"),
        ("Chỉ số IIP tăng , rồi.\n", "a space before punctuation"),
        ("Hà Nội, ngày 5  tháng 1 năm 2025\n", "two spaces in a row"),
        ("Đóng góp 1 điểm % ().\n", "empty parentheses"),
        ("Đóng góp 1 điểm % (chiếm ).\n", "an empty share"),
        ("Đóng góp 1 điểm % (chiếm -4,5%).\n", "a negative share"),
        ("Ngành X tăng -0,0%.\n", "a signed zero"),
        ("Ngành X thay đổi −0.\n", "a signed zero"),
        ("So cùng kỳ +0 điểm %.\n", "a signed zero"),
        ("Ngành X tăng -4,5%.\n", "a sign after a word of direction"),
        ("Prices rose -1.2%.\n", "a sign after a word of direction"),
        (
            "Kiểm soát tăng không quá -3,98%.\n",
            "a sign after a word of direction",
        ),
        (
            "Đóng góp 0,5 điểm % vào mức tăng -1,5% của GRDP.\n",
            "a sign after a word of direction",
        ),
        (
            "Dịch vụ giảm 140% so với năm 2023.\n",
            "a fall of more than 100%",
        ),
        (
            "Dịch vụ giảm 1.100,5% so với năm 2023.\n",
            "a fall of more than 100%",
        ),
        (
            "Services decreased by 100.5% on 2023.\n",
            "a fall of more than 100%",
        ),
        (
            ", đóng góp 1 điểm %.\n",
            "a paragraph that does not start a sentence",
        ),
        (
            "và ngành X tăng.\n",
            "a paragraph that does not start a sentence",
        ),
        (
            "ngành công nghiệp tăng.\n",
            "a paragraph that does not start a sentence",
        ),
        (
            "(chiếm 5%).\n",
            "a paragraph that does not start a sentence",
        ),
        (
            "Kim ngạch xuất khẩu tăng 0%.\n",
            "a 0 beside an indicator without figures",
        ),
        (
            "| Kim ngạch xuất khẩu | 0,0 |\n| --- | --- |\n",
            "a 0 beside an indicator without figures",
        ),
        (
            "Ngành X làm giảm 0,3 điểm % vào mức tăng 1% của GRDP (chiếm 20%).\n",
            "a share after a negative contribution",
        ),
        (
            "Chỉ số {{ iip.growth }} tăng.\n",
            "template syntax in the report",
        ),
        ("Chỉ số <b>IIP</b>.\n", "raw HTML in the Markdown"),
    ] {
        assert!(
            rules(md).contains(&rule),
            "{rule} not found in {md:?}: {:?}",
            rules(md)
        );
    }
    let mut found = Vec::new();
    let none = Facts {
        periods: Vec::new(),
        texts: Vec::new(),
        template_syntax: false,
    };
    html_rules(
        "<p>a</p>\n<p><script>alert(1)</script></p>\n",
        &none,
        &mut found,
    );
    assert_eq!(
        found,
        [(
            "raw HTML from the data",
            "<p><script>alert(1)</script></p>".to_owned()
        )]
    );
    assert!(!signed_zero("năm 2024-2025, -0,5%, 10-0"));
    assert!(signed_zero("(-0)"));
    assert!(!has_zero("năm 2020, tăng 10,5%, ngày 05"));
    assert!(!signed_after_direction("tăng 5%, chỉ số -1,5"));
    assert!(!signed_after_direction("giảm 2% so với năm trước, -1"));
    for fine in [
        "giảm 100% so với",
        "làm giảm 140 điểm %",
        "giảm 1.234 tỷ đồng",
        "decreased by 99.9%",
    ] {
        assert!(!impossible_fall(fine), "{fine}");
    }
    assert!(has_zero("tăng 0,00%"));
}

#[test]
fn a_failing_case_shrinks_to_what_fails() {
    // A property that fails whenever the CPI is in the dataset shrinks to
    // a dataset with the CPI alone.
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(7),
        cases: 256,
        ..Config::default()
    });
    let result = runner.run(&Cases, |case| {
        if case.text().contains("id = \"cpi\"") {
            Err(TestCaseError::fail("cpi"))
        } else {
            Ok(())
        }
    });
    let Err(proptest::test_runner::TestError::Fail(_, minimal)) = result else {
        panic!("no case had the CPI: {result:?}");
    };
    assert_eq!(
        minimal.shape.indicators,
        [baocao_datagen::shape::Indicator::Cpi]
    );
    assert!(!minimal.shape.hostile && !minimal.shape.notes && !minimal.shape.targets);
    assert_eq!(minimal.shape.spans.len(), 1);
}
