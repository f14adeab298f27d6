//! A mutation fuzzer on stable Rust, kept as a test: datasets from the
//! repository (the shipped departments', the real ones, the cases, the
//! engine's fixtures, every bad-input fixture and the fuzz corpus of
//! `tests/fuzz/dataset/`) mutated byte by byte, token by token and line by
//! line, and each read with `baocao_dataset::read_str` and, when it reads,
//! computed for its last periods with `baocao_calc::compute` and written
//! as JSON. Nothing may panic.
//!
//! `BAOCAO_FUZZ_CASES` sets how many inputs (2 000 by default, a few
//! seconds); `BAOCAO_FUZZ_SEED` which ones (the same seed, the same
//! inputs). Every input that panics is written to `BAOCAO_FUZZ_OUT` (the
//! system's temporary folder by default) and listed when the test fails;
//! one that is kept becomes a file of `tests/fuzz/dataset/`, read again
//! unmutated by every run. For millions of inputs, build in release mode:
//!
//! ```sh
//! BAOCAO_FUZZ_CASES=1000000 cargo test --release -p baocao-calc --test main fuzz
//! ```

use std::cell::RefCell;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Numbers at and past every limit the reader and the engine have.
const NUMBERS: &[&str] = &[
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "79228162514264337593543950336",
    "7.9228162514264337593543950335",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "1e28",
    "1e-28",
    "9e999999999",
    "1e-999999999999",
    "999999999999999",
    "-999999999999999",
    "999999999999999.9999999999999",
    "1000000000000000",
    "9.99999999999999e14",
    "0.0000000000001",
    "-100",
    "-100.0000000000001",
    "-99.999999999999",
    "100",
    "0",
    "-0",
    "+0.0",
    "-0.0e0",
    "0x10",
    "0o7",
    "0b1",
    "inf",
    "-inf",
    "nan",
    "1_000",
    "1e",
    ".5",
    "5.",
    "1900",
    "2200",
    "2201",
    "-1",
    "4294967296",
    "\"6,2\"",
];

/// Pieces of TOML and of datasets to insert.
const TOKENS: &[&str] = &[
    "[[indicator]]\n",
    "[[target]]\n",
    "[[note]]\n",
    "[dataset]\n",
    "[indicator]\n",
    "[[indicator.value]]\n",
    "format = 1\n",
    "id = \"grdp\"\n",
    "id = \"x\"\n",
    "name = \"x\"\n",
    "parent = \"grdp\"\n",
    "parent = \"x\"\n",
    "exhaustive = true\n",
    "kind = \"index\"\n",
    "kind = \"flow\"\n",
    "kind = \"stock\"\n",
    "weight = { 2024 = 1 }\n",
    "value = { 2023 = 0, 2024 = 0 }\n",
    "value = { 2023 = 999999999999999, 2024 = 0.0000000000001 }\n",
    "growth = { 2024 = -100 }\n",
    "growth = { 2024 = 999999999999999 }\n",
    "index = { 2024 = 0.0000000000001 }\n",
    "contribution = { 2024 = 999999999999999 }\n",
    "share = { 2024 = 0.0000000000001 }\n",
    "op = \"between\"\nupper = 1\n",
    "measure = \"value\"\n",
    "measure = \"growth\"\n",
    "indicator = \"grdp\"\n",
    "year = 2025\n",
    "section = \"limitations\"\ntext = \"x\"\n",
    "\"\"\"",
    "'''",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    "=",
    ",",
    ".",
    "#",
    "\\",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\u{feff}",
    "\u{0}",
    "é",
    "\u{0301}",
    "2024-Q1",
    "2024-H1",
    "2024-9M",
    "2024-M12",
    "2024-6M",
];

/// One change to a text.
#[derive(Debug, Clone)]
enum Mutation {
    /// Flips one bit of the byte at (position modulo the length).
    FlipBit(usize, u8),
    /// Inserts one of [`TOKENS`].
    Token(usize, usize),
    /// Inserts bytes.
    Bytes(usize, Vec<u8>),
    /// Deletes up to that many bytes.
    Delete(usize, usize),
    /// Replaces the nth number of the text with one of [`NUMBERS`].
    Number(usize, usize),
    /// Writes a line again after itself, that many times.
    Repeat(usize, usize),
    /// Deletes a line.
    DeleteLine(usize),
    /// Swaps two lines.
    Swap(usize, usize),
    /// Inserts lines of another text of the corpus: (text, first line,
    /// how many, where).
    Splice(usize, usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 0u8..8).prop_map(|(a, b)| Mutation::FlipBit(a, b)),
        (at, 0..TOKENS.len()).prop_map(|(a, t)| Mutation::Token(a, t)),
        (at, prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(a, b)| Mutation::Bytes(a, b)),
        (at, 1usize..64).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (at, 0..NUMBERS.len()).prop_map(|(a, n)| Mutation::Number(a, n)),
        (at, 1usize..40).prop_map(|(a, n)| Mutation::Repeat(a, n)),
        at.prop_map(Mutation::DeleteLine),
        (at, at).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (at, at, 1usize..30, at).prop_map(|(t, f, n, a)| Mutation::Splice(t, f, n, a)),
    ]
}

