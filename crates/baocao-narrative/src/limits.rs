//! How much a report's templates may do, and the checks that hold them to
//! it.
//!
//! A department's templates are written by clerks, and a department folder
//! may come from anyone: a loop nested in a loop over `range(100000)`, or a
//! macro that doubles a text, must stop within seconds with a message at
//! the place in the template, never hang the machine or fill its memory.
//! Three limits hold:
//!
//! - **fuel**: every step a template takes (minijinja's instructions) uses
//!   one unit; a report may use [`Limits::fuel`];
//! - **text**: every byte of text a template writes or builds (the report,
//!   what `{% set %}` blocks and macros capture, text joined with `~`,
//!   lists built with `+`, a filter's result) counts, and a report may
//!   build [`Limits::max_output`] bytes in all; each operation is checked
//!   before it builds, so memory stays within about that much, plus a
//!   small amount per step of fuel;
//! - **depth**: macros, includes and recursive loops nest at most
//!   [`RECURSION`] deep, and lists and maps a template builds at most
//!   [`NESTING`] deep, well within a thread's stack (writing, comparing
//!   and dropping a value goes down it one call a level). A namespace,
//!   the one thing a template can change, holds no namespace or macro,
//!   so nothing a template builds holds itself.
//!
//! The text a template builds with operators and calls is counted by the
//! guard functions the rewrite puts in its text (`rewrite.rs`); what it
//! writes is counted by the formatter and the built-in filters, which are
//! wrapped here.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

use minijinja::value::{Rest, Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind, State};

use crate::rewrite::PREFIX;

/// How deep macros, includes and recursive loops may nest, as minijinja
/// counts it (a macro call 5, an include 10, a loop or block 1): about 40
/// macro calls within each other. The shipped templates reach about 20
/// (a report, an included section, a loop, a macro). Each level takes
/// native stack: a test holds this limit within the 2 MiB of a batch's
/// threads in a debug build (500, minijinja's own limit, fitted too when
/// measured).
pub const RECURSION: usize = 200;

/// What a report's templates may do: a department sets these in
/// `department.toml` (`[templates]`), within [`Limits::MAX`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Steps: every instruction a template runs uses one unit of fuel.
    pub fuel: u64,
    /// Bytes of text the templates may write and build for one report, in
    /// all.
    pub max_output: usize,
}

impl Limits {
    /// The default: more than twenty times what the shipped reports use
    /// (docs/templates.md gives the figures; a test holds the margin).
    pub const DEFAULT: Limits = Limits {
        fuel: 2_000_000,
        max_output: 8 * 1024 * 1024,
    };

    /// The most a department may ask for.
    pub const MAX: Limits = Limits {
        fuel: 100_000_000,
        max_output: 256 * 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// What one report's templates used, to compare with the limits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Used {
    /// Fuel, over the templates and the subject.
    pub fuel: u64,
    /// Bytes of text written and built.
    pub text: usize,
}

/// How deep the lists and maps a template builds may nest. Shipped
/// templates nest 2 deep (a list of targets); a debug build overflows a
/// 2 MiB stack writing a list nested about 2000 deep.
pub const NESTING: usize = 32;

/// What a list item counts for, in bytes of text: about the memory it
/// takes.
const ITEM: usize = 16;

/// The text one report's templates have written and built so far, and how
/// deep the lists they built nest.
#[derive(Debug)]
pub(crate) struct Budget {
    limit: usize,
    used: AtomicUsize,
    exceeded: AtomicBool,
    /// The depth of each list and map measured, by the address of its
    /// items; the value is kept, so that the address is never another's.
    depths: Mutex<BTreeMap<usize, (Value, Shape)>>,
}

impl Budget {
    pub(crate) fn new(limit: usize) -> Budget {
        Budget {
            limit,
            used: AtomicUsize::new(0),
            exceeded: AtomicBool::new(false),
            depths: Mutex::new(BTreeMap::new()),
        }
    }

    /// Bytes still allowed.
    pub(crate) fn remaining(&self) -> usize {
        self.limit.saturating_sub(self.used.load(Ordering::Relaxed))
    }

