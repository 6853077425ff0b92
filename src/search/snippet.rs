//! Where a hit matched, as a short piece of text a result row can show:
//! "…sent experts in rice cultivation…", with the matched characters.

use crate::data::{Dataset, Relation};
use crate::query::Record;
use crate::text::{truncate, width};

use super::Hit;
use super::fields::{FieldMatch, Weight, matched_fields};

/// A piece of a field around its matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Character indices into `text` of the matched characters, ascending.
    pub positions: Vec<u32>,
}

/// Characters of context kept before the first match of a cut field, at
/// most (and at most a quarter of the room).
const LEAD: usize = 24;

/// Whether the row shows a match: the headline's first run of matched
/// characters lies wholly within its first `visible` characters, so a word
/// cut by "…" ("Zaca…") does not count as shown.
pub fn shows_match(hit: &Hit, visible: usize) -> bool {
    let positions = hit.headline_positions();
    let Some(&first) = positions.first() else {
        return false;
    };
    let run_end = positions
        .iter()
        .zip(positions.iter().skip(1))
        .take_while(|(a, b)| **a + 1 == **b)
        .last()
        .map_or(first, |(_, b)| *b);
    (run_end as usize) < visible
}

/// The field other than the headline where the query matched words a row
/// does not show yet (those of `shown`, lower-cased: the matched words of
/// its visible headline), the most of them (the first such field among
/// equals), cut to `max` terminal cells around its first match. `None`
/// when no field holds such a word, or only what a result row shows
/// anyway: the kind, the relation and the date.
pub fn context(ds: &Dataset, hit: &Hit, shown: &[String], max: usize) -> Option<Snippet> {
    best_unseen(&other_fields(ds, hit), shown).map(|f| cut(f, max))
}

/// The fields other than the headline where the query matched, leaving
/// out what a result row shows anyway (the kind, the relation, the date).
fn other_fields(ds: &Dataset, hit: &Hit) -> Vec<FieldMatch> {
    let Some((rel, rec)) = hit.record.resolve(ds) else {
        return Vec::new();
    };
    matched_fields(ds, &hit.record, &hit.positions)
        .into_iter()
        .skip(1)
        .filter(|f| !f.positions.is_empty() && !row_shows(rel, &rec, f))
        .collect()
}

/// Of `fields`, the one with the most matched characters in words other
/// than `shown` (the first among equals); `None` when none has such a word.
fn best_unseen<'f>(fields: &'f [FieldMatch], shown: &[String]) -> Option<&'f FieldMatch> {
    let unseen = |f: &FieldMatch| -> usize {
        runs(&f.text, &f.positions)
            .iter()
            .filter(|w| !shown.contains(&w.to_lowercase()))
            .map(|w| w.chars().count())
            .sum()
    };
    fields
        .iter()
        .map(|f| (unseen(f), f))
        .filter(|(n, _)| *n > 0)
        .min_by_key(|(n, _)| std::cmp::Reverse(*n))
        .map(|(_, f)| f)
}

/// The matched words of a headline among its first `visible` characters,
/// lower-cased: what a row shows of the match.
pub fn shown_words(headline: &str, hit: &Hit, visible: usize) -> Vec<String> {
    words_before(headline, hit.headline_positions(), visible)
}

/// The matched words (at `positions`) of `text` among its first `visible`
/// characters, lower-cased.
fn words_before(text: &str, positions: &[u32], visible: usize) -> Vec<String> {
    let seen = &positions[..positions.partition_point(|&p| (p as usize) < visible)];
    runs(text, seen).iter().map(|w| w.to_lowercase()).collect()
}

