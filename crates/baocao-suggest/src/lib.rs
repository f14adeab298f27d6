//! "Did you mean …?": the closest known word to a misspelt one.
//!
//! Every place where a clerk types a name baocao must recognise (dataset
//! keys and ids, `department.toml` keys, indicator ids in templates) answers
//! a typo with a suggestion, and they all use this one rule, so the same
//! typo gets the same answer everywhere. It depends on nothing.
//!
//! ```
//! assert_eq!(baocao_suggest::closest("nmae", ["id", "name", "kind"]), Some("name"));
//! assert_eq!(baocao_suggest::closest("colour", ["id", "name", "kind"]), None);
//! ```

/// The most work one call of [`closest`] does, over all its candidates:
/// about a millisecond. Work is counted in cells of the edit-distance
/// table filled, with a candidate looked at counting as a few cells and
/// eight bytes compared as one. A typo among a few thousand ids takes a
/// few dozen a candidate; without a cap, a dataset of thousands of long
/// mistyped ids would cost the number of typos × the number of ids ×
/// their length.
pub const MAX_WORK: usize = 1 << 17;

/// The candidate closest to `word`, if it is close enough to be a typo of it.
/// Ties go to the earlier candidate, so suggestions are stable.
///
/// The work is bounded: a candidate whose length differs from the word's
/// by more than the distance allowed is skipped unread; their common
/// start and end are passed over; the distance of the rest is only
/// computed within the distance allowed (a band of the table), and stops
/// as soon as that is passed; once a candidate is found, the next must be
/// strictly closer to replace it. A call does at most [`MAX_WORK`]; one
/// that needs more suggests nothing, as the candidates it did not weigh
/// may hold a closer one.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    Budget::new(MAX_WORK).closest(word, candidates)
}

/// Work shared by many calls of [`closest`]: where one input can ask for a
/// suggestion once for each of its thousands of mistakes, each against
/// thousands of candidates, a budget for all of them keeps the whole
/// linear in the input. Each call still does at most [`MAX_WORK`]; once
/// the budget is spent, calls find nothing.
///
/// ```
/// let mut budget = baocao_suggest::Budget::new(baocao_suggest::MAX_WORK * 4);
/// assert_eq!(budget.closest("nmae", ["id", "name"]), Some("name"));
/// assert!(!budget.is_spent());
/// ```
#[derive(Debug, Clone)]
pub struct Budget {
    left: usize,
}

impl Budget {
    /// A budget of `work`, counted as [`MAX_WORK`] is.
    pub fn new(work: usize) -> Self {
        Budget { left: work }
    }

    /// Whether nothing is left: every call finds nothing from now on.
    pub fn is_spent(&self) -> bool {
        self.left == 0
    }

    /// [`closest`], with the work it does taken from the budget.
    pub fn closest<'c>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'c str>,
    ) -> Option<&'c str> {
        let allowed = self.left.min(MAX_WORK);
        let mut work = Work(allowed);
        let found = closest_within(word, candidates, &mut work);
        self.left -= allowed - work.0;
        found
    }
}

/// What a candidate looked at costs, besides the cells of its table.
const LOOK: usize = 8;

fn closest_within<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    work: &mut Work,
) -> Option<&'c str> {
    let word = Word::new(word.to_lowercase());
    let mut scratch = Vec::new();
    let mut best: Option<(usize, &'c str)> = None;
    for candidate in candidates {
        // No candidate beats an exact match.
        let limit = match best {
            Some((0, _)) => break,
            Some((b, _)) => b - 1,
            None => MAX_ALLOWED,
        };
        if !work.take(1) {
            return None;
        }
        // Short candidates allow less; counted no further than that.
        let short = candidate.chars().take(LONG).count();
        let limit = limit.min(allowed_distance(short));
        // A character is 1 to 4 bytes: whether the lengths in characters
        // can be within the limit, from the length in bytes.
        let (bytes, len) = (candidate.len(), word.chars.len());
        if bytes.saturating_add(limit) < len || bytes > len.saturating_add(limit).saturating_mul(4)
        {
            continue;
        }
        if let Some(d) = bounded_distance(&word, candidate, limit, work, &mut scratch) {
            best = Some((d, candidate));
        }
        if work.spent() {
            // Some candidates were not weighed: the one found may not be
            // the closest, and a wrong suggestion misleads more than none.
            return None;
        }
    }
    best.map(|(_, c)| c)
}