    /// Bytes used.
    pub(crate) fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }

    /// Whether the templates asked for more than the limit.
    pub(crate) fn exceeded(&self) -> bool {
        self.exceeded.load(Ordering::Relaxed)
    }

    /// Refuses `bytes` about to be built when more than remain.
    fn allow(&self, bytes: usize) -> Result<(), Error> {
        if bytes > self.remaining() {
            self.exceeded.store(true, Ordering::Relaxed);
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "the template built more text than allowed",
            ));
        }
        Ok(())
    }

    /// Counts `bytes` about to be built, or refuses them.
    pub(crate) fn charge(&self, bytes: usize) -> Result<(), Error> {
        self.allow(bytes)?;
        self.used.fetch_add(bytes, Ordering::Relaxed);
        Ok(())
    }

    /// Counts `count` list items about to be built.
    fn charge_items(&self, count: usize) -> Result<(), Error> {
        self.charge(count.saturating_mul(ITEM))
    }

    /// The bytes `value` writes as text, counted, or refused when more
    /// than remain.
    pub(crate) fn charge_text(&self, value: &Value) -> Result<usize, Error> {
        let size = self.text_size(value)?;
        self.charge(size)?;
        Ok(size)
    }

    /// The bytes `value` writes as text, when at most what remains: the
    /// text of a list that holds itself many times over is never made.
    fn text_size(&self, value: &Value) -> Result<usize, Error> {
        let limit = self.remaining();
        match text_size(value, limit) {
            Some(size) => Ok(size),
            None => self.allow(limit.saturating_add(1)).map(|()| limit),
        }
    }

    /// What building `value` cost: its text, or its items.
    fn charge_built(&self, value: &Value) -> Result<(), Error> {
        match value.kind() {
            ValueKind::String | ValueKind::Bytes => self.charge_text(value).map(drop),
            ValueKind::Seq | ValueKind::Map => self.charge_items(value.len().unwrap_or(0)),
            // An iterable is lazy (`range(…)`, a reversed list): what makes
            // a list of it counts it.
            _ => Ok(()),
        }
    }
}

/// Why a value may not be built or kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refused {
    /// Lists or maps within each other deeper than [`NESTING`].
    TooDeep,
    /// A namespace or a macro, to be kept in a namespace.
    Held(&'static str),
}

/// What is known of a list or map measured: how deep it nests, and what
/// in it a namespace may not hold.
#[derive(Debug, Clone, Copy)]
struct Shape {
    depth: usize,
    unkeepable: Option<&'static str>,
}

impl Budget {
    /// How deep `value` nests, when at most `room`; `held` refuses what a
    /// namespace may not hold (a namespace, a macro: what could lead back
    /// to the namespace).
    fn depth(&self, value: &Value, room: usize, held: bool) -> Result<usize, Refused> {
        let shape = self.shape(value, room)?;
        match shape.unkeepable {
            Some(what) if held => Err(Refused::Held(what)),
            _ => Ok(shape.depth),
        }
    }

