//! Behaviour of the whole engine: the tiers, ranking, counts, positions, sessions.

use std::sync::Arc;
use std::time::Duration;

use super::*;
use crate::data::{Dataset, parse_str};
use crate::query::Kind;
use crate::synth;

/// A dataset with one relation whose events have these titles, in order.
fn events(titles: &[&str]) -> Dataset {
    let events: Vec<String> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                r#"{{"id": "e{i}", "title": {}, "sources": [{{"source": "s"}}]}}"#,
                serde_json::to_string(t).unwrap_or_default()
            )
        })
        .collect();
    let json = format!(
        r#"{{
          "sources": [{{"id": "s", "title": "S", "kind": "news"}}],
          "countries": [{{"code": "MEX", "name": "Mexico"}}, {{"code": "VNM", "name": "Vietnam"}}],
          "relations": [{{"id": "MEX-VNM", "countries": ["MEX", "VNM"], "summary": "x",
                          "sources": [{{"source": "s"}}], "events": [{}]}}]
        }}"#,
        events.join(",")
    );
    match parse_str(&json, "test") {
        Ok(ds) => ds,
        Err(e) => panic!("{e}"),
    }
}

/// Titles of the hits of `query`, best first.
fn titles(ds: &Dataset, query: &str) -> Vec<String> {
    let ix = Index::build(ds);
    search(&ix, query, &Scope::all(), usize::MAX)
        .hits
        .iter()
        .map(|h| headline(ds, h))
        .collect()
}

fn headline(ds: &Dataset, h: &Hit) -> String {
    h.record
        .resolve(ds)
        .map(|(rel, rec)| rec.headline(ds, rel))
        .unwrap_or_default()
}

/// The headline with matched characters in brackets: "[Đồng] Nai".
fn marked(ds: &Dataset, h: &Hit) -> String {
    let mut out = String::new();
    for (i, c) in headline(ds, h).chars().enumerate() {
        if h.headline_positions().contains(&(i as u32)) {
            out.push('[');
            out.push(c);
            out.push(']');
        } else {
            out.push(c);
        }
    }
    out.replace("][", "")
}

/// Ids of every hit of `query` on the embedded dataset, best first.
fn embedded_ids(query: &str) -> Vec<String> {
    let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&ds);
    search(&ix, query, &Scope::all(), usize::MAX)
        .hits
        .iter()
        .filter_map(|h| h.record.resolve(&ds).map(|(_, r)| r.id().to_string()))
        .collect()
}

#[test]
fn an_exact_word_outranks_a_prefix_and_scattered_letters_never_match() {
    let ds = events(&[
        "Cooperation on tourism, trade and new routes",
        "Talks on cottonseed oil",
        "Shipments of cotton resume",
        "Scotton Street opens",
    ]);
    // "Scotton" is "cotton" with one letter added: a typo, left out while
    // other records hold the word as typed.
    // "Cooperation … new routes" holds c, o, t, t, o, n scattered: no match.
    assert_eq!(
        titles(&ds, "cotton"),
        vec!["Shipments of cotton resume", "Talks on cottonseed oil"]
    );
    // Found nowhere as typed, a word is found with its typo.
    assert_eq!(titles(&ds, "scoton"), vec!["Scotton Street opens"]);
    assert_eq!(titles(&ds, "cottno"), vec!["Shipments of cotton resume"]);
}

#[test]
fn a_word_start_matches_while_typing() {
    let ds = events(&["Hanoi talks", "Viet Nam", "Namibia"]);
    assert_eq!(titles(&ds, "nam"), vec!["Viet Nam", "Namibia"]);
    assert_eq!(titles(&ds, "agricult"), Vec::<String>::new());
}

#[test]
fn typos_are_forgiven_from_five_letters() {
    let ds = events(&[
        "Vietnamese Embassy visits the State of Zacatecas",
        "Acupuncture centres open",
        "Nguyen Co Thach visits Mexico",
        "Dong Ha port",
    ]);
    assert_eq!(
        titles(&ds, "Zacatekas"),
        vec!["Vietnamese Embassy visits the State of Zacatecas"]
    );
    assert_eq!(titles(&ds, "acupunture"), vec!["Acupuncture centres open"]);
    assert_eq!(
        titles(&ds, "nguyne thach"),
        vec!["Nguyen Co Thach visits Mexico"]
    );
    // Four letters: no typo allowed.
    assert!(titles(&ds, "dang").is_empty());
    // Typing "zacatek", the start of a word with a typo.
    assert_eq!(titles(&ds, "zacatek").len(), 1);
    assert!(
        titles(&ds, "zacatek ").is_empty(),
        "a space ends the word being typed"
    );
    // A command line's query is complete: its last word is not being typed.
    let once = |q: &str| search_once(&ds, q, &Scope::all(), usize::MAX).total;
    assert_eq!(once("zacatek"), 0);
    assert_eq!(once("zacatekas"), 1);
}

