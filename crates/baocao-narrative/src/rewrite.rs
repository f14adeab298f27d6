//! A template's text with every place that builds text made to ask first.
//!
//! minijinja counts the steps a template takes (its fuel), but not the size
//! of what it builds: `{% set s = s ~ s %}` in a loop of forty doubles a
//! text past a terabyte in forty steps, and `~`, `+` and `*` call nothing a
//! host can hook. So before a template is compiled, its text is rewritten
//! from minijinja's own syntax tree into the same template where
//!
//! - `a ~ b`, `a + b` and `a * b` are `__baocao_cat(a, b)`,
//!   `__baocao_add(a, b)` and `__baocao_mul(a, b)`, which check the size
//!   of the result before building it;
//! - a call (a macro, `caller()`, `super()`, a method), a list and a map
//!   are `__baocao_built(…)`, which counts what was built;
//! - the iterable of a loop whose body writes text is
//!   `__baocao_each(items, n)`, which counts the `n` bytes the body writes
//!   for every item before the loop starts (and so `loop(…)` of a recursive
//!   loop);
//! - the name of an include is `__baocao_include(name)`, which counts the
//!   text of the template included.
//!
//! Everything else a template writes goes through the formatter or a
//! filter, which count it too (`limits.rs`). The rewrite only inserts text
//! (and turns the operator into a comma), never a line: an error's place in
//! the rewritten text is taken back to the template as the clerk wrote it
//! with an [`OffsetMap`].

use std::collections::BTreeMap;

use minijinja::machinery::{self, ast};

/// The guard functions the rewrite calls, and what a template must not
/// be offered as a name it meant.
pub(crate) const PREFIX: &str = "__baocao_";

/// A template rewritten.
#[derive(Debug, Clone)]
pub(crate) struct Rewrite {
    /// The text to compile.
    pub(crate) text: String,
    /// From offsets of `text` back to the template's.
    pub(crate) map: OffsetMap,
    /// The bytes of text the template writes itself, outside its loops and
    /// macros: what an include of it adds.
    pub(crate) raw: usize,
    /// The template it extends, when named in quotes.
    pub(crate) extends: Option<String>,
}

/// Why a template that parses could not be rewritten: a bug of baocao,
/// never of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unrewritable {
    /// Where in the template.
    pub(crate) at: usize,
}

/// Where text was inserted: offsets in the rewritten text back to the
/// template's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    /// (offset in the template, bytes inserted there), in order.
    inserted: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// The offset in the template of `at`, an offset of the rewritten
    /// text; inserted text maps to where it was inserted.
    pub(crate) fn original(&self, at: usize) -> usize {
        let mut shift = 0;
        for &(place, len) in &self.inserted {
            let start = place + shift;
            if at < start {
                break;
            }
            if at < start + len {
                return place;
            }
            shift += len;
        }
        at.saturating_sub(shift)
    }
}

/// The settings templates are compiled with (see `template::base`): the
/// whitespace they leave decides the text a loop writes.
fn whitespace() -> machinery::WhitespaceConfig {
    machinery::WhitespaceConfig {
        keep_trailing_newline: true,
        lstrip_blocks: true,
        trim_blocks: true,
    }
}

/// The template rewritten; `Ok(None)` when it does not parse (minijinja
/// then tells why, on the text as written).
pub(crate) fn rewrite(source: &str) -> Result<Option<Rewrite>, Unrewritable> {
    let Ok(tree) = machinery::parse(source, "<template>", Default::default(), whitespace()) else {
        return Ok(None);
    };
    let mut walker = Walker {
        source,
        edits: Vec::new(),
        depth: 0,
        recursive: None,
        extends: None,
        failed: None,
    };
    walker.stmt(&tree);
    if let Some(at) = walker.failed {
        return Err(Unrewritable { at });
    }
    let raw = raw_of(std::slice::from_ref(&tree));
    let extends = walker.extends.take();
    let (text, map) = apply(source, walker.edits).ok_or(Unrewritable { at: 0 })?;
    Ok(Some(Rewrite {
        text,
        map,
        raw,
        extends,
    }))
}