    /// The shape of `value`, when it nests at most `room` deep.
    fn shape(&self, value: &Value, room: usize) -> Result<Shape, Refused> {
        let leaf = Shape {
            depth: 0,
            unkeepable: None,
        };
        if crate::template::is_report_object(value) {
            return Ok(leaf);
        }
        let address = value
            .downcast_object_ref::<Vec<Value>>()
            .map(|v| std::ptr::from_ref(v) as usize)
            .or_else(|| {
                value
                    .downcast_object_ref::<BTreeMap<Value, Value>>()
                    .map(|m| std::ptr::from_ref(m) as usize)
            });
        let mut unkeepable = None;
        match value.kind() {
            ValueKind::Seq => {}
            // A map that is not a plain one is a namespace (changed by the
            // template, so not remembered) or a macro.
            ValueKind::Map if address.is_none() => unkeepable = Some("a namespace or a macro"),
            ValueKind::Map => {}
            // A lazy range holds numbers; what else iterates lazily is
            // made a list when built (`kept`).
            ValueKind::Iterable => return Ok(leaf),
            ValueKind::Plain => {
                return Ok(Shape {
                    depth: 0,
                    unkeepable: Some("a namespace or a macro"),
                });
            }
            _ => return Ok(leaf),
        }
        if let Some(a) = address
            && let Some((_, known)) = self.lock().get(&a)
        {
            return if known.depth > room {
                Err(Refused::TooDeep)
            } else {
                Ok(*known)
            };
        }
        let Some(room) = room.checked_sub(1) else {
            return Err(Refused::TooDeep);
        };
        let mut deepest = 0;
        let mut within = |v: &Value| -> Result<(), Refused> {
            let s = self.shape(v, room)?;
            deepest = deepest.max(s.depth);
            unkeepable = unkeepable.or(s.unkeepable);
            Ok(())
        };
        if value.kind() == ValueKind::Map {
            for k in value.try_iter().into_iter().flatten() {
                let v = value.get_item(&k).unwrap_or_default();
                within(&k)?;
                within(&v)?;
            }
        } else {
            for item in value.try_iter().into_iter().flatten() {
                within(&item)?;
            }
        }
        let shape = Shape {
            depth: deepest + 1,
            unkeepable,
        };
        if let Some(a) = address {
            self.lock().insert(a, (value.clone(), shape));
        }
        Ok(shape)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<usize, (Value, Shape)>> {
        // A poisoned lock only means a panic elsewhere: the table is whole.
        self.depths
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Refuses a list or map nested deeper than [`NESTING`].
    fn shallow(&self, value: &Value) -> Result<(), Error> {
        self.depth(value, NESTING, false).map(drop).map_err(refusal)
    }
}

fn refusal(why: Refused) -> Error {
    match why {
        Refused::TooDeep => Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "lists or maps nested more than {NESTING} deep: a list put inside itself in a loop?"
            ),
        ),
        Refused::Held(what) => Error::new(
            ErrorKind::InvalidOperation,
            format!("a namespace holds texts, numbers, figures, lists and maps, not {what}"),
        ),
    }
}

/// A value a template built, as it keeps it, checked for depth; the lazy
/// result of an operator or a filter (`a + b`, `x | reverse`) is made a
/// list, so that what it holds is measured once. A call's is left lazy:
/// calls give lazy values only of numbers (`range(…)`, which may be long).
fn kept(budget: &Budget, value: Value, made: bool) -> Result<Value, Error> {
    let lazy = value.kind() == ValueKind::Iterable;
    let value = if made && lazy {
        // Taken up to one item more than the text limit allows, so that
        // an endless or enormous one is refused, not collected.
        let bound = budget.remaining() / ITEM + 1;
        let items: Vec<Value> = value.try_iter()?.take(bound).collect();
        budget.charge_items(items.len())?;
        Value::from(items)
    } else {
        value
    };
    budget.shallow(&value)?;
    Ok(value)
}

/// The bytes `value` writes as text, when at most `limit`.
pub(crate) fn text_size(value: &Value, limit: usize) -> Option<usize> {
    if let Some(s) = value.as_str() {
        return (s.len() <= limit).then_some(s.len());
    }
    // Writing stops as soon as the limit is passed, or the brackets nest
    // deeper than anything a template can build: a list holding itself
    // many times over is not written out to be measured, and writing
    // never goes deeper than the stack allows.
    struct Count {
        n: usize,
        limit: usize,
        depth: usize,
        quote: Option<char>,
        escaped: bool,
    }
    impl std::fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.n = self.n.saturating_add(s.len());
            if self.n > self.limit {
                return Err(std::fmt::Error);
            }
            for c in s.chars() {
                match self.quote {
                    Some(_) if self.escaped => self.escaped = false,
                    Some(_) if c == '\\' => self.escaped = true,
                    Some(q) if c == q => self.quote = None,
                    Some(_) => {}
                    None => match c {
                        '"' | '\'' => self.quote = Some(c),
                        '[' | '{' | '(' => {
                            self.depth += 1;
                            if self.depth > 4 * NESTING {
                                return Err(std::fmt::Error);
                            }
                        }
                        ']' | '}' | ')' => self.depth = self.depth.saturating_sub(1),
                        _ => {}
                    },
                }
            }
            Ok(())
        }
    }
    let mut count = Count {
        n: 0,
        limit,
        depth: 0,
        quote: None,
        escaped: false,
    };
    write!(count, "{value}").ok().map(|()| count.n)
}

