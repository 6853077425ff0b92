//! What a record is found by: its headline first, then its dates and amounts
//! as displayed, its kind, every other piece of its text, and its relation's
//! id and two countries by name.

use std::borrow::Cow;

use smallvec::SmallVec;

use crate::data::date::MONTHS;
use crate::data::{
    Dataset, Date, Mission, MissionKind, MissionStatus, Precision, Qualifier, push_relation_name,
};
use crate::query::{Kind, Record, RecordRef};

use super::fold::{SEPARATOR_CHARS, SEPARATOR_SHOWN};

/// How much a match in a field says about a record: a match in its headline
/// or its own date says most, one in a person, place, title, other date or
/// tag a lot, one deep in a detail paragraph or in the relation's name
/// least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weight {
    Headline = 0,
    Name = 1,
    Detail = 2,
    /// The relation's two countries by name ("Mexico ⇄ Vietnam"), which
    /// every record of it holds: ranked as a detail, and not read for how
    /// close a query's words are (they would be side by side in every
    /// record that "vietnam mexico" finds).
    Relation = 3,
}

impl Weight {
    /// The weight stored in two bits (see the index's postings).
    pub(crate) fn from_bits(bits: u32) -> Weight {
        match bits & 3 {
            0 => Weight::Headline,
            1 => Weight::Name,
            2 => Weight::Detail,
            _ => Weight::Relation,
        }
    }

    /// What a match here adds to a record's rank: 2 headline, 1 name, 0
    /// detail or relation.
    pub(crate) fn rank(self) -> u8 {
        match self {
            Weight::Headline => 2,
            Weight::Name => 1,
            Weight::Detail | Weight::Relation => 0,
        }
    }
}

/// The searchable text of one record, field by field.
///
/// The headline comes first so that match positions below its length are
/// positions in [`Record::headline`], the line a list shows.
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    pub relation: &'a str,
    /// The relation's two countries by name (see [`Fields::for_each`]).
    pub countries: [&'a str; 2],
    pub kind: Kind,
    /// The date the record sorts by ([`Record::date`]).
    pub date: Option<Date>,
    /// [`Record::headline`]: for a trade figure it holds the amount as
    /// displayed ("≈ US$15 billion"), for a visit the office and the visitor.
    pub headline: Cow<'a, str>,
    /// Every date of the record (a mission's opening, closing and reopening,
    /// a growth statement's two years), each with the word that says what
    /// happened then where the record's own date does not ("closed").
    pub dates: SmallVec<[(Date, Option<&'static str>); 2]>,
    /// The record's other texts, leaving out those the headline already
    /// holds (see [`Fields::of`]).
    pub rest: SmallVec<[OtherText<'a>; 6]>,
}

/// One of a record's other texts.
#[derive(Debug, Clone)]
pub struct OtherText<'a> {
    pub text: Cow<'a, str>,
    pub weight: Weight,
    /// Whether many records share this very text (a status, a currency,
    /// whose visitor it is): an index reads such a text's words once.
    pub shared: bool,
}

/// What a pass over a record's fields leaves out.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Leave {
    /// The dates as displayed and as written.
    pub dates: bool,
    /// The relation's id and names, the last fields (see [`relation_fields`]).
    pub relation: bool,
}

/// Calls `f` with the fields of relation `id` between countries `a` and
/// `b`, the last fields of each of its records: its id ("MEX-VNM"), then
/// its countries by name, as a question names them ("Vietnam trade 2004",
/// "Mexico-Pakistan", "Pakistan–Mexico"). Every record is about both,
/// though most do not write them; the least a match can say. Both orders,
/// as the relation is written.
pub(crate) fn relation_fields(
    id: &str,
    countries: [&str; 2],
    scratch: &mut String,
    mut f: impl FnMut(&str, Weight),
) {
    relation_pieces(id, countries, |piece, weight| {
        f(piece.text(scratch), weight)
    });
}

/// [`relation_fields`], the names not yet written out.
fn relation_pieces<'s>(id: &'s str, [a, b]: [&'s str; 2], mut f: impl FnMut(Piece<'s>, Weight)) {
    f(Piece::Text(id), Weight::Name);
    for (x, y) in [(a, b), (b, a)] {
        f(Piece::Names(x, y), Weight::Relation);
    }
}