/// The bytes an include of each template writes at most: its own text and
/// that of the templates it extends.
pub(crate) fn include_sizes(rewrites: &BTreeMap<String, Rewrite>) -> BTreeMap<String, usize> {
    rewrites
        .keys()
        .map(|name| {
            let mut total = 0usize;
            let mut seen = Vec::new();
            let mut at = Some(name.as_str());
            while let Some(n) = at {
                if seen.contains(&n) {
                    break;
                }
                seen.push(n);
                let Some(r) = rewrites.get(n) else { break };
                total = total.saturating_add(r.raw);
                at = r.extends.as_deref();
            }
            (name.clone(), total)
        })
        .collect()
}

/// One change of the text: `insert` at `at`, replacing `replace` bytes.
#[derive(Debug)]
struct Edit {
    at: usize,
    /// At one offset: closings (innermost first), then openings
    /// (outermost first), then a replaced operator or name.
    rank: (u8, i64),
    insert: String,
    replace: usize,
}

/// The text with the edits made, and its map back; `None` when two edits
/// overlap (a bug of the walker, never of the template).
fn apply(source: &str, mut edits: Vec<Edit>) -> Option<(String, OffsetMap)> {
    edits.sort_by_key(|e| (e.at, e.rank));
    let mut text = String::with_capacity(source.len() + edits.len() * 16);
    let mut map = OffsetMap::default();
    let mut cursor = 0;
    for e in edits {
        text.push_str(source.get(cursor..e.at)?);
        text.push_str(&e.insert);
        // A replaced operator keeps its length: only insertions shift.
        let grown = e.insert.len().saturating_sub(e.replace);
        if grown > 0 {
            match map.inserted.last_mut() {
                Some((place, len)) if *place == e.at => *len += grown,
                _ => map.inserted.push((e.at, grown)),
            }
        }
        cursor = e.at + e.replace;
    }
    text.push_str(source.get(cursor..)?);
    Some((text, map))
}

struct Walker<'s> {
    source: &'s str,
    edits: Vec<Edit>,
    /// How deep the current wrapping is, to nest edits at one offset.
    depth: i64,
    /// The text a recursive loop's body writes, while in it.
    recursive: Option<usize>,
    extends: Option<String>,
    /// Where an expression could not be delimited.
    failed: Option<usize>,
}