/// minijinja's own operators, on values already checked.
static PLAIN: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env
});

/// `a <op> b` evaluated by minijinja, its error without the place of the
/// helper expression (the template's is given by the call).
fn plain(expression: &'static str, a: &Value, b: &Value) -> Result<Value, Error> {
    let e = PLAIN.compile_expression(expression)?;
    e.eval(Value::from_iter([("a", a.clone()), ("b", b.clone())]))
        .map_err(|e| match e.detail() {
            Some(d) => Error::new(e.kind(), d.to_owned()),
            None => Error::from(e.kind()),
        })
}

/// An operand a template never set: the same error minijinja gives.
fn defined(v: &Value) -> Result<(), Error> {
    if v.is_undefined() {
        Err(Error::from(ErrorKind::UndefinedError))
    } else {
        Ok(())
    }
}

/// The number of items of a list, a map or an iterable (counted, up to
/// `bound`, when it does not know it).
fn items(v: &Value, bound: usize) -> Option<usize> {
    match v.kind() {
        ValueKind::Seq | ValueKind::Map | ValueKind::Iterable => Some(
            v.len()
                .or_else(|| v.try_iter().ok().map(|it| it.take(bound).count()))
                .unwrap_or(0),
        ),
        _ => None,
    }
}

/// `a ~ b`: checked before it is built.
fn cat(budget: &Budget, a: &Value, b: &Value) -> Result<Value, Error> {
    defined(a)?;
    defined(b)?;
    let size = budget.text_size(a)?.saturating_add(budget.text_size(b)?);
    budget.charge(size)?;
    Ok(Value::from(format!("{a}{b}")))
}

/// `a + b`: two texts or two lists, checked before they are built.
fn add(budget: &Budget, a: &Value, b: &Value) -> Result<Value, Error> {
    if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
        budget.charge(x.len().saturating_add(y.len()))?;
    } else {
        let bound = budget.remaining() / ITEM + 1;
        if let (Some(x), Some(y)) = (items(a, bound), items(b, bound)) {
            budget.charge_items(x.saturating_add(y))?;
            // What is added is kept: a new text in it counts.
            budget.charge_text(b)?;
        }
    }
    kept(budget, plain("a + b", a, b)?, true)
}

/// `a * b`: a text or a list repeated, checked before it is built.
fn mul(budget: &Budget, a: &Value, b: &Value) -> Result<Value, Error> {
    let times = |n: &Value| usize::try_from(n.clone()).ok();
    let bound = budget.remaining() / ITEM + 1;
    let text = a
        .as_str()
        .zip(times(b))
        .or_else(|| b.as_str().zip(times(a)));
    if let Some((s, n)) = text {
        budget.charge(s.len().saturating_mul(n))?;
    } else if let Some((len, n)) = items(a, bound)
        .zip(times(b))
        .or_else(|| items(b, bound).zip(times(a)))
    {
        budget.charge_items(len.saturating_mul(n))?;
    }
    kept(budget, plain("a * b", a, b)?, true)
}

/// The items of a loop whose body writes `per_item` bytes: counted for
/// every item before the loop starts.
fn each(budget: &Budget, iterable: Value, per_item: usize) -> Result<Value, Error> {
    if let Some(bound) = budget.remaining().checked_div(per_item) {
        let bound = bound + 1;
        let count = match iterable.kind() {
            ValueKind::String => iterable.len(),
            _ => items(&iterable, bound),
        };
        // What cannot be iterated is left to the loop to tell.
        if let Some(n) = count {
            budget.charge(n.saturating_mul(per_item))?;
        }
    }
    Ok(iterable)
}