#[test]
fn letters_in_order_inside_one_word_when_nothing_else_matches() {
    let ds = events(&[
        "Prime Minister Pham Van Dong to Mexico",
        "Prime Minister Phan Van Khai to Mexico",
        "Phuoc Long to Hanoi",
    ]);
    let want = vec!["Prime Minister Pham Van Dong to Mexico"];
    assert_eq!(titles(&ds, "phm van dng"), want);
    assert_eq!(titles(&ds, "phm"), want);
    // Never letters spread over several words.
    assert!(titles(&ds, "pvd").is_empty());
    assert!(titles(&ds, "plha").is_empty());
}

#[test]
fn a_word_found_nowhere_finds_nothing() {
    let ds = events(&["Cotton", "Coffee", "Exploration of oil"]);
    let ix = Index::build(&ds);
    let r = search(&ix, "xylophone", &Scope::all(), 10);
    assert_eq!((r.total, r.hits.len()), (0, 0));
    assert!(
        search(&ix, "cotton xylophone", &Scope::all(), 10)
            .hits
            .is_empty()
    );
    assert!(
        search(&ix, "cotton !cotton", &Scope::all(), 10)
            .hits
            .is_empty()
    );
}

#[test]
fn the_issue_examples_on_the_embedded_dataset() {
    assert!(embedded_ids("xylophone").is_empty());
    assert_eq!(
        embedded_ids("rice"),
        [
            "mex-vnm-fact-vietnamese-agriculture",
            "mex-pak-agreement-2008-rice"
        ]
    );
    assert_eq!(embedded_ids("Zacatekas"), ["mex-vnm-event-nd-zacatecas"]);
    assert_eq!(
        embedded_ids("phm van dng")[0],
        "mex-vnm-visit-1979-pham-van-dong"
    );
    assert_eq!(embedded_ids("1979"), ["mex-vnm-visit-1979-pham-van-dong"]);
    assert_eq!(
        embedded_ids("acupunture"),
        ["mex-vnm-fact-vietnamese-healthcare"]
    );
}

#[test]
fn every_word_must_match_in_any_order() {
    let ds = events(&[
        "Nguyen Co Thach visits Mexico",
        "Nguyen Van Linh visits Cuba",
        "Thach Sanh exhibition",
    ]);
    let want = vec!["Nguyen Co Thach visits Mexico"];
    assert_eq!(titles(&ds, "nguyen thach"), want);
    assert_eq!(titles(&ds, "thach nguyen"), want);
    assert_eq!(titles(&ds, "  thach   nguyen "), want);
}

#[test]
fn adjacent_terms_in_order_rank_first() {
    let ds = events(&[
        "Vietnam trade office opens in Hanoi, with Mexico as guest",
        "Mexico Vietnam trade",
        "Vietnam and Mexico trade",
        "Vietnam Mexico trade forum",
    ]);
    assert_eq!(
        titles(&ds, "vietnam mexico"),
        vec![
            "Vietnam Mexico trade forum",
            "Vietnam and Mexico trade",
            "Mexico Vietnam trade",
            "Vietnam trade office opens in Hanoi, with Mexico as guest",
        ]
    );
}

#[test]
fn a_match_in_the_headline_ranks_above_one_in_a_detail() {
    let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&ds);
    let r = search(&ix, "musharraf", &Scope::all(), 10);
    let kinds: Vec<Kind> = r.hits.iter().map(|h| h.record.kind).collect();
    assert_eq!(kinds[0], Kind::Visit);
    // "fox" is in the visit's detail and in a fact's text (its headline).
    let r = search(&ix, "vicente fox", &Scope::all(), 10);
    assert_eq!(r.hits[0].record.kind, Kind::Fact);
    assert_eq!(r.total, 2);
}

