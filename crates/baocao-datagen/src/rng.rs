//! SplitMix64: the whole source of randomness.
//!
//! Written out here rather than taken from a crate so that the generated
//! files depend only on the seed: no crate upgrade, platform or clock can
//! change a byte of them.

/// The SplitMix64 generator (Steele, Lea and Flood, 2014), as in
/// `java.util.SplittableRandom` and the reference C code.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator started at `seed`.
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// A generator for one purpose (a department, a year, its targets…),
    /// derived from the seed and the labels only. Each stream is independent
    /// of how many draws the others made, so adding a department or a year
    /// leaves every other one's figures as they were.
    pub(crate) fn stream(seed: u64, labels: &[u64]) -> Self {
        let mut rng = SplitMix64::new(seed);
        for &label in labels {
            rng = SplitMix64::new(rng.next_u64() ^ label);
        }
        rng
    }

    /// The next 64 random bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`; `lo <= hi`. Multiply-shift rather than `%`:
    /// the same cost, and no bias worth naming for spans this small.
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi, "an empty range {lo}..={hi}");
        let span = u128::from(hi.abs_diff(lo)) + 1;
        let offset = (u128::from(self.next_u64()) * span) >> 64;
        // offset < span <= 2^64, and lo + offset <= hi fits in i64.
        lo.wrapping_add(offset as i64)
    }

    /// One of `items`, which is not empty.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let last = items.len().saturating_sub(1);
        let n = self.range(0, last as i64);
        &items[usize::try_from(n).expect("range stays inside 0..=last")]
    }

    /// `items` in a random order (Fisher–Yates).
    pub(crate) fn shuffled<T: Clone>(&mut self, items: &[T]) -> Vec<T> {
        let mut out = items.to_vec();
        for i in (1..out.len()).rev() {
            let j = self.range(0, i as i64);
            out.swap(i, usize::try_from(j).expect("range stays inside 0..=i"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_sequence() {
        // The first outputs of the reference C implementation for seed 0.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        assert_eq!(rng.next_u64(), 0x06C4_5D18_8009_454F);
    }

    #[test]
    fn ranges_stay_inside_and_reach_both_ends() {
        let mut rng = SplitMix64::new(7);
        let draws: Vec<i64> = (0..1000).map(|_| rng.range(-3, 3)).collect();
        assert!(draws.iter().all(|d| (-3..=3).contains(d)));
        assert!(draws.contains(&-3) && draws.contains(&3));
        assert_eq!(rng.range(5, 5), 5);
        let full: Vec<i64> = (0..8).map(|_| rng.range(i64::MIN, i64::MAX)).collect();
        assert!(full.windows(2).any(|w| w[0] != w[1]));
    }

    #[test]
    fn streams_differ_by_label_and_repeat_by_label() {
        let a = SplitMix64::stream(1, &[2, 3]).next_u64();
        assert_eq!(a, SplitMix64::stream(1, &[2, 3]).next_u64());
        assert_ne!(a, SplitMix64::stream(1, &[3, 2]).next_u64());
        assert_ne!(a, SplitMix64::stream(2, &[2, 3]).next_u64());
    }
}