/// The name of an included template, its text counted.
fn include(budget: &Budget, sizes: &Sizes, name: Value) -> Result<Value, Error> {
    let size = match name.as_str() {
        Some(n) => sizes.get(n).copied().unwrap_or(0),
        // A list of names: the first that exists is included.
        None => name
            .try_iter()
            .map(|it| {
                it.filter_map(|n| n.as_str().and_then(|n| sizes.get(n).copied()))
                    .max()
                    .unwrap_or(0)
            })
            .unwrap_or(0),
    };
    budget.charge(size)?;
    Ok(name)
}

/// The bytes each template writes when included.
pub(crate) type Sizes = std::collections::BTreeMap<String, usize>;

/// Adds the guard functions the rewritten templates call.
pub(crate) fn install(env: &mut Environment<'static>, budget: &Arc<Budget>, sizes: &Arc<Sizes>) {
    let b = Arc::clone(budget);
    env.add_function(format!("{PREFIX}cat"), move |x: Value, y: Value| {
        cat(&b, &x, &y)
    });
    let b = Arc::clone(budget);
    env.add_function(format!("{PREFIX}add"), move |x: Value, y: Value| {
        add(&b, &x, &y)
    });
    let b = Arc::clone(budget);
    env.add_function(format!("{PREFIX}mul"), move |x: Value, y: Value| {
        mul(&b, &x, &y)
    });
    let b = Arc::clone(budget);
    env.add_function(format!("{PREFIX}each"), move |it: Value, n: usize| {
        each(&b, it, n)
    });
    let b = Arc::clone(budget);
    let s = Arc::clone(sizes);
    env.add_function(format!("{PREFIX}include"), move |name: Value| {
        include(&b, &s, name)
    });
    let b = Arc::clone(budget);
    env.add_function(format!("{PREFIX}built"), move |v: Value| {
        b.charge_built(&v)?;
        kept(&b, v, false)
    });
    let b = Arc::clone(budget);
    env.add_function(format!("{PREFIX}store"), move |v: Value| {
        b.depth(&v, NESTING, true).map_err(refusal)?;
        Ok::<Value, Error>(v)
    });
    env.add_function(
        format!("{PREFIX}var"),
        |state: &State<'_, '_>, name: &str| state.lookup(name).unwrap_or(Value::UNDEFINED),
    );
    for (name, original) in builtin_filters() {
        let b = Arc::clone(budget);
        env.add_filter(name, move |state: &State<'_, '_>, args: Rest<Value>| {
            filter(&b, name, &original, state, &args)
        });
    }
}

/// A built-in filter, checked: its input and arguments are measured before
/// it turns them to text, what it could multiply is checked before it
/// does, and its result is counted.
fn filter(
    budget: &Budget,
    name: &str,
    original: &Value,
    state: &State<'_, '_>,
    args: &[Value],
) -> Result<Value, Error> {
    let mut input = 0usize;
    for a in args {
        input = input.saturating_add(budget.text_size(a)?);
    }
    let number = |i: usize| args.get(i).and_then(|v| usize::try_from(v.clone()).ok());
    let text = |i: usize| args.get(i).and_then(Value::as_str).map_or(0, str::len);
    let grows = match name {
        // Every line indented by `width`.
        "indent" => {
            let width = number(1)
                .or_else(|| {
                    args.last()
                        .filter(|k| k.is_kwargs())
                        .and_then(|k| k.get_attr("width").ok())
                        .and_then(|w| usize::try_from(w).ok())
                })
                .unwrap_or(4);
            let lines = args
                .first()
                .and_then(Value::as_str)
                .map_or(1, |s| s.lines().count() + 1);
            width.saturating_mul(lines)
        }
        // Every match replaced by `new`; an empty `old` matches between
        // every two characters.
        "replace" => {
            let subject = args.first().and_then(Value::as_str).unwrap_or_default();
            let old = args.get(1).and_then(Value::as_str).unwrap_or_default();
            let matches = if old.is_empty() {
                subject.chars().count() + 1
            } else {
                subject.matches(old).count()
            };
            matches.saturating_mul(text(2))
        }
        // The separator between every two items.
        "join" => {
            let n = args.first().and_then(Value::len).unwrap_or(0);
            n.saturating_mul(text(1))
        }
        // Widths and precisions (`%10s`, `%.3f`) pad every conversion.
        "format" => {
            let pattern = args.first().and_then(Value::as_str).unwrap_or_default();
            let widest = pattern
                .split(|c: char| !c.is_ascii_digit())
                .filter_map(|d| {
                    d.parse::<usize>()
                        .ok()
                        .or((!d.is_empty()).then_some(usize::MAX))
                })
                .max()
                .unwrap_or(0);
            widest.saturating_mul(pattern.matches('%').count())
        }
        // `count` lists (slice) or lists of `count` (batch).
        "batch" | "slice" => number(1).unwrap_or(0).saturating_mul(ITEM),
        _ => 0,
    };
    if grows > 0 {
        budget.allow(input.saturating_add(grows))?;
    }
    let out = original.call(state, args)?;
    budget.charge_built(&out)?;
    kept(budget, out, true)
}