#[test]
fn diacritics_do_not_matter_either_way() {
    let ds = events(&[
        "Phạm Văn Đồng visits Mexico",
        "Alejandro Negrín Muñoz",
        "Jose Munoz",
    ]);
    assert_eq!(titles(&ds, "Dong"), vec!["Phạm Văn Đồng visits Mexico"]);
    assert_eq!(titles(&ds, "pham van dong").len(), 1);
    assert_eq!(
        titles(&ds, "Munoz"),
        vec!["Jose Munoz", "Alejandro Negrín Muñoz"]
    );
    assert_eq!(titles(&ds, "muñoz").len(), 2);
    assert_eq!(titles(&ds, "negrin"), vec!["Alejandro Negrín Muñoz"]);
}

#[test]
fn smart_case() {
    let ds = events(&["Dong Ha port", "dong currency", "DONG"]);
    assert_eq!(titles(&ds, "dong").len(), 3, "lower case matches any case");
    assert_eq!(titles(&ds, "Dong"), vec!["Dong Ha port"]);
    assert_eq!(titles(&ds, "DONG"), vec!["DONG"]);
    assert_eq!(
        titles(&ds, "'Dong").len(),
        1,
        "exact terms are smart-case too"
    );
    // A capital narrows only when words of its case match as well as any:
    // otherwise the case is let go, as for a sentence's first word.
    let ds = events(&[
        "Mexico sells cotton",
        "Cotonou port",
        "Van Dong",
        "van hire",
    ]);
    assert_eq!(titles(&ds, "Cotton"), vec!["Mexico sells cotton"]);
    assert_eq!(titles(&ds, "COTTON"), vec!["Mexico sells cotton"]);
    assert_eq!(titles(&ds, "'Cotton"), vec!["Mexico sells cotton"]);
    assert_eq!(titles(&ds, "Van"), vec!["Van Dong"]);
    assert_eq!(titles(&ds, "Hire"), vec!["van hire"]);
    assert!(titles(&ds, "Xylophone").is_empty());
}

#[test]
fn positions_highlight_the_original_non_ascii_headline() {
    let ds = events(&["Phạm Văn Đồng visits Hà Nội", "中文 and Đà Nẵng"]);
    let ix = Index::build(&ds);
    let r = search(&ix, "dong ha noi", &Scope::all(), 10);
    assert_eq!(r.hits.len(), 1);
    assert_eq!(marked(&ds, &r.hits[0]), "Phạm Văn [Đồng] visits [Hà] [Nội]");
    let r = search(&ix, "nang", &Scope::all(), 10);
    assert_eq!(marked(&ds, &r.hits[0]), "中文 and Đà [Nẵng]");
    // A prefix highlights what was typed; letters in order, those letters.
    let r = search(&ix, "vis", &Scope::all(), 10);
    assert_eq!(marked(&ds, &r.hits[0]), "Phạm Văn Đồng [vis]its Hà Nội");
    let r = search(&ix, "phm", &Scope::all(), 10);
    assert_eq!(marked(&ds, &r.hits[0]), "[Ph]ạ[m] Văn Đồng visits Hà Nội");
}

#[test]
fn other_scripts_are_found_by_their_own_characters() {
    let ds = events(&["中文 and Đà Nẵng", "Москва talks", "plain"]);
    assert_eq!(titles(&ds, "中文"), vec!["中文 and Đà Nẵng"]);
    assert_eq!(titles(&ds, "москва"), vec!["Москва talks"]);
    assert_eq!(titles(&ds, "!中文 !plain"), vec!["Москва talks"]);
    let ix = Index::build(&ds);
    let r = search(&ix, "文", &Scope::all(), 10);
    assert_eq!(marked(&ds, &r.hits[0]), "中[文] and Đà Nẵng");
}

#[test]
fn anchors_hold_to_the_headline() {
    let ds = events(&[
        "中文 · 北京 summit",
        "北京",
        "Coffee and tea",
        "Tea and coffee",
    ]);
    assert_eq!(titles(&ds, "^中文$"), Vec::<&str>::new());
    assert_eq!(titles(&ds, "北京$"), vec!["北京"]);
    assert_eq!(titles(&ds, "^北京"), vec!["北京"]);
    assert_eq!(titles(&ds, "^中文"), vec!["中文 · 北京 summit"]);
    assert_eq!(titles(&ds, "^cof"), vec!["Coffee and tea"]);
    assert_eq!(titles(&ds, "coffee$"), vec!["Tea and coffee"]);
    assert!(titles(&ds, "^coffee$").is_empty());
    assert_eq!(titles(&ds, r"^coffee\ and\ tea$"), vec!["Coffee and tea"]);
    assert!(titles(&ds, r"^coffee\ and$").is_empty());
}