impl Walker<'_> {
    /// Wraps the text `start..end` in `open` … `close`; `open` starts with a
    /// space, so that it never runs into a word before it
    /// (`{% include"a.jinja" %}`).
    fn wrap(&mut self, (start, end): (usize, usize), open: String, close: String) {
        self.edits.push(Edit {
            at: start,
            rank: (2, self.depth),
            insert: open,
            replace: 0,
        });
        self.edits.push(Edit {
            at: end,
            rank: (0, -self.depth),
            insert: close,
            replace: 0,
        });
    }

    /// The text of `e` as written, parentheses included: from the start
    /// of its leftmost part to its end, widened to the parentheses that a
    /// part of it opens or closes.
    fn extent(&mut self, e: &ast::Expr<'_>) -> Option<(usize, usize)> {
        let mut start = full_start(e).min(self.source.len());
        let mut end = (e.span().end_offset as usize).clamp(start, self.source.len());
        loop {
            let (open, close) = parens(self.source.get(start..end)?);
            if close > 0 {
                let before = self.source.get(..start)?.trim_end();
                if !before.ends_with('(') {
                    break;
                }
                start = before.len() - 1;
            } else if open > 0 {
                let after = self.source.get(end..)?;
                let rest = after.trim_start();
                if !rest.starts_with(')') {
                    break;
                }
                end += after.len() - rest.len() + 1;
            } else {
                return Some((start, end));
            }
        }
        if self.failed.is_none() {
            self.failed = Some(start);
        }
        None
    }

    fn stmts(&mut self, list: &[ast::Stmt<'_>]) {
        for s in list {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &ast::Stmt<'_>) {
        match s {
            ast::Stmt::Template(t) => self.stmts(&t.children),
            ast::Stmt::EmitExpr(e) => self.expr(&e.expr),
            ast::Stmt::EmitRaw(_) => {}
            ast::Stmt::ForLoop(f) => self.for_loop(f),
            ast::Stmt::IfCond(i) => {
                self.expr(&i.expr);
                self.stmts(&i.true_body);
                self.stmts(&i.false_body);
            }
            ast::Stmt::WithBlock(w) => {
                for (_, value) in &w.assignments {
                    self.expr(value);
                }
                self.stmts(&w.body);
            }
            ast::Stmt::Set(set) => self.set(set),
            ast::Stmt::SetBlock(set) => {
                if let Some(f) = &set.filter {
                    self.expr(f);
                }
                self.stmts(&set.body);
            }
            ast::Stmt::AutoEscape(a) => {
                self.expr(&a.enabled);
                self.stmts(&a.body);
            }
            ast::Stmt::FilterBlock(f) => {
                self.expr(&f.filter);
                self.stmts(&f.body);
            }
            ast::Stmt::Block(b) => self.stmts(&b.body),
            ast::Stmt::Import(i) => self.expr(&i.expr),
            ast::Stmt::FromImport(i) => self.expr(&i.expr),
            ast::Stmt::Extends(x) => {
                if let ast::Expr::Const(c) = &x.name {
                    self.extends = c.value.as_str().map(str::to_owned);
                }
                self.expr(&x.name);
            }
            ast::Stmt::Include(i) => {
                if let Some(place) = self.extent(&i.name) {
                    self.wrap(place, format!(" {PREFIX}include("), ")".to_owned());
                }
                self.depth += 1;
                self.expr(&i.name);
                self.depth -= 1;
            }
            ast::Stmt::Macro(m) => self.macro_decl(m),
            ast::Stmt::CallBlock(c) => {
                // `{% call m() %}` must stay a call: its arguments are
                // rewritten, the call itself is counted when it is written.
                self.expr(&c.call.expr);
                self.args(&c.call.args);
                self.macro_decl(&c.macro_decl);
            }
            ast::Stmt::Do(d) => {
                self.expr(&d.call.expr);
                self.args(&d.call.args);
            }
        }
    }

    /// `{% set x = … %}`; into a namespace (`{% set ns.x = … %}`), the value
    /// is checked by `__baocao_store((…))` first: a namespace is the one
    /// thing a template changes, so what it holds could lead back to it.
    fn set(&mut self, set: &ast::Set<'_>) {
        let into_namespace = match &set.target {
            ast::Expr::GetAttr(_) => true,
            ast::Expr::List(l) => l.items.iter().any(|i| matches!(i, ast::Expr::GetAttr(_))),
            _ => false,
        };
        if into_namespace {
            let target_end = set.target.span().end_offset as usize;
            let value = self
                .source
                .get(target_end..)
                .and_then(|rest| rest.find('='))
                .map(|i| {
                    let after = target_end + i + 1;
                    let rest = &self.source[after..];
                    after + rest.len() - rest.trim_start().len()
                });
            match (value, self.extent(&set.expr)) {
                (Some(start), Some((_, end))) if start <= end => {
                    self.wrap((start, end), format!(" {PREFIX}store(("), "))".to_owned())
                }
                _ => {
                    if self.failed.is_none() {
                        self.failed = Some(target_end);
                    }
                }
            }
        }
        self.depth += 1;
        self.expr(&set.expr);
        self.depth -= 1;
    }

    fn macro_decl(&mut self, m: &ast::Macro<'_>) {
        for d in &m.defaults {
            self.expr(d);
        }
        let outer = self.recursive.take();
        self.stmts(&m.body);
        self.recursive = outer;
    }

    fn for_loop(&mut self, f: &ast::ForLoop<'_>) {
        let per_item = raw_of(&f.body);
        if per_item > 0
            && let Some(place) = self.extent(&f.iter)
        {
            self.wrap(place, format!(" {PREFIX}each("), format!(", {per_item})"));
        }
        self.depth += 1;
        self.expr(&f.iter);
        self.depth -= 1;
        if let Some(filter) = &f.filter_expr {
            self.expr(filter);
        }
        let outer = self.recursive;
        if f.recursive {
            self.recursive = Some(per_item);
        }
        self.stmts(&f.body);
        self.recursive = outer;
        self.stmts(&f.else_body);
    }

    fn args(&mut self, args: &[ast::CallArg<'_>]) {
        for a in args {
            match a {
                ast::CallArg::Pos(e)
                | ast::CallArg::Kwarg(_, e)
                | ast::CallArg::PosSplat(e)
                | ast::CallArg::KwargSplat(e) => self.expr(e),
            }
        }
    }

    fn expr(&mut self, e: &ast::Expr<'_>) {
        match e {
            // A name spelt `not` is a variable only where minijinja reads
            // an operand (`"a" ~ not`); as an argument of a guard it would
            // be the operator. It is looked up by name instead.
            ast::Expr::Var(v) if v.id == "not" => {
                let span = v.span();
                self.edits.push(Edit {
                    at: span.start_offset as usize,
                    rank: (3, 0),
                    insert: format!(" {PREFIX}var(\"not\")"),
                    replace: (span.end_offset - span.start_offset) as usize,
                });
            }
            ast::Expr::Var(_) | ast::Expr::Const(_) => {}
            ast::Expr::Slice(s) => {
                self.expr(&s.expr);
                for part in [&s.start, &s.stop, &s.step].into_iter().flatten() {
                    self.expr(part);
                }
            }
            ast::Expr::UnaryOp(u) => self.expr(&u.expr),
            ast::Expr::BinOp(b) => self.bin_op(e, b),
            ast::Expr::Compare(c) => {
                self.expr(&c.expr);
                for op in &c.ops {
                    self.expr(&op.expr);
                }
            }
            ast::Expr::IfExpr(i) => {
                self.expr(&i.test_expr);
                self.expr(&i.true_expr);
                if let Some(f) = &i.false_expr {
                    self.expr(f);
                }
            }
            ast::Expr::Filter(f) => {
                if let Some(inner) = &f.expr {
                    self.expr(inner);
                }
                self.args(&f.args);
            }
            ast::Expr::Test(t) => {
                self.expr(&t.expr);
                self.args(&t.args);
            }
            ast::Expr::GetAttr(g) => self.expr(&g.expr),
            ast::Expr::GetItem(g) => {
                self.expr(&g.expr);
                self.expr(&g.subscript_expr);
            }
            ast::Expr::Call(c) => self.call(e, c),
            ast::Expr::List(l) => {
                self.built(e);
                self.depth += 1;
                for item in &l.items {
                    self.expr(item);
                }
                self.depth -= 1;
            }
            ast::Expr::Map(m) => {
                self.built(e);
                self.depth += 1;
                for (k, v) in m.keys.iter().zip(&m.values) {
                    self.expr(k);
                    self.expr(v);
                }
                self.depth -= 1;
            }
        }
    }

    /// Wraps `e` in `__baocao_built(…)`; a list written without brackets
    /// (`{% set x = a, b %}`) is left as it is: it holds what the template
    /// wrote, and minijinja does not keep where it starts.
    fn built(&mut self, e: &ast::Expr<'_>) {
        if let Some(place) = self.extent(e) {
            let bracketed = self.source[place.0..].starts_with(['[', '(', '{']);
            if matches!(e, ast::Expr::List(_)) && !bracketed {
                return;
            }
            self.wrap(place, format!(" {PREFIX}built("), ")".to_owned());
        }
    }

    fn call(&mut self, e: &ast::Expr<'_>, c: &ast::Call<'_>) {
        self.built(e);
        self.depth += 1;
        self.expr(&c.expr);
        // `loop(children)` of a recursive loop runs its body again for
        // every child: counted like the loop's own items.
        if let (Some(per_item), ast::Expr::Var(v), [ast::CallArg::Pos(items)]) =
            (self.recursive, &c.expr, c.args.as_slice())
            && v.id == "loop"
            && per_item > 0
            && let Some(place) = self.extent(items)
        {
            self.wrap(place, format!(" {PREFIX}each("), format!(", {per_item})"));
        }
        self.depth += 1;
        self.args(&c.args);
        self.depth -= 2;
    }

    fn bin_op(&mut self, e: &ast::Expr<'_>, b: &ast::BinOp<'_>) {
        let (name, op) = match b.op {
            ast::BinOpKind::Concat => ("cat", '~'),
            ast::BinOpKind::Add => ("add", '+'),
            ast::BinOpKind::Mul => ("mul", '*'),
            _ => {
                self.expr(&b.left);
                self.expr(&b.right);
                return;
            }
        };
        // The operator is the first of its sign after the left operand:
        // between the two there are only spaces and parentheses.
        let left_end = b.left.span().end_offset as usize;
        let operator = self
            .source
            .get(left_end..)
            .and_then(|rest| rest.find(op))
            .map(|i| left_end + i);
        match (self.extent(e), operator) {
            (Some(place), Some(at)) => {
                self.wrap(place, format!(" {PREFIX}{name}("), ")".to_owned());
                self.edits.push(Edit {
                    at,
                    rank: (3, 0),
                    insert: ",".to_owned(),
                    replace: 1,
                });
            }
            _ => {
                if self.failed.is_none() {
                    self.failed = Some(left_end);
                }
            }
        }
        self.depth += 1;
        self.expr(&b.left);
        self.expr(&b.right);
        self.depth -= 1;
    }
}

/// Where the text of `e` starts: the start of its leftmost part (the
/// spans minijinja keeps for a filter, a test, an attribute or a call
/// start at the filter's name or the dot, and those of a comparison one
/// token early).
fn full_start(e: &ast::Expr<'_>) -> usize {
    let own = e.span().start_offset as usize;
    match e {
        ast::Expr::Var(_) | ast::Expr::Const(_) | ast::Expr::List(_) | ast::Expr::Map(_) => own,
        ast::Expr::Slice(s) => full_start(&s.expr),
        ast::Expr::GetAttr(g) => full_start(&g.expr),
        ast::Expr::GetItem(g) => full_start(&g.expr),
        ast::Expr::Call(c) => full_start(&c.expr),
        ast::Expr::Filter(f) => f.expr.as_ref().map_or(own, full_start),
        ast::Expr::Test(t) => full_start(&t.expr),
        ast::Expr::UnaryOp(u) => own.min(full_start(&u.expr)),
        ast::Expr::BinOp(b) => full_start(&b.left),
        ast::Expr::Compare(c) => full_start(&c.expr),
        ast::Expr::IfExpr(i) => full_start(&i.true_expr),
    }
}

/// The parentheses `text` leaves open and those it closes without having
/// opened them, outside quoted strings.
fn parens(text: &str) -> (usize, usize) {
    let (mut open, mut close) = (0usize, 0usize);
    let mut quote = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == '\\' {
                    chars.next();
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '"' | '\'' => quote = Some(c),
                '(' => open += 1,
                ')' if open > 0 => open -= 1,
                ')' => close += 1,
                _ => {}
            },
        }
    }
    (open, close)
}

