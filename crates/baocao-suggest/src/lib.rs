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

/// The candidate closest to `word`, if it is close enough to be a typo of it.
/// Ties go to the earlier candidate, so suggestions are stable.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let word = word.to_lowercase();
    let mut best: Option<(usize, &'c str)> = None;
    for candidate in candidates {
        let d = distance(&word, candidate);
        if d <= allowed_distance(candidate) && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Short words need a closer match: "id" and "op" are one letter from many
/// unrelated words.
fn allowed_distance(candidate: &str) -> usize {
    match candidate.chars().count() {
        0..=3 => 1,
        4..=7 => 2,
        _ => 3,
    }
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
}