/// A field as [`Fields::for_each_piece`] gives it: its text, or what to
/// write it from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Piece<'s> {
    Text(&'s str),
    Date(DateField),
    /// The relation's name, these two countries first and second.
    Names(&'s str, &'s str),
}

impl<'s> Piece<'s> {
    /// The field's text, written in `scratch` if need be.
    pub(crate) fn text<'b>(self, scratch: &'b mut String) -> &'b str
    where
        's: 'b,
    {
        scratch.clear();
        match self {
            Piece::Text(t) => return t,
            Piece::Date(d) => d.write(scratch),
            Piece::Names(x, y) => push_relation_name(scratch, x, y),
        }
        scratch
    }
}

/// A date field: after the word saying what happened then ("closed"), the
/// date as displayed ("19 May 1975") or, with `iso`, as written
/// ("1975-05-19").
#[derive(Debug, Clone, Copy)]
pub(crate) struct DateField {
    pub date: Date,
    pub label: Option<&'static str>,
    pub iso: bool,
}

/// A word of a [`DateField`], by what it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateWord {
    Label(&'static str),
    /// A month's name, by its number from 0 ([`MONTHS`]).
    Month(usize),
    /// A number in decimal, zero-padded to `width` digits.
    Number {
        value: u32,
        width: u8,
    },
}

impl DateField {
    /// Appends the field's text to `out`.
    pub(crate) fn write(self, out: &mut String) {
        if let Some(l) = self.label {
            out.push_str(l);
            out.push(' ');
        }
        if self.iso {
            self.date.push_iso(out);
        } else {
            self.date.push_long(out);
        }
    }

    /// Calls `f(start, word)` for each word of the field's text, as
    /// [`for_each_word`](super::words::for_each_word) splits it, without
    /// writing the text: an index reads millions of dates. Returns the
    /// text's length in characters.
    pub(crate) fn for_each_word(self, mut f: impl FnMut(usize, DateWord)) -> usize {
        let mut at = 0;
        if let Some(l) = self.label {
            f(0, DateWord::Label(l));
            at = l.chars().count() + 1;
        }
        let (year, month, day) = (self.date.year(), self.date.month(), self.date.day());
        if self.iso {
            number(&mut f, &mut at, year, 4);
            for part in [month, day].into_iter().flatten() {
                at += 1;
                number(&mut f, &mut at, i32::from(part), 2);
            }
        } else {
            if let (Some(d), Some(_)) = (day, month) {
                number(&mut f, &mut at, i32::from(d), 1);
                at += 1;
            }
            if let Some(m) = month {
                let name = usize::from(m).saturating_sub(1);
                f(at, DateWord::Month(name));
                at += MONTHS.get(name).map_or(0, |n| n.len()) + 1;
            }
            number(&mut f, &mut at, year, 1);
        }
        at
    }
}

impl DateWord {
    /// Calls `f` with the word's text (a number written on the stack).
    pub(crate) fn with_text<R>(self, f: impl FnOnce(&str) -> R) -> R {
        match self {
            DateWord::Label(l) => f(l),
            DateWord::Month(m) => f(MONTHS.get(m).copied().unwrap_or("")),
            DateWord::Number { value, width } => {
                let mut buf = [b'0'; 12];
                let len = digits(value).max(usize::from(width).max(1)).min(buf.len());
                let mut v = value;
                for b in buf[..len].iter_mut().rev() {
                    *b = b'0' + (v % 10) as u8;
                    v /= 10;
                }
                f(std::str::from_utf8(&buf[..len]).unwrap_or(""))
            }
        }
    }
}

/// Calls `f` with number `n` at character `at`, written as the date's
/// `push_number` writes it (a sign, then digits padded to the width less
/// the sign's place; the sign is not part of the word), and moves `at`
/// past it.
fn number(f: &mut impl FnMut(usize, DateWord), at: &mut usize, n: i32, width: u8) {
    let width = if n < 0 {
        *at += 1;
        width.saturating_sub(1)
    } else {
        width
    };
    let value = n.unsigned_abs();
    f(*at, DateWord::Number { value, width });
    *at += digits(value).max(usize::from(width).max(1));
}

/// How many decimal digits `n` takes (1 for 0).
fn digits(n: u32) -> usize {
    n.checked_ilog10().map_or(1, |l| l as usize + 1)
}