/// The text a result row shows in `max` cells: the headline, and where
/// the query matched words its visible part does not show, those words in
/// their field after " · " ("Mexico wants more… · Fernando Gonzalez
/// Saiffe"); with the positions of the matched characters in it.
pub fn row_text(ds: &Dataset, hit: &Hit, headline: &str, max: usize) -> Snippet {
    let (_, visible) = fit(headline, max);
    let all = hit.headline_positions();
    let whole = || Snippet {
        text: headline.to_string(),
        positions: all.to_vec(),
    };
    if shows_match(hit, visible) {
        // Other terms may have matched only past the cut or in another
        // field ("rice Mexico"): those words are shown after the start.
        let shown = words_before(headline, all, visible);
        let last = all
            .iter()
            .copied()
            .take_while(|&p| (p as usize) < visible)
            .last();
        if let Some(at) = later_word(headline, all, visible, &shown) {
            let field = FieldMatch {
                text: headline.to_string(),
                weight: Weight::Headline,
                positions: all.to_vec(),
            };
            // The headline from a little before its first match, when that
            // shows the later word too ("…Minister Pham Van Dong to M…"),
            // keeps every match in one piece.
            let through = all.partition_point(|&p| p <= at);
            let from_first = cut(&field, max);
            if from_first.positions.len() >= through {
                return from_first;
            }
            // The rest of the headline, from a little before that word.
            let rest: String = headline
                .chars()
                .skip((at as usize).saturating_sub(LEAD))
                .collect();
            return after_head(headline, all, last, max, width(&rest) + 1, |room| {
                cut_before(&field, at as usize, room)
            });
        }
        return beside(headline, all, &other_fields(ds, hit), &shown, last, max)
            .unwrap_or_else(whole);
    }
    // A match further along the headline, or in a word the cut falls in:
    // the headline from a little before it ("…Pham Van Dong to Mexico…").
    let split = run_start(all, all.partition_point(|&p| (p as usize) < visible));
    if let Some(&at) = all.get(split) {
        let field = FieldMatch {
            text: headline.to_string(),
            weight: Weight::Headline,
            positions: all.to_vec(),
        };
        return cut_before(&field, at as usize, max);
    }
    beside(headline, all, &other_fields(ds, hit), &[], None, max).unwrap_or_else(whole)
}

/// A headline and the truncated text it shows in `max` cells, with how
/// many of its characters stay visible.
fn fit(text: &str, max: usize) -> (String, usize) {
    let shown = truncate(text, max);
    let visible = shown.chars().count() - usize::from(shown != text);
    (shown, visible)
}

/// Where the first matched word of the headline (matched at `positions`)
/// past its first `visible` characters starts, when it is none of the
/// `shown` words.
fn later_word(headline: &str, positions: &[u32], visible: usize, shown: &[String]) -> Option<u32> {
    let mut at = positions.partition_point(|&p| (p as usize) < visible);
    for word in runs(headline, &positions[at..]) {
        if !shown.contains(&word.to_lowercase()) {
            return positions.get(at).copied();
        }
        at += word.chars().count();
    }
    None
}

/// The headline's start, then after " · " the field of `fields` where the
/// query matched the most words other than `shown`; `None` when none did.
fn beside(
    headline: &str,
    positions: &[u32],
    fields: &[FieldMatch],
    shown: &[String],
    last: Option<u32>,
    max: usize,
) -> Option<Snippet> {
    let field = best_unseen(fields, shown)?;
    // Cutting the headline's matched words to make room for fewer words
    // elsewhere says less: then the headline alone.
    let head_fits = last.is_none_or(|p| width_through(headline, p) < max / 2);
    let adds = runs(&field.text, &field.positions)
        .iter()
        .filter(|w| !shown.contains(&w.to_lowercase()))
        .count();
    if !head_fits && shown.len() > adds {
        return None;
    }
    Some(after_head(
        headline,
        positions,
        last,
        max,
        width(&field.text),
        |room| cut(field, room),
    ))
}

/// The headline's start (matched at `positions`), then " · " and
/// `tail(room)`, a text of `wanted` cells or fewer cut to the `room` left.
/// The start keeps a third of the row, up to half to show its match
/// ending at character `last` or to be whole, and whatever a shorter tail
/// leaves.
fn after_head(
    headline: &str,
    positions: &[u32],
    last: Option<u32>,
    max: usize,
    wanted: usize,
    tail: impl FnOnce(usize) -> Snippet,
) -> Snippet {
    let third = max / 3;
    let for_match = last.map_or(0, |p| {
        (width_through(headline, p) + 1).min((max / 2).max(third))
    });
    // A short headline cut by a letter or two says less than the same
    // letters of context would.
    let whole = Some(width(headline)).filter(|&w| w <= max / 2).unwrap_or(0);
    let head_room = third
        .max(for_match)
        .max(whole)
        .max(max.saturating_sub(wanted + 3));
    let (head, visible) = fit(headline, head_room);
    let rest = tail(max.saturating_sub(width(&head) + 3));
    let offset = head.chars().count() as u32 + 3;
    let mut out: Vec<u32> = positions
        .iter()
        .copied()
        .filter(|&p| (p as usize) < visible)
        .collect();
    out.extend(rest.positions.iter().map(|p| p + offset));
    Snippet {
        text: format!("{head} · {}", rest.text),
        positions: out,
    }
}

/// The cells a headline takes up to its character `last` and the one after.
fn width_through(headline: &str, last: u32) -> usize {
    let upto: String = headline.chars().take(last as usize + 2).collect();
    width(&upto)
}

