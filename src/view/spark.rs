//! Sparklines as text: one cell per year, absent years shown as gaps.

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Drawn for a year with no figure, so gaps are visible rather than squeezed out.
pub const GAP: char = '·';

/// A sparkline of yearly values from the first year to the last, one cell per
/// year (or per group of years when there are more years than cells, taking the
/// largest), with [`GAP`] for years without a figure. `log` maps values on a
/// logarithmic scale, so millions and billions both show.
pub fn spark(series: &[(i32, f64)], width: usize, log: bool) -> String {
    let points = valid(series);
    let (Some(first), Some(last)) = (
        points.iter().map(|p| p.0).min(),
        points.iter().map(|p| p.0).max(),
    ) else {
        return String::new();
    };
    let (lo, hi) = range(&points);
    spark_on(&points, (first, last), width, (lo, hi), log)
}

fn valid(series: &[(i32, f64)]) -> Vec<(i32, f64)> {
    series
        .iter()
        .copied()
        .filter(|(_, v)| v.is_finite() && *v >= 0.0)
        .collect()
}

/// The smallest and largest value of a series.
pub fn range(series: &[(i32, f64)]) -> (f64, f64) {
    series
        .iter()
        .fold((f64::MAX, 0.0f64), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)))
}

/// A sparkline on a given axis and value range, so several series can share
/// one scale. Years of the axis outside the series' own first–last years are
/// blank; absent years inside it are [`GAP`].
pub fn spark_on(
    series: &[(i32, f64)],
    (first, last): (i32, i32),
    width: usize,
    (lo, hi): (f64, f64),
    log: bool,
) -> String {
    let points = valid(series);
    if width == 0 || last < first {
        return String::new();
    }
    let own = (
        points.iter().map(|p| p.0).min().unwrap_or(i32::MAX),
        points.iter().map(|p| p.0).max().unwrap_or(i32::MIN),
    );
    let years = (last - first + 1) as usize;
    let cells = years.min(width);
    let per = years.div_ceil(cells);
    let scale = |v: f64| if log { v.max(1.0).ln() } else { v };
    let (slo, shi) = if log {
        (scale(lo), scale(hi))
    } else {
        (0.0, hi)
    };
    (0..years.div_ceil(per))
        .map(|c| {
            let y0 = first + (c * per) as i32;
            let y1 = y0 + per as i32 - 1;
            let v = points
                .iter()
                .filter(|(y, _)| (y0..=y1).contains(y))
                .map(|p| scale(p.1))
                .fold(None, |acc: Option<f64>, v| {
                    Some(acc.map_or(v, |a| a.max(v)))
                });
            match v {
                None if y1 < own.0 || y0 > own.1 => ' ',
                None => GAP,
                Some(v) => {
                    let span = shi - slo;
                    let t = if span <= 0.0 { 1.0 } else { (v - slo) / span };
                    let i = (t.clamp(0.0, 1.0) * (LEVELS.len() - 1) as f64).round() as usize;
                    LEVELS[i.min(LEVELS.len() - 1)]
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_for_missing_years() {
        let s = spark(
            &[(2004, 187e6), (2005, 227e6), (2006, 300e6), (2024, 15e9)],
            40,
            true,
        );
        assert_eq!(s.chars().count(), 21);
        assert_eq!(s.chars().filter(|c| *c == GAP).count(), 17);
        assert_eq!(s.chars().last(), Some('█'));
        assert_eq!(s.chars().next(), Some('▁'));
    }

    #[test]
    fn one_year_is_one_full_cell() {
        assert_eq!(spark(&[(2023, 372.4e6)], 10, false), "█");
    }

    #[test]
    fn shared_axis_leaves_uncovered_years_blank() {
        let s = spark_on(&[(2023, 372.4e6)], (2004, 2024), 40, (187e6, 15e9), true);
        assert_eq!(s.chars().count(), 21);
        assert_eq!(s.chars().filter(|c| *c == ' ').count(), 20);
        assert_ne!(
            s.chars().nth(19),
            Some('█'),
            "a small value on a shared scale is not full height"
        );
    }

    #[test]
    fn many_years_are_grouped_to_fit() {
        let series: Vec<(i32, f64)> = (1900..2000).map(|y| (y, f64::from(y - 1899))).collect();
        let s = spark(&series, 10, false);
        assert_eq!(s.chars().count(), 10);
        assert_eq!(spark(&series, 0, false), "");
        assert_eq!(spark(&[], 10, false), "");
    }
}