#[test]
fn exact_terms_and_exclusions() {
    let ds = events(&[
        "Cotton exports",
        "Cottonseed oil",
        "Exports of coton",
        "Coffee and tea",
    ]);
    assert_eq!(
        titles(&ds, "cotton").len(),
        2,
        "word and start, not the typo"
    );
    assert_eq!(
        titles(&ds, "cottn"),
        vec!["Cotton exports", "Exports of coton"],
        "typos, where nothing is as typed"
    );
    assert_eq!(titles(&ds, "'cotton"), vec!["Cotton exports"]);
    assert!(titles(&ds, "'cott").is_empty(), "no start of a word");
    // An exclusion takes the word and the words it starts, not typos.
    assert_eq!(
        titles(&ds, "!cotton"),
        vec!["Exports of coton", "Coffee and tea"]
    );
    assert_eq!(titles(&ds, "!'cotton").len(), 3);
    assert_eq!(titles(&ds, "co !cotton !^coff"), vec!["Exports of coton"]);
}

#[test]
fn terms_with_punctuation_are_words_in_sequence() {
    let ds = events(&[
        "Trade reached US$15 billion",
        "US trade of 15 billion",
        "Vietnam's exports",
    ]);
    assert_eq!(titles(&ds, "us$15"), vec!["Trade reached US$15 billion"]);
    assert_eq!(titles(&ds, "vietnam's"), vec!["Vietnam's exports"]);
}

#[test]
fn numbers_match_exactly_or_as_a_start_never_with_typos() {
    let ds = events(&["Visit of 1979", "Visit of 1978", "Visit of 19790 people"]);
    assert_eq!(
        titles(&ds, "1979"),
        vec!["Visit of 1979", "Visit of 19790 people"]
    );
    assert_eq!(titles(&ds, "'1979"), vec!["Visit of 1979"]);
    assert!(titles(&ds, "1977").is_empty());
}

#[test]
fn an_empty_query_lists_every_record_in_order() {
    let ds = events(&["b", "a", "c"]);
    let ix = Index::build(&ds);
    for q in ["", "   ", "!", "'", "^", "—"] {
        let r = search(&ix, q, &Scope::all(), 2);
        assert_eq!(r.total, 3, "{q:?}");
        let order: Vec<u32> = r.hits.iter().map(|h| h.ordinal).collect();
        assert_eq!(order, vec![0, 1], "{q:?}");
        assert!(
            r.hits
                .iter()
                .all(|h| h.score == 0 && h.positions.is_empty())
        );
    }
}

#[test]
fn dates_and_amounts_are_found_as_displayed() {
    let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&ds);
    for (q, kind) in [
        ("September 1979", Kind::Visit),
        ("1979-09", Kind::Visit),
        ("187 million", Kind::Trade),
        ("15 billion", Kind::Trade),
        ("US$300 million", Kind::Trade),
        ("11.8 billion derived", Kind::Trade),
    ] {
        let r = search(&ix, q, &Scope::all(), 5);
        assert!(
            r.hits.first().is_some_and(|h| h.record.kind == kind),
            "{q} found {:?}",
            r.hits.first()
        );
    }
}

#[test]
fn a_missions_later_dates_say_what_happened_then() {
    let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&ds);
    let r = search(&ix, "embassy closed 1980", &Scope::all(), 5);
    assert_eq!(r.total, 1);
    let hay = haystack(&ds, &r.hits[0].record);
    assert!(hay.contains("closed 1980"), "{hay}");
    assert!(hay.contains("reopened July 2000"), "{hay}");
    // The words matched are shown where they are, side by side.
    let fields = matched_fields(&ds, &r.hits[0].record, &r.hits[0].positions);
    assert!(fields.iter().any(|f| f.text == "closed 1980"), "{fields:?}");
}

#[test]
fn words_joined_are_found_as_one_word_never_with_typos() {
    let ds = events(&["Trade fair in Cancun", "Tradefair opens", "Pakistan week"]);
    let ix = Index::build(&ds);
    // "trade fair" holds both words; "tradefair" is found joined.
    assert_eq!(titles(&ds, "trade fair"), ["Trade fair in Cancun"]);
    assert_eq!(titles(&ds, "tradefair"), ["Tradefair opens"]);
    // "pakistanzq" is within two typos of "pakistan": joined, it would drop
    // the second word.
    assert!(search(&ix, "pakistan zq", &Scope::all(), 5).hits.is_empty());
}

