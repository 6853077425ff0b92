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
    pub fn new(kind: ProblemKind, path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            path: path.into(),
            message: message.into(),
        }
    }
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