/// A text of the corpus and the changes made to it.
fn case(corpus: usize) -> impl Strategy<Value = (usize, Vec<Mutation>)> {
    (0..corpus, prop::collection::vec(mutation(), 0..6))
}

/// The byte ranges of the numbers of `text`: runs of digits, signs,
/// points, underscores and exponents that hold a digit.
fn numbers(text: &[u8]) -> Vec<(usize, usize)> {
    let part = |b: u8| b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'+' | b'-' | b'e' | b'E');
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        if part(text[at]) {
            let start = at;
            while at < text.len() && part(text[at]) {
                at += 1;
            }
            if text[start..at].iter().any(u8::is_ascii_digit) {
                out.push((start, at));
            }
        } else {
            at += 1;
        }
    }
    out
}

/// The line ranges of `text`, each with its line break.
fn lines(text: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (at, b) in text.iter().enumerate() {
        if *b == b'\n' {
            out.push((start, at + 1));
            start = at + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

fn apply(text: &mut Vec<u8>, m: &Mutation, corpus: &[(PathBuf, String)]) {
    let pos = |a: usize, len: usize| a % (len + 1);
    match m {
        Mutation::FlipBit(a, bit) => {
            if !text.is_empty() {
                let at = a % text.len();
                text[at] ^= 1 << bit;
            }
        }
        Mutation::Token(a, t) => {
            let at = pos(*a, text.len());
            text.splice(at..at, TOKENS[*t].bytes());
        }
        Mutation::Bytes(a, bytes) => {
            let at = pos(*a, text.len());
            text.splice(at..at, bytes.iter().copied());
        }
        Mutation::Delete(a, n) => {
            let at = pos(*a, text.len());
            let end = (at + n).min(text.len());
            text.drain(at..end);
        }
        Mutation::Number(a, n) => {
            let found = numbers(text);
            if !found.is_empty() {
                let (start, end) = found[a % found.len()];
                text.splice(start..end, NUMBERS[*n].bytes());
            }
        }
        Mutation::Repeat(a, n) => {
            let ls = lines(text);
            if !ls.is_empty() {
                let (start, end) = ls[a % ls.len()];
                let line = text[start..end].to_vec();
                let copies: Vec<u8> = line.iter().copied().cycle().take(line.len() * n).collect();
                text.splice(end..end, copies);
            }
        }
        Mutation::DeleteLine(a) => {
            let ls = lines(text);
            if !ls.is_empty() {
                let (start, end) = ls[a % ls.len()];
                text.drain(start..end);
            }
        }
        Mutation::Swap(a, b) => {
            let ls = lines(text);
            if ls.len() > 1 {
                let (x, y) = (ls[a % ls.len()], ls[b % ls.len()]);
                let (first, second) = if x.0 <= y.0 { (x, y) } else { (y, x) };
                if first != second {
                    let mut out = text[..first.0].to_vec();
                    out.extend_from_slice(&text[second.0..second.1]);
                    out.extend_from_slice(&text[first.1..second.0]);
                    out.extend_from_slice(&text[first.0..first.1]);
                    out.extend_from_slice(&text[second.1..]);
                    *text = out;
                }
            }
        }
        Mutation::Splice(t, f, n, a) => {
            let other = corpus[t % corpus.len()].1.as_bytes();
            let ls = lines(other);
            if !ls.is_empty() {
                let first = f % ls.len();
                let last = (first + n).min(ls.len()) - 1;
                let piece = other[ls[first].0..ls[last].1].to_vec();
                let here = lines(text);
                let at = if here.is_empty() {
                    0
                } else {
                    here[a % here.len()].0
                };
                text.splice(at..at, piece);
            }
        }
    }
}

/// Reads `text` and, when it reads, computes its last three periods (and
/// its first) in full and writes their JSON.
fn run(text: &str) {
    match baocao_dataset::read_str(text, "fuzz.toml") {
        Ok(ds) => {
            let periods = ds.periods();
            let last = periods.iter().rev().take(3);
            for p in last.chain(periods.first()) {
                let figures = baocao_calc::compute(&ds, *p);
                assert!(figures.to_json().ends_with("}\n"));
            }
        }
        Err(e) => assert!(!e.diagnostics.is_empty(), "an error without a problem"),
    }
}

/// Every `.toml` file of the corpus folders, sorted, with its text.
fn corpus() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut folders: Vec<PathBuf> = [
        "tests/fuzz/dataset",
        "tests/datasets/real",
        "tests/datasets/cases",
        "tests/bad-input/dataset",
        "crates/baocao-calc/tests/fixtures",
    ]
    .iter()
    .map(|f| root.join(f))
    .collect();
    // The shipped departments' data.
    let mut departments: Vec<PathBuf> = std::fs::read_dir(root.join("config"))
        .unwrap()
        .map(|e| e.unwrap().path().join("data"))
        .filter(|p| p.is_dir())
        .collect();
    departments.sort();
    folders.extend(departments);
    let mut out = Vec::new();
    for folder in folders {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((path, text));
        }
    }
    out
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.trim()
                .parse()
                .unwrap_or_else(|_| panic!("{name}={v}: not a number"))
        })
        .unwrap_or(default)
}