/// Whether `needle` occurs in `hay`. For the short texts compared here,
/// looking for the needle's first byte and comparing from there costs less
/// than setting up a substring searcher; byte for byte, a match of UTF-8 in
/// UTF-8 is a match of characters.
fn holds(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    memchr::memchr_iter(first, &hay[..=last_start]).any(|i| hay[i + 1..].starts_with(rest))
}

/// Whether `t` is empty or only white space; most texts start with a
/// letter, which settles it at once.
fn is_blank(t: &str) -> bool {
    match t.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii_alphanumeric() => false,
        Some(_) => t.trim().is_empty(),
    }
}

/// The pieces, one after the other, in a string of their length.
fn joined(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    pieces.iter().for_each(|p| out.push_str(p));
    out
}

impl<'a> Fields<'a> {
    /// The fields of a record, or `None` if the reference points nowhere.
    pub fn of(ds: &'a Dataset, r: &RecordRef) -> Option<Fields<'a>> {
        Fields::make(ds, r, true)
    }

    /// The fields of a record with every text kept, those the headline
    /// holds too: cheaper to make, for a pass that only asks whether some
    /// word is there (a one-off search choosing which records to index).
    pub(crate) fn all_of(ds: &'a Dataset, r: &RecordRef) -> Option<Fields<'a>> {
        Fields::make(ds, r, false)
    }

    fn make(ds: &'a Dataset, r: &RecordRef, dedup: bool) -> Option<Fields<'a>> {
        use Weight::{Detail, Name};
        const OWN: bool = false;
        const SHARED: bool = true;
        let (rel, rec) = r.resolve(ds)?;
        let headline = rec.headline_text(ds, rel);
        let mut dates: SmallVec<[(Date, Option<&'static str>); 2]> =
            rec.date().into_iter().map(|d| (d, None)).collect();
        // A visit's visitor and office, a product list's items and a fact's
        // text are already in the headline: indexing them twice would cost
        // memory and show the same match twice. (A text longer than the
        // headline is not looked for: setting up the search costs its length.)
        let mut rest: SmallVec<[OtherText<'a>; 6]> = SmallVec::new();
        let mut add = |t: &'a str, weight: Weight, shared: bool| {
            let in_headline = dedup && t.len() <= headline.len() && holds(&headline, t);
            if !in_headline && !is_blank(t) {
                rest.push(OtherText {
                    text: Cow::Borrowed(t),
                    weight,
                    shared,
                });
            }
        };
        match rec {
            Record::Event(e) => {
                for t in &e.tags {
                    add(t, Name, OWN);
                }
                add(&e.detail, Detail, OWN);
            }
            // The headline is the office, the visitor and where to: those
            // two are in it by construction.
            Record::Visit(v) => {
                if let Some(p) = &v.purpose {
                    add(p, Name, OWN);
                }
                add(&v.detail, Detail, OWN);
            }
            Record::Agreement(a) => {
                add(&a.area, Name, OWN);
                add(a.status.label(), Name, SHARED);
                add(&a.detail, Detail, OWN);
            }
            Record::Trade(f) => {
                // The currency's code: a figure shown as "US$187 million" is
                // found by "USD 187" as a source writes it.
                add(rel.currency(), Name, SHARED);
                add(f.amount.qualifier.label(), Name, SHARED);
                if let (Qualifier::Derived, Some(d)) = (f.amount.qualifier, &f.amount.derivation) {
                    add(&d.from, Detail, OWN);
                }
                add(&f.note, Detail, OWN);
            }
            // The headline holds every product already; looking for each in
            // it would take time growing with the square of their number.
            Record::Products(_) => {}
            Record::Growth(g) => {
                if let Some(y) = g.from_year {
                    dates.insert(0, (Date::year_only(y), None));
                }
                add(&g.text, Detail, OWN);
            }
            Record::Mission(m) => {
                // "Closed 2009" as the Missions tab reads it: a question
                // about when an embassy closed puts the two words together.
                let closed = m.closed.map(|d| (d, Some("closed")));
                dates.extend(
                    closed
                        .into_iter()
                        .chain(m.reopened.map(|d| (d, Some("reopened")))),
                );
                if let Some(c) = &m.city {
                    add(c, Name, OWN);
                }
                add(status_of(m), Name, SHARED);
                add(&m.note, Detail, OWN);
            }
            Record::Fact(f) => {
                add(&f.text, Detail, OWN);
                if let Some(p) = &f.attributed_to {
                    add(&p.name, Name, OWN);
                    if let Some(r) = &p.role {
                        add(r, Name, OWN);
                    }
                }
            }
        }
        // The same goods seen from the other side: "Mexico imports", as a
        // source may put it, finds what Vietnam exports to Mexico.
        if let Record::Products(p) = rec {
            let (to, from) = (ds.country_name(&p.to), ds.country_name(&p.from));
            rest.push(OtherText {
                text: Cow::Owned(joined(&[to, " imports from ", from])),
                weight: Name,
                shared: SHARED,
            });
        }
        // Whose visitor it is, as the Visits tab's direction says: "visits
        // from Pakistan", "the Mexican undersecretary".
        if let Record::Visit(v) = rec {
            rest.push(OtherText {
                text: Cow::Owned(joined(&["from ", ds.country_name(&v.from)])),
                weight: Name,
                shared: SHARED,
            });
        }
        let [a, b] = &rel.countries;
        Some(Fields {
            relation: rel.id.as_str(),
            countries: [ds.country_name(a), ds.country_name(b)],
            kind: rec.kind(),
            date: rec.date(),
            headline,
            dates,
            rest,
        })
    }

    /// Calls `f` with each field and its weight in index order: headline,
    /// each date as displayed ("September 1979") and as written
    /// ("1979-09"), kind, the rest, the relation's id, its two countries by
    /// name in either order. `scratch` is reused for the dates and names.
    pub fn for_each(&self, scratch: &mut String, mut f: impl FnMut(&str, Weight)) {
        self.for_each_but(scratch, Leave::default(), |t, w, _| f(t, w));
    }

    /// As [`Fields::for_each`], leaving out what `leave` says, and telling
    /// `f` whether many records share the field's very text (a month, the
    /// relation's id: see [`OtherText::shared`]).
    pub(crate) fn for_each_but(
        &self,
        scratch: &mut String,
        leave: Leave,
        mut f: impl FnMut(&str, Weight, bool),
    ) {
        self.for_each_piece(leave, |piece, weight, shared| {
            f(piece.text(scratch), weight, shared);
        });
    }

    /// As [`Fields::for_each_but`], with the fields that are written out
    /// from something else (dates, the relation's names) given as that.
    pub(crate) fn for_each_piece(&self, leave: Leave, mut f: impl FnMut(Piece<'_>, Weight, bool)) {
        f(Piece::Text(&self.headline), Weight::Headline, false);
        let dates = if leave.dates {
            &[][..]
        } else {
            &self.dates[..]
        };
        for &(date, label) in dates {
            // The record's own date is shown beside its headline, in every
            // list: "1975" finds what happened in 1975 as it would a
            // headline's word.
            let weight = if label.is_none() && Some(date) == self.date {
                Weight::Headline
            } else {
                Weight::Name
            };
            // A year is one word, and a day is seldom shared by many
            // records; a month often is.
            let shared = date.precision() == Precision::Month;
            let field = |iso| Piece::Date(DateField { date, label, iso });
            f(field(false), weight, shared);
            if date.precision() != Precision::Year {
                f(field(true), weight, shared);
            }
        }
        // The record's kind is shown beside its headline too (the Kind
        // column, the tab it sits on): "Musharraf visit" is the visit.
        f(Piece::Text(self.kind.label()), Weight::Headline, false);
        for t in &self.rest {
            f(Piece::Text(&t.text), t.weight, t.shared);
        }
        if !leave.relation {
            relation_pieces(self.relation, self.countries, |p, w| f(p, w, true));
        }
    }

    /// The fields joined by " · ": the text match positions index into.
    pub fn haystack(&self) -> String {
        let mut out = String::new();
        let mut scratch = String::new();
        let mut first = true;
        self.for_each(&mut scratch, |s, _| {
            if !first {
                out.push_str(SEPARATOR_SHOWN);
            }
            first = false;
            out.push_str(s);
        });
        out
    }

    /// The record as one line, "date relation kind text", with the same words
    /// as [`Fields::haystack`]: for comparing with line-oriented tools.
    pub fn line(&self) -> String {
        let date = self.date.map_or_else(|| "n.d.".to_string(), |d| d.iso());
        let mut out = format!(
            "{date}  {}  {}  {}",
            self.relation,
            self.kind.label(),
            self.headline
        );
        for (d, label) in &self.dates {
            out.push_str(SEPARATOR_SHOWN);
            if let Some(l) = label {
                out.push_str(l);
                out.push(' ');
            }
            out.push_str(&d.to_string());
        }
        for t in &self.rest {
            out.push_str(SEPARATOR_SHOWN);
            out.push_str(&t.text);
        }
        out.push_str(SEPARATOR_SHOWN);
        push_relation_name(&mut out, self.countries[0], self.countries[1]);
        // A line-oriented tool sees one record per line, whatever the text holds.
        out.replace(['\n', '\r'], " ")
    }
}

/// A mission's status, read with its kind as the Missions tab's columns
/// read together ("closed embassy"), so that the words a question puts
/// side by side are side by side here too. (An honorary consulate's status
/// is "honorary" unless it closed: [`Mission::status`].)
fn status_of(m: &Mission) -> &'static str {
    use MissionKind::{Consulate, Embassy, HonoraryConsulate};
    use MissionStatus::{Closed, Open};
    match (m.status(), m.kind) {
        (Open, Embassy) => "open embassy",
        (Open, Consulate) => "open consulate",
        (Closed, Embassy) => "closed embassy",
        (Closed, Consulate) => "closed consulate",
        (Closed, HonoraryConsulate) => "closed honorary consulate",
        (status, _) => status.label(),
    }
}

/// The searchable text of a record (see [`Fields::haystack`]); empty if the
/// reference points nowhere. Hit positions are character indices into it.
pub fn haystack(ds: &Dataset, r: &RecordRef) -> String {
    Fields::of(ds, r).map_or_else(String::new, |f| f.haystack())
}

/// One field of a record's text with the positions of the matched characters in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMatch {
    pub text: String,
    /// The field's weight: [`Weight::Headline`] for the headline,
    /// [`Weight::Relation`] for the relation's name.
    pub weight: Weight,
    /// Character indices into `text`, ascending.
    pub positions: Vec<u32>,
}

/// Splits hit positions (indices into [`haystack`]) by field, so a detail
/// view can highlight each field. The headline is always first, even when
/// nothing matched in it; other fields appear only when something matched,
/// and the relation's name once, in the first order that matched.
pub fn matched_fields(ds: &Dataset, r: &RecordRef, positions: &[u32]) -> Vec<FieldMatch> {
    let Some(fields) = Fields::of(ds, r) else {
        return Vec::new();
    };
    let sep = SEPARATOR_CHARS;
    let mut out = Vec::new();
    let mut start = 0u32;
    let mut scratch = String::new();
    let mut rest = positions;
    let mut named = false;
    fields.for_each(&mut scratch, |s, weight| {
        let len = s.chars().count() as u32;
        let end = start + len;
        let cut = rest.partition_point(|&p| p < end);
        let (mine, after) = rest.split_at(cut);
        let again = weight == Weight::Relation && named;
        if out.is_empty() || (!mine.is_empty() && !again) {
            named |= weight == Weight::Relation;
            out.push(FieldMatch {
                text: s.to_string(),
                weight,
                positions: mine
                    .iter()
                    .filter(|&&p| p >= start)
                    .map(|p| p - start)
                    .collect(),
            });
        }
        rest = after;
        start = end + sep;
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::words::tests::split;

    #[test]
    fn a_date_gives_the_words_of_its_text_without_writing_it() {
        let mut dates: Vec<Date> = [1000, 1975, 2024, 9999, 0, 7, -44, -2024, 12345, i32::MIN]
            .into_iter()
            .map(Date::year_only)
            .collect();
        for y in ["1000", "1975", "2024", "9999"] {
            for m in 1..=12 {
                dates.extend(format!("{y}-{m:02}").parse::<Date>());
                for d in [1, 9, 10, 28, 31] {
                    dates.extend(format!("{y}-{m:02}-{d:02}").parse::<Date>());
                }
            }
        }
        assert!(dates.len() > 250, "the dates parsed");
        let mut text = String::new();
        for date in dates {
            for label in [None, Some("closed"), Some("reopened")] {
                for iso in [false, true] {
                    let field = DateField { date, label, iso };
                    text.clear();
                    field.write(&mut text);
                    let mut given = Vec::new();
                    let chars = field.for_each_word(|start, w| {
                        given.push((start, w.with_text(str::to_string)));
                    });
                    assert_eq!(given, split(&text), "{text:?}");
                    assert_eq!(chars, text.chars().count(), "{text:?}");
                }
            }
        }
    }
}