#[test]
fn a_countrys_adjective_finds_its_name_only_where_nothing_else_matches() {
    let ds = events(&[
        "Mexican week in Hanoi",
        "Mexico sends experts on rice",
        "Rice harvest festival",
    ]);
    // "Mexican" is written: only that record.
    assert_eq!(titles(&ds, "mexican week"), ["Mexican week in Hanoi"]);
    // No record writes "Mexican experts": the record naming Mexico, in its
    // own text (every record's relation is Mexico–Vietnam).
    assert_eq!(
        titles(&ds, "mexican experts"),
        ["Mexico sends experts on rice"]
    );
    assert!(titles(&ds, "mexican harvest").is_empty());
}

#[test]
fn the_headline_is_the_first_field_of_the_haystack() {
    let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&ds);
    let r = search(&ix, "pham van dong", &Scope::all(), 5);
    let hit = &r.hits[0];
    let hay = haystack(&ds, &hit.record);
    let head = headline(&ds, hit);
    assert!(hay.starts_with(&head));
    assert_eq!(hit.headline_len as usize, head.chars().count());
    let fields = matched_fields(&ds, &hit.record, &hit.positions);
    assert_eq!(fields[0].text, head);
    assert!(fields.iter().all(|f| {
        f.positions
            .iter()
            .all(|&p| (p as usize) < f.text.chars().count())
    }));
}

#[test]
fn the_relation_is_named_once_among_the_matched_fields() {
    let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&ds);
    let named = |q: &str| -> Vec<String> {
        let r = search(&ix, q, &Scope::all(), 1);
        matched_fields(&ds, &r.hits[0].record, &r.hits[0].positions)
            .into_iter()
            .map(|f| f.text)
            .filter(|t| t.contains('⇄'))
            .collect()
    };
    // Both orders hold "Pakistan"; the first that matched is given.
    assert_eq!(named("pakistan embassy"), ["Mexico ⇄ Pakistan"]);
    // Only the second order holds the words in the query's order.
    assert_eq!(named("Pakistan-Mexico"), ["Pakistan ⇄ Mexico"]);
}

#[test]
fn scope_limits_relations_and_kinds_and_counts_every_relation() {
    let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&ds);
    let scope = Scope {
        relations: Some(vec![1]),
        kind: Some(Kind::Visit),
    };
    let r = search(&ix, "e", &scope, usize::MAX);
    assert!(r.total > 0);
    assert!(
        r.hits
            .iter()
            .all(|h| h.record.relation == 1 && h.record.kind == Kind::Visit)
    );
    assert_eq!(r.by_relation[1], r.total);
    let all = search(
        &ix,
        "rice",
        &Scope {
            relations: Some(vec![0]),
            kind: None,
        },
        10,
    );
    assert_eq!((all.total, all.by_relation.clone()), (1, vec![1, 1]));
}

fn synthetic(records: usize) -> Dataset {
    synth::generate(synth::Options { records, seed: 3 })
}

const QUERIES: &[&str] = &[
    "n",
    "ng",
    "nguyen",
    "nguyen th",
    "nguyne thach",
    "visit 1987",
    "cotton",
    "'cotton",
    "^pres",
    "million$",
    "Dong",
    "co !cotton",
    "phm van",
    "zacatekas",
    "xylophone",
];

#[test]
fn the_best_hits_are_those_of_a_full_ranking() {
    // Skipping records that cannot beat the best found so far must not
    // change which records are best.
    let ds = synthetic(6_000);
    let ix = Index::build(&ds);
    for q in QUERIES {
        let all = search(&ix, q, &Scope::all(), usize::MAX);
        best_of(&ix, q, &Scope::all(), &all);
    }
}

/// The best 1, 7 and 50 hits of `q`, and its counts, are those of `all`,
/// its full ranking.
fn best_of(ix: &Index, q: &str, scope: &Scope, all: &Results) {
    for limit in [1, 7, 50] {
        let some = search(ix, q, scope, limit);
        assert_eq!(some.total, all.total, "{q}");
        assert_eq!(some.by_relation, all.by_relation, "{q}");
        let got: Vec<(u32, u32)> = some.hits.iter().map(|h| (h.score, h.ordinal)).collect();
        let want: Vec<(u32, u32)> = all
            .hits
            .iter()
            .take(limit)
            .map(|h| (h.score, h.ordinal))
            .collect();
        assert_eq!(got, want, "{q} limit {limit}");
    }
}