thread_local! {
    /// Where the last panic of this thread was, and what it said.
    static PANIC: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Runs `f`, with the panic message, if any, caught rather than printed.
fn caught(f: impl FnOnce()) -> Result<(), String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|_| PANIC.with(|p| p.borrow().clone()))
}

#[test]
fn reading_and_computing_mutated_datasets_never_panics() {
    let corpus = corpus();
    assert!(corpus.len() > 100, "{} files in the corpus", corpus.len());
    let cases = env_number("BAOCAO_FUZZ_CASES", 2_000);
    let seed = env_number("BAOCAO_FUZZ_SEED", 12);
    let out = std::env::var_os("BAOCAO_FUZZ_OUT")
        .map_or_else(|| std::env::temp_dir().join("baocao-fuzz"), PathBuf::from);

    // Panics of this thread are recorded rather than printed; other
    // tests' are printed as before.
    let previous: Arc<dyn Fn(&panic::PanicHookInfo<'_>) + Send + Sync> =
        Arc::from(panic::take_hook());
    let fuzzing = std::thread::current().id();
    let others = Arc::clone(&previous);
    panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() == fuzzing {
            let message = info.to_string();
            PANIC.with(|p| *p.borrow_mut() = message);
        } else {
            others(info);
        }
    }));

    let mut failures = Vec::new();
    // The corpus itself first, unmutated.
    for (path, text) in &corpus {
        if let Err(message) = caught(|| run(text)) {
            failures.push(format!("{}: {message}", path.display()));
        }
    }
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = case(corpus.len());
    for n in 0..cases {
        let (source, mutations) = strategy.new_tree(&mut runner).unwrap().current();
        let mut text = corpus[source].1.clone().into_bytes();
        for m in &mutations {
            apply(&mut text, m, &corpus);
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        if let Err(message) = caught(|| run(&text)) {
            std::fs::create_dir_all(&out).unwrap();
            let file = out.join(format!("crash-{seed}-{n}.toml"));
            std::fs::write(&file, &text).unwrap();
            let mut line = format!(
                "case {n}: {} with {mutations:?}: {message}; input written to {}",
                corpus[source].0.display(),
                file.display()
            );
            line.truncate(2_000);
            failures.push(line);
        }
    }
    panic::set_hook(Box::new(move |info| previous(info)));
    let mut report = String::new();
    for f in &failures {
        let _ = writeln!(report, "{f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} inputs (seed {seed}) panicked:\n{report}",
        failures.len()
    );
}

/// The mutations do what they say, on a small text.
#[test]
fn mutations_change_what_they_name() {
    let corpus = vec![(PathBuf::from("other"), "x = 1\ny = 2\n".to_owned())];
    let text = "a = 1\nb = { 2024 = 6.2 }\n";
    let mutated = |m: Mutation| {
        let mut t = text.as_bytes().to_vec();
        apply(&mut t, &m, &corpus);
        String::from_utf8(t).unwrap()
    };
    assert_eq!(numbers(text.as_bytes()).len(), 3);
    assert_eq!(
        mutated(Mutation::Number(2, 16)),
        "a = 1\nb = { 2024 = -100 }\n"
    );
    assert_eq!(mutated(Mutation::DeleteLine(0)), "b = { 2024 = 6.2 }\n");
    assert_eq!(mutated(Mutation::Swap(0, 1)), "b = { 2024 = 6.2 }\na = 1\n");
    assert_eq!(
        mutated(Mutation::Repeat(0, 2)),
        "a = 1\na = 1\na = 1\nb = { 2024 = 6.2 }\n"
    );
    assert_eq!(
        mutated(Mutation::Splice(0, 1, 5, 1)),
        "a = 1\ny = 2\nb = { 2024 = 6.2 }\n"
    );
    assert_eq!(
        mutated(Mutation::Token(0, 6)),
        "format = 1\na = 1\nb = { 2024 = 6.2 }\n"
    );
    assert_eq!(mutated(Mutation::Delete(100, 3)), "a = 1\nb = { 2024 = 6.2");
}
