//! What can be wrong with a dataset, and where.

use std::borrow::Cow;
use std::fmt;

use super::sanitize::clean;

/// The kind of fault, with a stable short code shown to users (`error[duplicate-id]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A field has the wrong type, is missing, or is not part of the format.
    Structure,
    /// The same key twice in one JSON object.
    DuplicateKey,
    BadDate,
    /// An identifier holding a control or invisible character.
    BadId,
    BadCountryCode,
    UnknownCountry,
    SameCountry,
    BadRelationId,
    DuplicateId,
    EmptyText,
    MissingCitation,
    UnknownSource,
    NegativeAmount,
    /// An amount that is not a whole number, or implausibly large.
    BadAmount,
    MissingDerivation,
    UnexpectedDerivation,
    BadDirection,
    BadCurrency,
    BadYear,
    /// A growth statement whose change cannot be (a fall of more than 100%, a factor of 0 or less).
    BadGrowth,
    /// Two figures for the same year and flow.
    DuplicateFigure,
    MissionDates,
    MissionKind,
    AgreementStatus,
}

impl ProblemKind {
    pub fn code(self) -> &'static str {
        match self {
            ProblemKind::Structure => "structure",
            ProblemKind::DuplicateKey => "duplicate-key",
            ProblemKind::BadDate => "bad-date",
            ProblemKind::BadId => "bad-id",
            ProblemKind::BadCountryCode => "bad-country-code",
            ProblemKind::UnknownCountry => "unknown-country",
            ProblemKind::SameCountry => "same-country",
            ProblemKind::BadRelationId => "bad-relation-id",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::EmptyText => "empty-text",
            ProblemKind::MissingCitation => "missing-citation",
            ProblemKind::UnknownSource => "unknown-source",
            ProblemKind::NegativeAmount => "negative-amount",
            ProblemKind::BadAmount => "bad-amount",
            ProblemKind::MissingDerivation => "missing-derivation",
            ProblemKind::UnexpectedDerivation => "unexpected-derivation",
            ProblemKind::BadDirection => "bad-direction",
            ProblemKind::BadCurrency => "bad-currency",
            ProblemKind::BadYear => "bad-year",
            ProblemKind::BadGrowth => "bad-growth",
            ProblemKind::DuplicateFigure => "duplicate-figure",
            ProblemKind::MissionDates => "mission-dates",
            ProblemKind::MissionKind => "mission-kind",
            ProblemKind::AgreementStatus => "agreement-status",
        }
    }
}

/// One step of a [`JsonPath`]: an object's key or an array's index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(Cow<'static, str>),
    Index(usize),
}

/// Where a value sits in a dataset file, written `$.relations[0].visits[2].date`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct JsonPath(Vec<Step>);

impl JsonPath {
    /// `$`, the whole document.
    pub fn root() -> JsonPath {
        JsonPath(Vec::new())
    }

    pub fn steps(&self) -> &[Step] {
        &self.0
    }

    /// This path followed by an object key.
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> JsonPath {
        self.then(Step::Key(key.into()))
    }

    /// This path followed by an array index.
    pub fn index(&self, i: usize) -> JsonPath {
        self.then(Step::Index(i))
    }

    pub fn then(&self, step: Step) -> JsonPath {
        let mut steps = Vec::with_capacity(self.0.len() + 1);
        steps.extend(self.0.iter().cloned());
        steps.push(step);
        JsonPath(steps)
    }

    /// This path followed by every step of `rest`.
    pub fn join(&self, rest: impl IntoIterator<Item = Step>) -> JsonPath {
        let mut steps = self.0.clone();
        steps.extend(rest);
        JsonPath(steps)
    }

