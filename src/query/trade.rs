//! Trade series: the yearly two-way figures of a relation, and scale choices.

use crate::data::{Qualifier, Relation, TradeFigure, short_money};

/// Two-way figures of a relation, in the dataset's order.
fn two_way_figures(rel: &Relation) -> impl Iterator<Item = &TradeFigure> {
    rel.trade
        .iter()
        .flat_map(|t| t.figures.iter())
        .filter(|f| f.is_two_way())
}

/// Two-way figures of a relation by year, oldest first. A year with several
/// figures keeps them all (e.g. a stated and a derived one).
pub fn two_way(rel: &Relation) -> Vec<&TradeFigure> {
    let mut v: Vec<&TradeFigure> = two_way_figures(rel).collect();
    v.sort_by_key(|f| f.year);
    v
}

/// Every figure of a relation, oldest first: the trade chart lays its year
/// axis by them, so that a year with only one-direction figures has a slot.
pub fn axis(rel: &Relation) -> Vec<&TradeFigure> {
    let mut v: Vec<&TradeFigure> = rel.trade.iter().flat_map(|t| t.figures.iter()).collect();
    v.sort_by_key(|f| f.year);
    v
}

/// Whether a relation has one-direction figures: the chart then draws each
/// country's exports to the other beside the two-way bars.
pub fn has_one_way(rel: &Relation) -> bool {
    rel.trade
        .iter()
        .flat_map(|t| t.figures.iter())
        .any(|f| !f.is_two_way())
}

/// The two-way figure drawn for `year`: a stated one before a derived one.
pub fn two_way_in(rel: &Relation, year: i32) -> Option<&TradeFigure> {
    two_way_figures(rel)
        .filter(|f| f.year == year)
        .min_by_key(|f| f.amount.qualifier == Qualifier::Derived)
}

/// The figure drawn for the flow `from` → `to` in `year`. Where both
/// countries report the flow (mirror statistics), the exporter's own figure
/// is drawn, then the importer's, then one that names no reporter.
pub fn one_way_in<'a>(
    rel: &'a Relation,
    year: i32,
    from: &str,
    to: &str,
) -> Option<&'a TradeFigure> {
    rel.trade
        .iter()
        .flat_map(|t| t.figures.iter())
        .filter(|f| {
            f.year == year && f.from.as_deref() == Some(from) && f.to.as_deref() == Some(to)
        })
        .min_by_key(|f| match f.reporter.as_deref() {
            Some(r) if r == from => 0,
            Some(_) => 1,
            None => 2,
        })
}

/// The most recent two-way figure; a stated figure wins over a derived one of the same year.
pub fn latest(rel: &Relation) -> Option<&TradeFigure> {
    two_way_figures(rel).max_by_key(|f| {
        (
            f.year,
            f.amount.qualifier != crate::data::Qualifier::Derived,
        )
    })
}

/// Whether the largest positive value is more than `ratio` times the smallest:
/// the point at which a linear chart hides the small bars.
pub fn spans_more_than(values: impl IntoIterator<Item = f64>, ratio: f64) -> bool {
    let (mut lo, mut hi) = (f64::INFINITY, 0.0f64);
    for v in values.into_iter().filter(|v| *v > 0.0 && v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    lo.is_finite() && hi / lo > ratio
}

/// The mark a figure's label carries: ≈ approximate, > lower bound, * derived.
pub fn marker(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exact => "",
        Qualifier::Approximate => "≈",
        Qualifier::AtLeast => ">",
        Qualifier::Derived => "*",
    }
}

/// A bar label: "187M", ">300M", "≈15.0B", "11.8B*".
pub fn bar_label(f: &TradeFigure) -> String {
    let v = short_money(f.amount.value);
    match f.amount.qualifier {
        Qualifier::Derived => format!("{v}*"),
        q => format!("{}{v}", marker(q)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::data::Amount;

    /// A two-way figure of `year`, for the chart and label tests.
    pub(crate) fn fig(year: i32, value: f64, qualifier: Qualifier) -> TradeFigure {
        TradeFigure {
            id: format!("f{year}").into(),
            year,
            from: None,
            to: None,
            reporter: None,
            amount: Amount {
                value,
                qualifier,
                derivation: None,
            },
            note: "".into(),
            sources: Default::default(),
        }
    }

    #[test]
    fn labels_carry_the_qualifier() {
        assert_eq!(bar_label(&fig(2006, 300e6, Qualifier::AtLeast)), ">300M");
        assert_eq!(
            bar_label(&fig(2024, 15e9, Qualifier::Approximate)),
            "≈15.0B"
        );
        assert_eq!(bar_label(&fig(2023, 11.76e9, Qualifier::Derived)), "11.8B*");
        assert_eq!(bar_label(&fig(2004, 187e6, Qualifier::Exact)), "187M");
    }

    #[test]
    fn ratio_decides_the_scale() {
        assert!(spans_more_than([187e6, 15e9], 20.0));
        assert!(!spans_more_than([187e6, 300e6], 20.0));
        assert!(!spans_more_than([], 20.0));
        assert!(!spans_more_than([0.0, 5.0], 20.0));
    }
}