#[test]
fn the_best_hits_of_a_query_and_its_variants_are_those_of_a_full_ranking() {
    // Each variant ranks only its own best; the best of all are among them,
    // and every record any variant finds is counted once, in and out of scope.
    let ds = synthetic(6_000);
    let ix = Index::build(&ds);
    let some_relations = Scope {
        relations: Some(vec![0, 2, 5]),
        kind: None,
    };
    for q in [
        "UN general",
        "UN g",
        "FM visit",
        "vietnamese embassy",
        "mexican 19",
    ] {
        for scope in [Scope::all(), some_relations.clone()] {
            let all = search(&ix, q, &scope, usize::MAX);
            assert!(all.total > 0, "{q}: the test needs matches");
            // Counted from every match, listed from the best: the same records.
            assert_eq!(all.hits.len(), all.total, "{q}");
            let in_scope: usize = all
                .by_relation
                .iter()
                .enumerate()
                .filter(|(r, _)| scope.relations.as_ref().is_none_or(|rs| rs.contains(r)))
                .map(|(_, n)| n)
                .sum();
            assert_eq!(in_scope, all.total, "{q}");
            best_of(&ix, q, &scope, &all);
        }
    }
}

#[test]
fn an_index_of_the_records_a_query_needs_gives_the_same_hits() {
    let ds = synthetic(3_000);
    let full = Index::build(&ds);
    for q in QUERIES.iter().chain(&[
        "phm",
        "dng van",
        "xylophone cotton",
        "zacatek",
        "Veit Nam",
        "zaca tceas",
        "UN general assembly",
        "unga mexico",
    ]) {
        let small = Index::build_for_query(&ds, q);
        assert!(small.len() <= full.len());
        // A complete query, as `bilateral search` takes it.
        let pattern = Pattern::parse_complete(q);
        let a = answer(&full, &pattern, q, &Scope::all(), usize::MAX);
        // As `bilateral search` runs it: joined words indexed when needed.
        let b = search_once(&ds, q, &Scope::all(), usize::MAX);
        assert_eq!(a.total, b.total, "{q}");
        assert_eq!(a.by_relation, b.by_relation, "{q}");
        let hits = |r: &Results| -> Vec<_> {
            r.hits
                .iter()
                .map(|h| (h.record, h.score, h.positions.clone()))
                .collect()
        };
        assert_eq!(hits(&a), hits(&b), "{q}");
    }
    // A word that must be there as it is: records lacking one of its
    // letters are not indexed. (With typos allowed, a record may lack some.)
    let small = Index::build_for_query(&ds, "'xylophone");
    assert!(small.len() < full.len() / 2, "{}", small.len());
}

#[test]
fn a_one_off_search_indexes_every_record_joined_words_and_forms_match() {
    let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let full = Index::build(&ds);
    // "veit nam": "veit" is no word, "nam" starts "named"; joined, it is
    // "Vietnam" with a typo, which the records of "nam" alone do not cover.
    // "Viet Nam": as typed, "Nam" keeps to "Named"; an index without the
    // records holding "Named" let it find "named" and "names" instead.
    // "embassy", "countries": a singular or plural form is no start, typo
    // or letters in order of the other, and must be indexed too.
    for q in [
        "veit nam",
        "Viet Nam",
        "Ha Noi",
        "zaca tecas",
        "xylo phone",
        "embassy",
        "countries",
        "country",
        "UN reform",
        "UNSC",
        "rice MOU",
        "united nations security council",
        "who visited mexico",
    ] {
        let a = search(&full, q, &Scope::all(), usize::MAX);
        let b = search_once(&ds, q, &Scope::all(), usize::MAX);
        assert_eq!(a.total, b.total, "{q}");
        let records =
            |r: &Results| -> Vec<_> { r.hits.iter().map(|h| (h.record, h.score)).collect() };
        assert_eq!(records(&a), records(&b), "{q}");
    }
}