/// The largest distance [`allowed_distance`] ever allows.
const MAX_ALLOWED: usize = 3;
/// The shortest length allowed [`MAX_ALLOWED`].
const LONG: usize = 8;
/// The width of the band of the table for [`MAX_ALLOWED`].
const BAND: usize = 2 * MAX_ALLOWED + 1;

/// Short words need a closer match: "id" and "op" are one letter from many
/// unrelated words.
fn allowed_distance(candidate_len: usize) -> usize {
    match candidate_len {
        0..=3 => 1,
        4..=7 => 2,
        _ => MAX_ALLOWED,
    }
}

/// What is left of a call's work.
struct Work(usize);

impl Work {
    /// Takes `n` from what is left; `false` (and nothing left) when there
    /// is not that much.
    fn take(&mut self, n: usize) -> bool {
        match self.0.checked_sub(n) {
            Some(left) => {
                self.0 = left;
                true
            }
            None => {
                self.0 = 0;
                false
            }
        }
    }

    fn spent(&self) -> bool {
        self.0 == 0
    }
}

/// The word looked for, decoded once for all the candidates.
struct Word {
    text: String,
    chars: Vec<char>,
    /// Where each character starts in `text`.
    starts: Vec<usize>,
}

impl Word {
    fn new(text: String) -> Self {
        let (starts, chars) = text.char_indices().unzip();
        Word {
            text,
            chars,
            starts,
        }
    }

    /// The index of the character that starts at byte `at` (or the length,
    /// at the end).
    fn char_at(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s < at)
    }
}

/// The distance of [`distance`] between `word` and `b` when it is at most
/// `limit`, else `None`; also `None` when it would take more than the
/// work left. `scratch` is room for characters of `b`, reused.
///
/// The common start and end are left out (an edit never needs to touch
/// them), and of the table of the rest only the band of cells within
/// `limit` of its diagonal is filled, row by row, stopping at the first
/// row whose every cell is beyond `limit`: at most (2 × `limit` + 1)
/// cells a character, and the characters of `b` are decoded only as far
/// as the rows filled reach.
fn bounded_distance(
    word: &Word,
    b: &str,
    limit: usize,
    work: &mut Work,
    scratch: &mut Vec<char>,
) -> Option<usize> {
    let (start, end) = common_ends(&word.text, b);
    let b = b.get(start..b.len() - end)?;
    let a = word
        .chars
        .get(word.char_at(start)..word.char_at(word.text.len() - end))?;
    // Comparing and counting bytes costs a fraction of filling a cell.
    let b_len = b.chars().count();
    if !work.take(LOOK + (start + end + b.len()) / 8) || a.len().abs_diff(b_len) > limit {
        return None;
    }
    let mut b_chars = b.chars();
    scratch.clear();
    let far = limit + 1;
    let width = 2 * limit + 1;
    // Row i holds D[i][j] for j = i - limit ..= i + limit, at j - i + limit;
    // cells off the table, or beyond the limit, hold `far`.
    let mut before = [far; BAND];
    let mut previous = [far; BAND];
    for (t, cell) in previous.iter_mut().enumerate().take(width) {
        *cell = t.checked_sub(limit).filter(|j| *j <= b_len).unwrap_or(far);
    }
    let mut current = [far; BAND];
    for i in 1..=a.len() {
        if !work.take(width) {
            return None;
        }
        // The characters of `b` this row reaches.
        let reach = (i + limit).min(b_len);
        scratch.extend(b_chars.by_ref().take(reach.saturating_sub(scratch.len())));
        let ca = a[i - 1];
        let mut row_min = far;
        for t in 0..width {
            // j = i + t - limit, when it is a column of the table.
            let Some(j) = (i + t).checked_sub(limit).filter(|j| *j <= b_len) else {
                current[t] = far;
                continue;
            };
            let d = if j == 0 {
                i
            } else {
                let cb = scratch[j - 1];
                let substitute = previous[t] + usize::from(ca != cb);
                let delete = if t + 1 < width {
                    previous[t + 1] + 1
                } else {
                    far
                };
                let insert = t.checked_sub(1).map_or(far, |s| current[s] + 1);
                let mut d = substitute.min(delete).min(insert);
                if i > 1 && j > 1 && ca != cb && a[i - 2] == cb && scratch[j - 2] == ca {
                    d = d.min(before[t] + 1);
                }
                d
            };
            let d = d.min(far);
            current[t] = d;
            row_min = row_min.min(d);
        }
        // A cell of the next rows is at least its diagonal neighbour in
        // this row (or, by a swap, the one before, which is at most one
        // below that neighbour): past the limit here, past it for good.
        if row_min > limit {
            return None;
        }
        before = previous;
        previous = current;
    }
    // D[len a][len b] is at t = len b - len a + limit.
    let t = (b_len + limit).checked_sub(a.len())?;
    previous.get(t).copied().filter(|d| *d <= limit)
}