/// The index where the run of consecutive positions holding `at` starts.
fn run_start(positions: &[u32], mut at: usize) -> usize {
    while at > 0 && at < positions.len() && positions[at - 1] + 1 == positions[at] {
        at -= 1;
    }
    at
}

/// The runs of matched characters of a hit, as text ("Saiffe", "rice"),
/// longest first so a longer run is marked before a shorter one inside it.
pub fn matched_words(ds: &Dataset, hit: &Hit) -> Vec<String> {
    let mut out: Vec<String> = matched_fields(ds, &hit.record, &hit.positions)
        .iter()
        .flat_map(|f| runs(&f.text, &f.positions))
        .collect();
    out.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    out.dedup();
    out
}

/// The runs of consecutive matched characters of `text` (at `positions`,
/// ascending), as text, in order.
fn runs(text: &str, positions: &[u32]) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut run = String::new();
    let mut prev: Option<u32> = None;
    for &p in positions {
        if prev.is_some_and(|q| q + 1 != p) && !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
        run.extend(chars.get(p as usize));
        prev = Some(p);
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// Whether a result row shows this field already: the record's kind, its
/// relation (by id, or by its countries' names, as the list's header
/// does), or its date in a form the index holds.
fn row_shows(rel: &Relation, rec: &Record<'_>, field: &FieldMatch) -> bool {
    let text = field.text.as_str();
    field.weight == Weight::Relation
        || text == rec.kind().label()
        || text == rel.id
        || rec.date().is_some_and(|d| {
            text == d.to_string() || text == d.iso() || text == d.year().to_string()
        })
}

/// The field, or when it is wider than `max` cells, the part from a little
/// before its first match after "…", ending with "…" when cut there too.
pub fn cut(field: &FieldMatch, max: usize) -> Snippet {
    cut_before(
        field,
        field.positions.first().map_or(0, |&p| p as usize),
        max,
    )
}

/// As `cut`, starting a little before the character at `first`; every
/// matched character inside the piece stays marked.
fn cut_before(field: &FieldMatch, first: usize, max: usize) -> Snippet {
    let chars: Vec<char> = field.text.chars().collect();
    let lead = LEAD.min(max / 4);
    let mut skip = if width(&field.text) <= max || first <= lead {
        0
    } else {
        first - lead
    };
    // Near the field's end, start earlier so the piece fills its room.
    let cell = |c: &char| width(c.encode_utf8(&mut [0; 4]));
    let mut tail: usize = 1 + chars[skip..].iter().map(cell).sum::<usize>();
    while skip > 0 && tail + cell(&chars[skip - 1]) <= max {
        skip -= 1;
        tail += cell(&chars[skip]);
    }
    let ellipsis = usize::from(skip > 0);
    let mut text: String = if skip > 0 {
        "…".into()
    } else {
        String::new()
    };
    let mut w = ellipsis;
    let mut end = skip;
    for &c in &chars[skip..] {
        let cw = width(c.encode_utf8(&mut [0; 4]));
        // Room for a closing "…" unless this is the last character.
        let last = end + 1 == chars.len();
        if w + cw + usize::from(!last) > max {
            text.push('…');
            break;
        }
        text.push(c);
        w += cw;
        end += 1;
    }
    let positions = field
        .positions
        .iter()
        .filter(|&&p| (p as usize) >= skip && (p as usize) < end)
        .map(|&p| p - skip as u32 + ellipsis as u32)
        .collect();
    Snippet { text, positions }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(text: &str, word: &str) -> FieldMatch {
        let at = text.find(word).map_or(0, |b| text[..b].chars().count()) as u32;
        FieldMatch {
            text: text.into(),
            weight: Weight::Detail,
            positions: (at..at + word.chars().count() as u32).collect(),
        }
    }

    fn marked(s: &Snippet) -> String {
        s.text
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if s.positions.contains(&(i as u32)) {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect()
    }

    #[test]
    fn a_long_field_is_cut_around_its_match() {
        let f = field(
            "In agriculture, Vietnam has supplied Mexico with plant seeds and industrial machines and has sent experts in rice cultivation.",
            "rice",
        );
        let s = cut(&f, 50);
        assert_eq!(
            marked(&s),
            "…achines and has sent experts in RICE cultivation."
        );
        assert!(width(&s.text) <= 50);
        let s = cut(&f, 200);
        assert_eq!(s.text, f.text);
    }

    /// The row text of the one hit of `query` over an event titled `title`.
    fn row(title: &str, query: &str, max: usize) -> String {
        row_of(title, "", query, max)
    }

    /// The same, the event with a detail.
    fn row_of(title: &str, detail: &str, query: &str, max: usize) -> String {
        let json = format!(
            r#"{{"sources": [{{"id": "s", "title": "S", "kind": "news"}}],
              "countries": [{{"code": "MEX", "name": "Mexico"}}, {{"code": "VNM", "name": "Vietnam"}}],
              "relations": [{{"id": "MEX-VNM", "countries": ["MEX", "VNM"], "summary": "x",
                "sources": [{{"source": "s"}}],
                "events": [{{"id": "e", "title": "{title}", "detail": "{detail}",
                  "sources": [{{"source": "s"}}]}}]}}]}}"#
        );
        let ds = match crate::data::parse_str(&json, "test") {
            Ok(ds) => ds,
            Err(e) => panic!("{e}"),
        };
        let ix = crate::search::Index::build(&ds);
        let results = crate::search::search(&ix, query, &crate::search::Scope::all(), 10);
        let Some(hit) = results.hits.first() else {
            panic!("{query:?} found nothing");
        };
        marked(&row_text(&ds, hit, title, max))
    }

    #[test]
    fn a_word_cut_by_the_row_end_is_shown_whole() {
        let title = "Presidential visit to the state of Zacatecas";
        // 40 cells end the title inside "Zacatecas": the row shows the title
        // from before the word, whole, rather than count "Zaca…" as shown.
        assert_eq!(
            row(title, "zacatecas", 40),
            "…dential visit to the state of ZACATECAS"
        );
        assert_eq!(
            row(title, "zacatecas", 60),
            "Presidential visit to the state of ZACATECAS"
        );
        assert_eq!(
            row(title, "visit", 40),
            "Presidential VISIT to the state of Zacatecas"
        );
    }

    #[test]
    fn a_term_matched_beyond_the_headline_is_shown_beside_it() {
        let title = "Vietnam has supplied Mexico with plant seeds and machines";
        let detail = "It has also sent experts in rice cultivation.";
        // "Mexico" is in the headline, "rice" only in the detail.
        assert_eq!(
            row_of(title, detail, "rice mexico", 80),
            "Vietnam has supplied MEXICO wit… · It has also sent experts in RICE cultivation."
        );
        // Every term in the visible headline: the headline alone.
        assert_eq!(
            row_of(title, detail, "mexico seeds", 80),
            "Vietnam has supplied MEXICO with plant SEEDS and machines"
        );
        // A term past the row's cut of the headline: shown after its start.
        let long = "Vietnam has supplied Mexico with plant seeds and industrial machines and has sent experts in rice cultivation";
        assert_eq!(
            row_of(long, "", "rice mexico", 60),
            "Vietnam has supplied MEXICO … · …experts in RICE cultivation"
        );
        // Nothing in the headline: its start, then the detail.
        assert_eq!(
            row_of(title, detail, "rice", 80),
            "Vietnam has supplied Mexico wit… · It has also sent experts in RICE cultivation."
        );
    }

    #[test]
    fn a_headline_that_fits_in_half_the_row_is_not_cut_for_the_context() {
        let detail = "The source says the two countries have signed several cooperation agreements in different areas.";
        assert_eq!(
            row_of("Cooperation agreements: culture", detail, "countries", 88),
            "Cooperation agreements: culture · …says the two COUNTRIES have signed several cooperati…"
        );
        // Longer than half: a third, as before.
        assert_eq!(
            row_of("Cooperation agreements: culture", detail, "countries", 60),
            "Cooperation agreeme… · … the two COUNTRIES have signed seve…"
        );
    }

    #[test]
    fn a_headline_is_not_cut_before_its_matches_for_fewer_words_elsewhere() {
        let title = "Prime Minister Pham Van Dong to Mexico";
        let detail = "The source lists his among the high-level visits to Mexico.";
        // Three words in the headline, one in the detail: the headline.
        assert_eq!(
            row_of(title, detail, "visit pham van dong", 38),
            "Prime Minister PHAM VAN DONG to Mexico"
        );
        // With room for both, both.
        assert_eq!(
            row_of(title, detail, "visit pham van dong", 80),
            "Prime Minister PHAM VAN DONG to Mexico · …among the high-level VISITS to Mexico."
        );
    }

    #[test]
    fn a_headline_is_cut_before_its_first_match_when_that_shows_them_all() {
        let title = "Prime Minister Pham Van Dong to Mexico";
        assert_eq!(row(title, "pham van dong", 24), "…ister PHAM VAN DONG to…");
    }

    #[test]
    fn a_short_field_is_kept_whole() {
        let f = field("Fernando Gonzalez Saiffe", "Saiffe");
        assert_eq!(marked(&cut(&f, 40)), "Fernando Gonzalez SAIFFE");
    }
}