#[test]
fn every_hit_holds_every_term() {
    let ds = synthetic(3_000);
    let ix = Index::build(&ds);
    for q in ["'nguyen 'thach", "visit 1987", "'cotton", "'zacatecas"] {
        let r = search(&ix, q, &Scope::all(), usize::MAX);
        assert!(r.total > 0, "{q}");
        for h in &r.hits {
            let hay = fold::fold(&haystack(&ds, &h.record)).to_ascii_lowercase();
            let hay = String::from_utf8_lossy(&hay).to_string();
            for w in q.split(' ') {
                assert!(hay.contains(w.trim_start_matches('\'')), "{q}: {hay}");
            }
        }
    }
}

/// Types `query` one character at a time into a session, waiting for each
/// answer, and checks each against a fresh one-off search.
fn type_and_compare(searcher: &mut Searcher, ix: &Index, query: &str) {
    let mut typed = String::new();
    for c in query.chars() {
        typed.push(c);
        searcher.submit(&typed);
        let got = searcher
            .wait(Duration::from_secs(30))
            .unwrap_or_else(|| panic!("no results for {typed:?}"));
        let fresh = search(ix, &typed, &Scope::all(), DEFAULT_LIMIT);
        assert_eq!(got.hits, fresh.hits, "hits of {typed:?}");
        assert_eq!(got.total, fresh.total, "count of {typed:?}");
    }
}

#[test]
fn a_session_as_you_type_agrees_with_fresh_searches() {
    let ds = synthetic(20_000);
    let ix = Arc::new(Index::build(&ds));
    let mut s = Searcher::new(Arc::clone(&ix));
    for q in ["nguyne thach", "visit 1987", "cotton !cotto", "Pham van"] {
        type_and_compare(&mut s, &ix, q);
    }
    // Backspace: answered again, the same.
    s.submit("cott");
    let r = s.wait(Duration::from_secs(30));
    assert_eq!(r.map(|r| r.query), Some("cott".to_string()));
}

#[test]
fn a_session_drops_results_of_queries_typed_over() {
    let ds = synthetic(20_000);
    let ix = Arc::new(Index::build(&ds));
    let mut s = Searcher::new(ix);
    let mut last = 0;
    for q in ["c", "co", "cot", "cott", "cotto", "cotton"] {
        last = s.submit(q);
    }
    let r = s.wait(Duration::from_secs(30));
    assert_eq!(
        r.as_ref().map(|r| (r.ticket, r.query.as_str())),
        Some((last, "cotton"))
    );
    // Nothing older arrives afterwards.
    std::thread::sleep(Duration::from_millis(50));
    while let Some(r) = s.try_recv() {
        assert_eq!(r.ticket, last);
    }
}

#[test]
fn try_recv_never_blocks() {
    let ds = synthetic(2_000);
    let mut s = Searcher::new(Arc::new(Index::build(&ds)));
    let started = std::time::Instant::now();
    assert!(s.try_recv().is_none());
    s.submit("cotton");
    let _ = s.try_recv();
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[test]
fn an_abbreviation_and_its_name_find_each_other_each_record_once() {
    let ds = events(&[
        "UN reform talks",
        "Talks on reform of the United Nations",
        "UN and United Nations reform, said twice",
        "Undersecretary talks on reform",
    ]);
    let ix = Index::build(&ds);
    let r = search(&ix, "UN reform", &Scope::all(), usize::MAX);
    // Counted once though both forms are there; not by the letters of
    // "Undersecretary".
    assert_eq!(r.total, 3);
    assert_eq!(r.by_relation, [3]);
    let found: Vec<String> = r.hits.iter().map(|h| headline(&ds, h)).collect();
    assert_eq!(found[0], "UN reform talks");
    assert!(!found.iter().any(|t| t.starts_with("Undersecretary")));
    // The words each hit holds are the ones highlighted.
    let named = r
        .hits
        .iter()
        .find(|h| headline(&ds, h).starts_with("Talks"));
    assert_eq!(
        named.map(|h| marked(&ds, h)),
        Some("Talks on [reform] of the [United] [Nations]".to_string())
    );
    assert_eq!(
        titles(&ds, "united nations reform").len(),
        3,
        "the name finds the abbreviation"
    );
    // At most the limit, best first, the count still whole.
    let one = search(&ix, "UN reform", &Scope::all(), 1);
    assert_eq!((one.hits.len(), one.total), (1, 3));
    assert_eq!(headline(&ds, &one.hits[0]), "UN reform talks");
}