/// The bytes of text `body` writes itself, once: its raw text and that of
/// its conditional parts, not that of loops (which count their own) or
/// macros (counted when called).
pub(crate) fn raw_of(body: &[ast::Stmt<'_>]) -> usize {
    body.iter()
        .map(|s| match s {
            ast::Stmt::Template(t) => raw_of(&t.children),
            ast::Stmt::EmitRaw(r) => r.raw.len(),
            ast::Stmt::IfCond(i) => raw_of(&i.true_body).saturating_add(raw_of(&i.false_body)),
            ast::Stmt::WithBlock(w) => raw_of(&w.body),
            ast::Stmt::SetBlock(s) => raw_of(&s.body),
            ast::Stmt::AutoEscape(a) => raw_of(&a.body),
            ast::Stmt::FilterBlock(f) => raw_of(&f.body),
            ast::Stmt::Block(b) => raw_of(&b.body),
            // A loop's own items are counted by the loop; what it writes
            // when it has none, here.
            ast::Stmt::ForLoop(f) => raw_of(&f.else_body),
            _ => 0,
        })
        .fold(0, usize::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewritten(source: &str) -> String {
        rewrite(source).expect("rewritable").expect("parses").text
    }

    #[test]
    fn operators_become_guarded_calls() {
        let cases = [
            ("{{ a ~ b }}", "{{  __baocao_cat(a , b) }}"),
            (
                "{{ a ~ b ~ c }}",
                "{{  __baocao_cat( __baocao_cat(a , b) , c) }}",
            ),
            (
                "{{ a + b * c }}",
                "{{  __baocao_add(a ,  __baocao_mul(b , c)) }}",
            ),
            ("{{ (a)|upper~b }}", "{{  __baocao_cat((a)|upper,b) }}"),
            (
                "{{ (a ~ b).upper() }}",
                "{{  __baocao_built(( __baocao_cat(a , b)).upper()) }}",
            ),
            ("{{ \"(\" ~ x }}", "{{  __baocao_cat(\"(\" , x) }}"),
            ("{{ a - b / c }}", "{{ a - b / c }}"),
            (
                "{{ m(x ~ \"~\") }}",
                "{{  __baocao_built(m( __baocao_cat(x , \"~\"))) }}",
            ),
            (
                "{{ data.grdp.top(3) }}",
                "{{  __baocao_built(data.grdp.top(3)) }}",
            ),
            ("{{ [a, b] }}", "{{  __baocao_built([a, b]) }}"),
            (
                "{% set x = {\"k\": a ~ b} %}",
                "{% set x =  __baocao_built({\"k\":  __baocao_cat(a , b)}) %}",
            ),
            (
                "{% for i in range(3) %}ab{% endfor %}",
                "{% for i in  __baocao_each( __baocao_built(range(3)), 2) %}ab{% endfor %}",
            ),
            (
                "{% for i in (items) if i %}{{ i }}{% endfor %}",
                "{% for i in (items) if i %}{{ i }}{% endfor %}",
            ),
            (
                "{% for i in (items)|sort %}x{% endfor %}",
                "{% for i in  __baocao_each((items)|sort, 1) %}x{% endfor %}",
            ),
            (
                "{% include\"a.jinja\" %}",
                "{% include __baocao_include(\"a.jinja\") %}",
            ),
            (
                "{% include \"a.jinja\" %}",
                "{% include  __baocao_include(\"a.jinja\") %}",
            ),
            (
                "{{ \"-M\"~ not in period.key }}",
                "{{  __baocao_cat(\"-M\",  __baocao_var(\"not\")) in period.key }}",
            ),
            (
                "{% set x = a, b ~ c, d %}",
                "{% set x = a,  __baocao_cat(b , c), d %}",
            ),
            (
                "{{ x ~ not(y) }}",
                "{{  __baocao_cat(x ,  __baocao_built( __baocao_var(\"not\")(y))) }}",
            ),
            (
                "{% set ns.x = a ~ b %}",
                "{% set ns.x =  __baocao_store(( __baocao_cat(a , b))) %}",
            ),
            (
                "{% set ns.x = a, (b) %}",
                "{% set ns.x =  __baocao_store((a,  __baocao_built((b)))) %}",
            ),
            (
                "{% set ns.x = (b) %}",
                "{% set ns.x =  __baocao_store(((b))) %}",
            ),
            (
                "{% set x = (a, b) %}",
                "{% set x =  __baocao_built((a, b)) %}",
            ),
            (
                "{% if a == b ~ c %}{% endif %}",
                "{% if a ==  __baocao_cat(b , c) %}{% endif %}",
            ),
        ];
        for (source, want) in cases {
            assert_eq!(rewritten(source), want, "{source}");
        }
    }

    #[test]
    fn offsets_map_back_to_the_template() {
        let source = "{{ a ~ b }} {{ c }}";
        let r = rewrite(source).unwrap().unwrap();
        let c = r.text.find("{{ c").unwrap();
        assert_eq!(r.map.original(c), source.find("{{ c").unwrap());
        // Inside an insertion: where it was inserted.
        let call = r.text.find("__baocao").unwrap();
        assert_eq!(r.map.original(call + 3), 3);
        assert_eq!(r.map.original(0), 0);
    }

    #[test]
    fn a_template_that_does_not_parse_is_left_to_minijinja() {
        assert!(rewrite("{% if %}").unwrap().is_none());
    }

    #[test]
    fn raw_text_is_counted_once_outside_loops() {
        let r = rewrite("ab{% if x %}cd{% endif %}{% for i in y %}ef{% endfor %}{% macro m() %}gh{% endmacro %}").unwrap().unwrap();
        assert_eq!(r.raw, 4);
    }
}