/// The lengths in bytes of the start and the end `a` and `b` have in
/// common, cut between characters, the end taken from what the start
/// leaves.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let mut start = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    while !(a.is_char_boundary(start) && b.is_char_boundary(start)) {
        start -= 1;
    }
    let (x, y) = (&x[start..], &y[start..]);
    let mut end = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    while !(a.is_char_boundary(a.len() - end) && b.is_char_boundary(b.len() - end)) {
        end -= 1;
    }
    (start, end)
}

/// Levenshtein distance in characters, counting a swap of two neighbours
/// ("nmae") as one edit, the commonest typo.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two before the current one, for swaps.
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let substitute = previous.get(j).map_or(usize::MAX, |d| d + cost);
            let delete = previous.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insert = current.get(j).map_or(usize::MAX, |d| d + 1);
            let mut d = substitute.min(delete).min(insert);
            let swapped = i > 0
                && j > 0
                && a.get(i - 1) == Some(&cb)
                && b.get(j - 1) == Some(&ca)
                && ca != cb;
            if swapped && let Some(t) = before.get(j - 1) {
                d = d.min(t + 1);
            }
            current.push(d);
        }
        before = std::mem::replace(&mut previous, current);
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly on purpose")]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("name", "name"), 0);
        assert_eq!(distance("nam", "name"), 1);
        assert_eq!(distance("nmae", "name"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("hà", "ha"), 1);
    }

    #[test]
    fn suggestions() {
        let keys = ["id", "name", "name_en", "kind", "unit", "parent", "growth"];
        assert_eq!(closest("nmae", keys), Some("name"));
        assert_eq!(closest("Name", keys), Some("name"));
        assert_eq!(closest("grwoth", keys), Some("growth"));
        assert_eq!(closest("parents", keys), Some("parent"));
        assert_eq!(closest("ip", keys), Some("id"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("x", ["ab"]), None);
        assert_eq!(closest("anything", []), None);
        // department.toml keys, and indicator ids in templates
        assert_eq!(closest("signer", ["signature", "recipients"]), None);
        assert_eq!(
            closest("autority", ["authority", "department"]),
            Some("authority")
        );
        assert_eq!(closest("locle", ["locale", "data"]), Some("locale"));
        assert_eq!(closest("cpii", ["cpi", "iip"]), Some("cpi"));
    }

    /// The rule before bounds: every distance computed in full.
    fn closest_in_full<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
        let word = word.to_lowercase();
        let mut best: Option<(usize, &'c str)> = None;
        for &candidate in candidates {
            let d = distance(&word, candidate);
            if d <= allowed_distance(candidate.chars().count()) && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, candidate));
            }
        }
        best.map(|(_, c)| c)
    }

    /// Every word of up to `n` letters of `alphabet`.
    fn words(alphabet: &[char], n: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..n {
            last = last
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    /// Within its bound, the banded distance is the full one, for every
    /// pair of short words (common starts and ends, swaps, repeats); beyond
    /// it, none.
    #[test]
    fn bounded_distance_is_the_distance_within_its_bound() {
        let mut all = words(&['a', 'b', 'c'], 4);
        all.extend(words(&['a', 'b'], 5).into_iter().filter(|w| w.len() > 4));
        all.extend([
            "hà".to_owned(),
            "ha".to_owned(),
            "àh".to_owned(),
            "hàà".to_owned(),
        ]);
        for a in &all {
            for b in &all {
                let full = distance(a, b);
                for limit in 0..=MAX_ALLOWED {
                    let word = Word::new(a.clone());
                    let mut work = Work(MAX_WORK);
                    let banded = bounded_distance(&word, b, limit, &mut work, &mut Vec::new());
                    let want = (full <= limit).then_some(full);
                    assert_eq!(banded, want, "{a:?} {b:?} within {limit}");
                }
            }
        }
    }

    /// The bounds change no suggestion: the same answer as with every
    /// distance computed in full, for every word against lists of
    /// candidates with ties, exact matches and lengths either side.
    #[test]
    fn bounds_change_no_suggestion() {
        let candidates = [
            "ab", "abc", "abca", "bacb", "cab", "abcab", "abcabc", "abcabcab", "bcabcabc", "a", "",
        ];
        for word in words(&['a', 'b', 'c', 'A'], 3)
            .iter()
            .chain(&words(&['a', 'b', 'c'], 5))
        {
            for n in 0..=candidates.len() {
                let list = &candidates[n..];
                assert_eq!(
                    closest(word, list.iter().copied()),
                    closest_in_full(word, list),
                    "{word:?} among {list:?}"
                );
            }
        }
    }

    /// A long id with a typo in its middle is still found among many long
    /// ids alike but for a few letters, and ids far longer or shorter
    /// than the word cost nothing to pass over.
    #[test]
    fn long_ids_are_still_suggested() {
        let id = |k: usize| format!("{}{k:07}{}", "a".repeat(300), "b".repeat(300));
        let ids: Vec<String> = (0..300).map(id).collect();
        let mut typo = id(234).into_bytes();
        typo[290] = b'x';
        let typo = String::from_utf8(typo).unwrap();
        let found = closest(&typo, ids.iter().map(String::as_str));
        assert_eq!(found, Some(ids[234].as_str()));
        // A word of a million letters against short ids, and the reverse.
        let long = "a".repeat(1_000_000);
        assert_eq!(closest(&long, ["name", "kind"]), None);
        assert_eq!(closest("name", [long.as_str(), "nmae"]), Some("nmae"));
    }

    /// A call stops once its work is spent, and then suggests nothing: a
    /// word against candidates that each cost a full band.
    #[test]
    fn a_call_stops_when_its_cells_are_spent() {
        let word = "ab".repeat(20_000);
        let near = format!("{}x{}", "ab".repeat(10_000), "ab".repeat(10_000));
        // Four letters changed, the first at the start and the last at
        // the end: the whole band is filled before the distance is past 3.
        let mut costly = word.clone().into_bytes();
        for at in [0, 10_000, 20_000, 39_998] {
            costly[at] = b'x';
        }
        let costly = String::from_utf8(costly).unwrap();
        let many = vec![costly.as_str(); 100];
        assert_eq!(
            closest(&word, many.iter().copied().chain([near.as_str()])),
            None
        );
        assert_eq!(closest(&word, [near.as_str()]), Some(near.as_str()));
        // A budget larger than a call still gives a call no more.
        let mut budget = Budget::new(MAX_WORK * 1000);
        let list = many.iter().copied().chain([near.as_str()]);
        assert_eq!(budget.closest(&word, list), None);
    }

    /// Calls that share a budget find what a call alone finds until it is
    /// spent, then nothing.
    #[test]
    fn a_shared_budget_runs_out() {
        let ids: Vec<String> = (0..500).map(|k| format!("indicator_{k:04}")).collect();
        let ids = || ids.iter().map(String::as_str);
        let mut budget = Budget::new(MAX_WORK * 3);
        let mut found = 0;
        for k in 0..500 {
            let typo = format!("indicatro_{k:04}");
            match budget.closest(&typo, ids()) {
                Some(id) => {
                    assert_eq!(id, format!("indicator_{k:04}"));
                    assert_eq!(closest(&typo, ids()), Some(id));
                    found += 1;
                }
                None => assert!(budget.is_spent(), "{typo}"),
            }
        }
        assert!(budget.is_spent());
        assert!((1..500).contains(&found), "{found}");
    }
}