/// minijinja's built-in filters, each to be wrapped by [`filter`].
fn builtin_filters() -> Vec<(&'static str, Value)> {
    use minijinja::filters as f;
    vec![
        ("safe", Value::from_function(f::safe)),
        ("escape", Value::from_function(f::escape)),
        ("e", Value::from_function(f::escape)),
        ("lower", Value::from_function(f::lower)),
        ("upper", Value::from_function(f::upper)),
        ("title", Value::from_function(f::title)),
        ("capitalize", Value::from_function(f::capitalize)),
        ("replace", Value::from_function(f::replace)),
        ("length", Value::from_function(f::length)),
        ("count", Value::from_function(f::length)),
        ("dictsort", Value::from_function(f::dictsort)),
        ("items", Value::from_function(f::items)),
        ("reverse", Value::from_function(f::reverse)),
        ("trim", Value::from_function(f::trim)),
        ("join", Value::from_function(f::join)),
        ("split", Value::from_function(f::split)),
        ("lines", Value::from_function(f::lines)),
        ("default", Value::from_function(f::default)),
        ("d", Value::from_function(f::default)),
        ("round", Value::from_function(f::round)),
        ("abs", Value::from_function(f::abs)),
        ("int", Value::from_function(f::int)),
        ("float", Value::from_function(f::float)),
        ("attr", Value::from_function(f::attr)),
        ("first", Value::from_function(f::first)),
        ("last", Value::from_function(f::last)),
        ("min", Value::from_function(f::min)),
        ("max", Value::from_function(f::max)),
        ("sort", Value::from_function(f::sort)),
        ("list", Value::from_function(f::list)),
        ("string", Value::from_function(f::string)),
        ("bool", Value::from_function(f::bool)),
        ("batch", Value::from_function(f::batch)),
        ("slice", Value::from_function(f::slice)),
        ("sum", Value::from_function(f::sum)),
        ("indent", Value::from_function(f::indent)),
        ("select", Value::from_function(f::select)),
        ("reject", Value::from_function(f::reject)),
        ("selectattr", Value::from_function(f::selectattr)),
        ("rejectattr", Value::from_function(f::rejectattr)),
        ("map", Value::from_function(f::map)),
        ("groupby", Value::from_function(f::groupby)),
        ("unique", Value::from_function(f::unique)),
        ("chain", Value::from_function(f::chain)),
        ("zip", Value::from_function(f::zip)),
        ("pprint", Value::from_function(f::pprint)),
        ("format", Value::from_function(f::format)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_that_holds_itself_is_measured_only_up_to_the_limit() {
        let mut v = Value::from(vec![Value::from("abc")]);
        for _ in 0..60 {
            v = Value::from(vec![v.clone(), v]);
        }
        assert_eq!(text_size(&v, 1000), None);
        assert_eq!(text_size(&Value::from("abc"), 3), Some(3));
        assert_eq!(text_size(&Value::from(12), 3), Some(2));
    }

    #[test]
    fn the_budget_refuses_before_it_counts() {
        let b = Budget::new(10);
        assert!(b.charge(6).is_ok());
        assert!(b.charge(6).is_err());
        assert!(b.exceeded());
        assert_eq!(b.used(), 6);
        assert_eq!(b.remaining(), 4);
    }
}