    pub fn starts_with(&self, prefix: &JsonPath) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// `$`, then every longer start of this path, up to the path itself.
    pub fn prefixes(&self) -> impl Iterator<Item = JsonPath> + '_ {
        (0..=self.0.len()).map(|n| JsonPath(self.0[..n].to_vec()))
    }

    /// `$.relations[3].visits`: the list of `kind` in relation `relation`.
    pub fn list(relation: usize, list: &'static str) -> JsonPath {
        let mut p = JsonPath::root().key("relations").index(relation);
        for part in list.split('.') {
            p = p.key(part);
        }
        p
    }

    /// The same place with each index rewritten by `map`, which is given the
    /// path up to (already rewritten) and the index.
    pub fn map_indices(&self, mut map: impl FnMut(&JsonPath, usize) -> usize) -> JsonPath {
        let mut out = JsonPath(Vec::with_capacity(self.0.len()));
        for step in &self.0 {
            let step = match step {
                Step::Index(i) => Step::Index(map(&out, *i)),
                key => key.clone(),
            };
            out.0.push(step);
        }
        out
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("$")?;
        for step in &self.0 {
            match step {
                Step::Key(k) => write!(f, ".{}", clean(k))?,
                Step::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

impl PartialEq<&str> for JsonPath {
    /// Whether the path reads as `other`: `$.relations[0].id`.
    fn eq(&self, other: &&str) -> bool {
        let shown = self.to_string();
        shown.as_str() == *other
    }
}

/// One fault in a dataset: its kind, where it is, and a sentence saying what
/// was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub path: JsonPath,
    /// Cleaned, so it can be printed; cut to [`MAX_WIDTH`] when shown.
    pub message: String,
    /// Another place the message refers to, with the words that lead to it:
    /// shown as "(first used at PATH)".
    pub see: Option<(&'static str, JsonPath)>,
}

impl Problem {
    pub fn new(kind: ProblemKind, path: JsonPath, message: impl Into<String>) -> Problem {
        let message = message.into();
        Problem {
            kind,
            path,
            message: match clean(&message) {
                Cow::Borrowed(_) => message,
                Cow::Owned(cleaned) => cleaned,
            },
            see: None,
        }
    }

    /// The same problem, also pointing at `place`: "(first used at PATH)"
    /// for `words` "first used at".
    pub fn see(mut self, words: &'static str, place: JsonPath) -> Problem {
        self.see = Some((words, place));
        self
    }
}

/// Widest a path or message is shown, in terminal columns.
pub const MAX_WIDTH: usize = 240;

/// Text wider than [`MAX_WIDTH`] keeps its start and its end, which says what
/// was expected, around a "…".
fn shorten(s: &str) -> Cow<'_, str> {
    use unicode_width::UnicodeWidthStr;
    if s.width() <= MAX_WIDTH {
        return Cow::Borrowed(s);
    }
    let head: String = fit(s.chars(), MAX_WIDTH * 2 / 3);
    let tail: String = fit(s.chars().rev(), MAX_WIDTH - MAX_WIDTH * 2 / 3 - 1);
    Cow::Owned(format!("{head}…{}", tail.chars().rev().collect::<String>()))
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
        let message = match &self.see {
            Some((words, place)) => Cow::Owned(format!("{} ({words} {place})", self.message)),
            None => Cow::Borrowed(self.message.as_str()),
        };
        write!(
            f,
            "error[{}] {}: {}",
            self.kind.code(),
            shorten(&self.path.to_string()),
            shorten(&message)
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
            JsonPath::root().key("a"),
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
            JsonPath::root().key("k".repeat(5_000)),
            message,
        );
        let shown = p.to_string();
        let (path, message) = shown
            .trim_start_matches("error[bad-country-code] ")
            .split_once(": ")
            .unwrap();
        assert!(message.width() <= MAX_WIDTH, "{}", message.width());
        assert!(message.width() >= MAX_WIDTH - 2);
        assert!(message.starts_with("\"长长长"));
        assert!(message.ends_with("长\" is not an ISO 3166-1 alpha-3 code"));
        assert_eq!(message.matches('…').count(), 1);
        assert!(path.width() <= MAX_WIDTH && path.starts_with("$.kkk"));
    }

    #[test]
    fn paths_read_as_json_paths_and_keys_are_cleaned() {
        let p = JsonPath::list(2, "trade.figures").index(0).key("amount");
        assert_eq!(p.to_string(), "$.relations[2].trade.figures[0].amount");
        assert_eq!(JsonPath::root().key("x\u{1b}[2J").to_string(), "$.x␛[2J");
        let moved = p.map_indices(|at, i| if at == &"$.relations" { i + 1 } else { i });
        assert_eq!(moved, "$.relations[3].trade.figures[0].amount");
    }

    #[test]
    fn a_message_is_cleaned_and_names_the_first_use() {
        let p = Problem::new(
            ProblemKind::DuplicateId,
            JsonPath::root().key("b"),
            "duplicate id \"a\u{1b}\"",
        )
        .see("first used at", JsonPath::root().key("a"));
        assert_eq!(
            p.to_string(),
            "error[duplicate-id] $.b: duplicate id \"a␛\" (first used at $.a)"
        );
    }
}
