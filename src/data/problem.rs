//! What can be wrong with a dataset, and where.

use std::fmt;

/// The kind of fault, with a stable short code shown to users (`error[duplicate-id]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A field has the wrong type, is missing, or is not part of the format.
    Structure,
    BadDate,
    BadCountryCode,
    UnknownCountry,
    SameCountry,
    BadRelationId,
    DuplicateId,
    EmptyText,
    MissingCitation,
    UnknownSource,
    NegativeAmount,
    MissingDerivation,
    UnexpectedDerivation,
    BadDirection,
    BadCurrency,
    BadYear,
    MissionDates,
    MissionKind,
    AgreementStatus,
}

impl ProblemKind {
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::Structure => "structure",
            ProblemKind::BadDate => "bad-date",
            ProblemKind::BadCountryCode => "bad-country-code",
            ProblemKind::UnknownCountry => "unknown-country",
            ProblemKind::SameCountry => "same-country",
            ProblemKind::BadRelationId => "bad-relation-id",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::EmptyText => "empty-text",
            ProblemKind::MissingCitation => "missing-citation",
            ProblemKind::UnknownSource => "unknown-source",
            ProblemKind::NegativeAmount => "negative-amount",
            ProblemKind::MissingDerivation => "missing-derivation",
            ProblemKind::UnexpectedDerivation => "unexpected-derivation",
            ProblemKind::BadDirection => "bad-direction",
            ProblemKind::BadCurrency => "bad-currency",
            ProblemKind::BadYear => "bad-year",
            ProblemKind::MissionDates => "mission-dates",
            ProblemKind::MissionKind => "mission-kind",
            ProblemKind::AgreementStatus => "agreement-status",
        }
    }
}

/// One fault in a dataset: its kind, the JSON path of the offending value
/// (`$.relations[0].visits[2].date`) and a sentence saying what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub path: String,
    pub message: String,
}

impl Problem {
    /// A problem whose path and message are each cut to [`MAX_WIDTH`] columns:
    /// a message quotes the offending value, which may be a 10,000-character word.
    pub fn new(kind: ProblemKind, path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            path: shorten(path.into()),
            message: shorten(message.into()),
        }
    }
}

/// Widest a path or message is shown, in terminal columns.
pub const MAX_WIDTH: usize = 240;

/// Text wider than [`MAX_WIDTH`] keeps its start and its end, which says what
/// was expected, around a "…".
fn shorten(s: String) -> String {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= MAX_WIDTH {
        return s;
    }
    let head: String = fit(s.chars(), MAX_WIDTH * 2 / 3);
    let tail: String = fit(s.chars().rev(), MAX_WIDTH - MAX_WIDTH * 2 / 3 - 1);
    format!("{head}…{}", tail.chars().rev().collect::<String>())
}

/// As many of `chars` as fit in `max` columns.
fn fit(chars: impl Iterator<Item = char>, max: usize) -> String {
    let mut width = 0;
    chars
        .take_while(|&c| {
            width += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            width <= max
        })
        .collect()
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "error[{}] {}: {}",
            self.kind.code(),
            self.path,
            self.message
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn short_text_is_kept_whole() {
        let p = Problem::new(
            ProblemKind::BadYear,
            "$.a",
            "year 12 is not a four-digit year",
        );
        assert_eq!(
            p.to_string(),
            "error[bad-year] $.a: year 12 is not a four-digit year"
        );
    }

    #[test]
    fn a_huge_value_is_cut_in_the_middle() {
        let code = "长".repeat(10_000);
        let message = format!("{code:?} is not an ISO 3166-1 alpha-3 code");
        let p = Problem::new(
            ProblemKind::BadCountryCode,
            format!("$.{}", "k".repeat(5_000)),
            message,
        );
        assert!(p.message.width() <= MAX_WIDTH, "{}", p.message.width());
        assert!(p.message.width() >= MAX_WIDTH - 2);
        assert!(p.message.starts_with("\"长长长"));
        assert!(
            p.message
                .ends_with("长\" is not an ISO 3166-1 alpha-3 code")
        );
        assert_eq!(p.message.matches('…').count(), 1);
        assert!(p.path.width() <= MAX_WIDTH && p.path.starts_with("$.kkk"));
    }
}
