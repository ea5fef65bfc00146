//! The few statistics the report needs: quantiles, histograms, correlation.

/// Bins for times on a scene or in a visit, in seconds: the upper edge of each bin
/// (the last is open).
pub const TIME_BINS: [(f64, &str); 8] = [
    (10.0, "< 10 s"),
    (30.0, "10–30 s"),
    (60.0, "30–60 s"),
    (120.0, "1–2 min"),
    (300.0, "2–5 min"),
    (600.0, "5–10 min"),
    (1200.0, "10–20 min"),
    (f64::INFINITY, "≥ 20 min"),
];

/// Weekday names, Monday first (as [`usage_log::time::Date::weekday`] counts).
pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// A distribution of times in seconds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dist {
    /// How many values.
    pub n: usize,
    /// Lower quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Upper quartile.
    pub q3: f64,
    /// Mean.
    pub mean: f64,
    /// Counts per [`TIME_BINS`] bin.
    pub bins: [u64; 8],
}

impl Dist {
    /// The distribution of `values` (seconds). Reorders them.
    pub fn of(values: &mut [f64]) -> Dist {
        let mut bins = [0; 8];
        for &v in values.iter() {
            let i = TIME_BINS
                .iter()
                .position(|(edge, _)| v < *edge)
                .unwrap_or(7);
            bins[i] += 1;
        }
        Dist {
            n: values.len(),
            q1: select_quantile(values, 0.25),
            median: select_quantile(values, 0.5),
            q3: select_quantile(values, 0.75),
            mean: if values.is_empty() {
                0.0
            } else {
                values.iter().sum::<f64>() / values.len() as f64
            },
            bins,
        }
    }
}

/// [`quantile`] without sorting: the two neighbours are found by selection, in linear
/// time (the report takes quantiles of half a million visits, many times over).
pub fn select_quantile(values: &mut [f64], q: f64) -> f64 {
    let n = values.len();
    if n < 2 {
        return values.first().copied().unwrap_or(0.0);
    }
    let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
    let lo = pos.floor() as usize;
    let (_, &mut low, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let frac = pos - lo as f64;
    if frac == 0.0 || above.is_empty() {
        return low;
    }
    let high = above.iter().copied().fold(f64::INFINITY, f64::min);
    low + (high - low) * frac
}

/// The `q` quantile of sorted `values`, interpolating linearly between neighbours (as
/// spreadsheets' `QUANTILE.INC`, R's type 7 and DuckDB's `quantile_cont` do). 0 when empty.
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    match sorted.len() {
        0 => 0.0,
        1 => sorted[0],
        n => {
            let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
            let lo = pos.floor() as usize;
            let hi = pos.ceil() as usize;
            sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
        }
    }
}

/// Pearson correlation of paired values; `None` when either side does not vary or
/// there are fewer than 3 pairs.
pub fn correlation(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len();
    if n < 3 {
        return None;
    }
    let nf = n as f64;
    let (mx, my) = pairs
        .iter()
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    let (mx, my) = (mx / nf, my / nf);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    (sxx > 1e-12 && syy > 1e-12).then(|| sxy / (sxx * syy).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&v, 0.5), 2.5);
        assert_eq!(quantile(&v, 0.25), 1.75);
        assert_eq!(quantile(&v, 0.75), 3.25);
        assert_eq!(quantile(&[7.0], 0.5), 7.0);
        assert_eq!(quantile(&[], 0.5), 0.0);
    }

    #[test]
    fn selection_gives_the_sorted_quantiles() {
        let mut rng = fastrand::Rng::with_seed(7);
        for n in [1, 2, 3, 10, 101, 1000] {
            let values: Vec<f64> = (0..n).map(|_| rng.f64() * 100.0).collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            for q in [0.0, 0.25, 0.5, 0.75, 1.0] {
                let mut v = values.clone();
                assert_eq!(
                    select_quantile(&mut v, q),
                    quantile(&sorted, q),
                    "n {n} q {q}"
                );
            }
        }
    }

    #[test]
    fn distributions_bin_times() {
        let mut v = vec![5.0, 15.0, 45.0, 90.0, 2000.0];
        let d = Dist::of(&mut v);
        assert_eq!(d.n, 5);
        assert_eq!(d.median, 45.0);
        assert_eq!(d.bins, [1, 1, 1, 1, 0, 0, 0, 1]);
    }

    #[test]
    fn correlation_of_known_pairs() {
        let r = correlation(&[(0.0, 0.0), (1.0, 1.0), (0.0, 0.2), (1.0, 0.8)]).unwrap();
        assert!((r - 0.9701).abs() < 1e-3, "{r}");
        assert_eq!(correlation(&[(1.0, 0.0), (1.0, 1.0), (1.0, 0.5)]), None);
    }
}
