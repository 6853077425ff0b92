//! Amounts of money with the qualifier their source gives them.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How a figure is stated by its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Stated as a plain figure: "USD 187 million".
    Exact,
    /// Stated as an approximation: "approximately US$15 billion".
    Approximate,
    /// Stated as a lower bound: "over 300 million".
    AtLeast,
    /// Not stated but computed by us from stated figures; carries its derivation.
    Derived,
}

impl Qualifier {
    /// A one-word name for tables and read-outs.
    pub fn label(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approximate => "approximate",
            Qualifier::AtLeast => "lower bound",
            Qualifier::Derived => "derived",
        }
    }

    /// A sentence saying what kind of figure this is.
    pub fn explain(self) -> &'static str {
        match self {
            Qualifier::Exact => "stated as an exact figure",
            Qualifier::Approximate => "stated as an approximate figure",
            Qualifier::AtLeast => "stated as a lower bound: the true figure is higher",
            Qualifier::Derived => "not stated by a source: computed from stated figures",
        }
    }
}

/// How a derived amount was computed, in words and in arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Derivation {
    /// What the figure was computed from, in words.
    pub from: String,
    /// The computation itself, e.g. "15 ÷ 1.275 ≈ 11.76".
    pub arithmetic: String,
}

/// A sum of money in whole units of a currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// In units of the currency (not millions): 187000000 for US$187 million.
    #[serde(serialize_with = "whole_if_whole")]
    pub value: f64,
    pub qualifier: Qualifier,
    /// Required when the qualifier is `derived`, absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub derivation: Option<Derivation>,
}

/// A whole amount written as a whole number (`187000000`, as a person
/// writes it), not `187000000.0`; anything else as the number it is.
fn whole_if_whole<S: serde::Serializer>(value: &f64, s: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() <= MAX_AMOUNT {
        // Exact: every whole number up to 10^18 fits an i64.
        s.serialize_i64(*value as i64)
    } else {
        s.serialize_f64(*value)
    }
}

/// The largest amount a figure may state, in units of its currency: 10^18.
/// Far above any trade between two countries, even in a currency worth a
/// hundred-thousandth of a dollar, so only a slip of the keyboard reaches it.
pub const MAX_AMOUNT: f64 = 1e18;

/// The prefix written before a figure in a currency: "US$" for USD.
pub fn currency_symbol(code: &str) -> String {
    match code {
        "USD" => "US$".to_string(),
        "EUR" => "€".to_string(),
        "GBP" => "£".to_string(),
        "JPY" => "¥".to_string(),
        "MXN" => "MX$".to_string(),
        other => format!("{other} "),
    }
}

const SCALES: [(f64, &str, &str); 4] = [
    (1e12, "trillion", "T"),
    (1e9, "billion", "B"),
    (1e6, "million", "M"),
    (1e3, "thousand", "K"),
];

/// Rounds to one decimal and drops a trailing ".0": 187, 372.4, 11.8.
fn one_decimal(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Splits a value into a number under 1000 (at one decimal) and its scale,
/// carrying into the next scale when rounding reaches 1000 (999.96 million is 1 billion).
fn scaled(value: f64) -> (f64, usize) {
    let v = value.abs();
    let mut idx = SCALES.iter().position(|(unit, _, _)| v >= *unit);
    if let Some(i) = idx {
        let r = (v / SCALES[i].0 * 10.0).round() / 10.0;
        if r >= 1000.0 && i > 0 {
            idx = Some(i - 1);
        }
    } else if (v * 10.0).round() / 10.0 >= 1000.0 {
        idx = Some(SCALES.len() - 1);
    }
    match idx {
        Some(i) => (v / SCALES[i].0, i),
        None => (v, SCALES.len()),
    }
}

/// A figure in words-and-digits: "US$187 million", "US$15 billion", "US$950".
pub fn format_money(value: f64, currency: &str) -> String {
    let sign = if value < 0.0 { "-" } else { "" };
    let symbol = currency_symbol(currency);
    let (n, i) = scaled(value);
    match SCALES.get(i) {
        // Thousands read better as digits: US$950,000.
        Some((_, "thousand", _)) | None => {
            format!("{sign}{symbol}{}", group_thousands(value.abs().round()))
        }
        Some((_, word, _)) => format!("{sign}{symbol}{} {word}", one_decimal(n)),
    }
}

/// The whole number nearest |v|, its digits grouped by thousands: 1,234,567.
pub fn group_thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A figure in chart units, three characters of precision at most:
/// "950", "187M", "15.0B", "1.0B" (999.96 million rounds up to the next unit).
pub fn short_money(value: f64) -> String {
    let v = value.abs();
    let sign = if value < 0.0 { "-" } else { "" };
    let digits = |x: f64| if x >= 99.95 { 0 } else { 1 };
    let mut i = SCALES.iter().position(|(unit, _, _)| v >= *unit);
    if let Some(k) = i {
        let x = v / SCALES[k].0;
        let shown: f64 = format!("{x:.*}", digits(x)).parse().unwrap_or(x);
        if shown >= 1000.0 && k > 0 {
            i = Some(k - 1);
        }
    } else if v >= 999.5 {
        i = Some(SCALES.len() - 1);
    }
    match i {
        Some(k) => {
            let x = v / SCALES[k].0;
            format!("{sign}{x:.*}{}", digits(x), SCALES[k].2)
        }
        None => format!("{sign}{v:.0}"),
    }
}

impl Amount {
    /// The figure as a reader should see it, qualifier included:
    /// "US$187 million", "over US$300 million", "≈ US$15 billion",
    /// "≈ US$11.8 billion (derived)".
    pub fn display(&self, currency: &str) -> String {
        let money = format_money(self.value, currency);
        match self.qualifier {
            Qualifier::Exact => money,
            Qualifier::Approximate => format!("≈ {money}"),
            Qualifier::AtLeast => format!("over {money}"),
            Qualifier::Derived => format!("≈ {money} (derived)"),
        }
    }

    /// As [`Amount::display`], with a derived figure's derivation spelled out:
    /// "≈ US$11.8 billion (derived from …: 15 ÷ 1.275 ≈ 11.76)".
    pub fn display_full(&self, currency: &str) -> String {
        match (&self.qualifier, &self.derivation) {
            (Qualifier::Derived, Some(d)) => format!(
                "≈ {} (derived from {}: {})",
                format_money(self.value, currency),
                d.from,
                d.arithmetic
            ),
            _ => self.display(currency),
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(group_thousands(0.0), "0");
        assert_eq!(group_thousands(142.0), "142");
        assert_eq!(group_thousands(999.0), "999");
        assert_eq!(group_thousands(1000.0), "1,000");
        assert_eq!(group_thousands(1234.0), "1,234");
        assert_eq!(group_thousands(1234567.0), "1,234,567");
        assert_eq!(group_thousands(-1234.0), "1,234");
    }

    fn amount(value: f64, qualifier: Qualifier) -> Amount {
        Amount {
            value,
            qualifier,
            derivation: None,
        }
    }

    #[test]
    fn displays_each_qualifier() {
        assert_eq!(
            amount(187e6, Qualifier::Exact).display("USD"),
            "US$187 million"
        );
        assert_eq!(
            amount(300e6, Qualifier::AtLeast).display("USD"),
            "over US$300 million"
        );
        assert_eq!(
            amount(15e9, Qualifier::Approximate).display("USD"),
            "≈ US$15 billion"
        );
        assert_eq!(
            amount(11.76e9, Qualifier::Derived).display("USD"),
            "≈ US$11.8 billion (derived)"
        );
    }

    #[test]
    fn derived_spells_out_its_derivation() {
        let a = Amount {
            value: 11.76e9,
            qualifier: Qualifier::Derived,
            derivation: Some(Derivation {
                from: "≈ US$15 billion in 2024, up 27.5% on 2023".into(),
                arithmetic: "15 ÷ 1.275 ≈ 11.76".into(),
            }),
        };
        assert_eq!(
            a.display_full("USD"),
            "≈ US$11.8 billion (derived from ≈ US$15 billion in 2024, up 27.5% on 2023: 15 ÷ 1.275 ≈ 11.76)"
        );
    }

    #[test]
    fn decimals_only_when_they_say_something() {
        assert_eq!(format_money(372.4e6, "USD"), "US$372.4 million");
        assert_eq!(format_money(227e6, "USD"), "US$227 million");
        assert_eq!(format_money(1e9, "USD"), "US$1 billion");
        assert_eq!(format_money(1.04e9, "USD"), "US$1 billion");
        assert_eq!(format_money(1.05e9, "USD"), "US$1.1 billion");
    }

    #[test]
    fn rounding_carries_into_the_next_scale() {
        assert_eq!(format_money(999.96e6, "USD"), "US$1 billion");
        assert_eq!(format_money(999.94e6, "USD"), "US$999.9 million");
        assert_eq!(format_money(999_999.6, "USD"), "US$1 million");
        assert_eq!(
            format_money(999_999_999_999_999.0, "USD"),
            "US$1000 trillion"
        );
    }

    #[test]
    fn small_and_zero_values_are_digits() {
        assert_eq!(format_money(0.0, "USD"), "US$0");
        assert_eq!(format_money(950.0, "USD"), "US$950");
        assert_eq!(format_money(950_000.0, "USD"), "US$950,000");
        assert_eq!(format_money(1_000.0, "USD"), "US$1,000");
    }

    #[test]
    fn short_units_at_their_boundaries() {
        assert_eq!(short_money(187e6), "187M");
        assert_eq!(short_money(15e9), "15.0B");
        assert_eq!(short_money(11.76e9), "11.8B");
        assert_eq!(short_money(372.4e6), "372M");
        assert_eq!(short_money(999.9e6), "1.0B");
        assert_eq!(short_money(99.96e6), "100M");
        assert_eq!(short_money(0.0), "0");
        assert_eq!(short_money(999.0), "999");
        assert_eq!(short_money(999.6), "1.0K");
        assert_eq!(short_money(2.5e15), "2500T");
    }

    #[test]
    fn other_currencies() {
        assert_eq!(format_money(2e6, "EUR"), "€2 million");
        assert_eq!(format_money(2e6, "PKR"), "PKR 2 million");
    }
}
