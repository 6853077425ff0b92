//! Behaviour of the whole engine: matching, ranking, positions, sessions.

use std::sync::Arc;
use std::time::Duration;

use super::*;
use crate::data::{Dataset, parse_str};
use crate::query::{Kind, records_of};
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

#[test]
fn a_whole_word_outranks_scattered_letters() {
    let ds = events(&[
        "Cooperation on tourism, trade and new routes",
        "Talks on cottonseed oil",
        "Shipments of cotton resume",
        "Scotton Street opens",
    ]);
    assert_eq!(
        titles(&ds, "cotton"),
        vec![
            "Shipments of cotton resume",
            "Talks on cottonseed oil",
            "Scotton Street opens",
            "Cooperation on tourism, trade and new routes",
        ]
    );
}

#[test]
fn a_word_start_outranks_a_match_inside_a_word() {
    let ds = events(&["Hanoi talks", "Viet Nam"]);
    assert_eq!(titles(&ds, "nam"), vec!["Viet Nam", "Hanoi talks"]);
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
        vec!["Alejandro Negrín Muñoz", "Jose Munoz"]
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
    // Scattered letters are highlighted one by one.
    let r = search(&ix, "pvd", &Scope::all(), 10);
    assert_eq!(marked(&ds, &r.hits[0]), "[P]hạm [V]ăn [Đ]ồng visits Hà Nội");
}

#[test]
fn other_scripts_are_found_by_their_own_characters() {
    let ds = events(&["中文 and Đà Nẵng", "Москва talks", "plain"]);
    assert_eq!(titles(&ds, "中文"), vec!["中文 and Đà Nẵng"]);
    assert_eq!(titles(&ds, "москва"), vec!["Москва talks"]);
    assert_eq!(titles(&ds, "!中文 a"), vec!["Москва talks", "plain"]);
    let ix = Index::build(&ds);
    let r = search(&ix, "文", &Scope::all(), 10);
    assert_eq!(marked(&ds, &r.hits[0]), "中[文] and Đà Nẵng");
}

#[test]
fn anchors_in_other_scripts_hold_to_the_whole_headline() {
    // The headline itself holds " · ", as the fields are shown joined.
    let ds = events(&["中文 · 北京 summit", "北京"]);
    assert_eq!(titles(&ds, "^中文$"), Vec::<&str>::new());
    assert_eq!(titles(&ds, "北京$"), vec!["北京"]);
    assert_eq!(titles(&ds, "^北京"), vec!["北京"]);
    assert_eq!(titles(&ds, "^中文"), vec!["中文 · 北京 summit"]);
}

#[test]
fn a_query_that_matches_nothing() {
    let ds = events(&["Cotton", "Coffee"]);
    let ix = Index::build(&ds);
    let r = search(&ix, "xylophone", &Scope::all(), 10);
    assert_eq!((r.total, r.hits.len(), r.complete), (0, 0, true));
    assert!(
        search(&ix, "cotton !cotton", &Scope::all(), 10)
            .hits
            .is_empty()
    );
}

#[test]
fn an_empty_query_lists_every_record_in_order() {
    let ds = events(&["b", "a", "c"]);
    let ix = Index::build(&ds);
    for q in ["", "   ", "!", "'", "^"] {
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
fn extended_syntax() {
    let ds = events(&[
        "Cotton exports",
        "Coconut oil",
        "Exports of cotton",
        "Coffee and tea",
    ]);
    // Fuzzy "ctn" finds scattered letters (across fields, as in fzf: the
    // kind and relation are part of the text); exact "'ctn" does not.
    let fuzzy = titles(&ds, "ctn");
    assert_eq!(fuzzy[0], "Cotton exports");
    assert!(fuzzy.len() >= 3);
    assert!(titles(&ds, "'ctn").is_empty());
    assert_eq!(titles(&ds, "^cot"), vec!["Cotton exports"]);
    assert_eq!(titles(&ds, "cotton$"), vec!["Exports of cotton"]);
    assert_eq!(titles(&ds, "^coffee$"), Vec::<String>::new());
    assert_eq!(titles(&ds, r"^coffee\ and\ tea$"), vec!["Coffee and tea"]);
    assert_eq!(titles(&ds, r"^coffee\ and$"), Vec::<String>::new());
    assert_eq!(titles(&ds, "co !cotton !^coc"), vec!["Coffee and tea"]);
}

#[test]
fn dates_and_amounts_are_found_as_displayed() {
    let ds = crate::data::load_embedded().unwrap_or_else(|e| panic!("{e}"));
    let ix = Index::build(&ds);
    for (q, kind) in [
        ("'September 1979", Kind::Visit),
        ("'1979-09", Kind::Visit),
        ("'187 million", Kind::Trade),
        ("'15 billion", Kind::Trade),
        ("'US$300 million", Kind::Trade),
        ("'11.8 billion derived", Kind::Trade),
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
fn scope_limits_relations_and_kinds() {
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
}

/// A plain reading of the query language, record by record, to check the
/// engine's shortcuts against.
fn reference_matches(ds: &Dataset, query: &str) -> Vec<u32> {
    let pattern = Pattern::parse(query);
    let mut out = Vec::new();
    let all = ds
        .relations
        .iter()
        .enumerate()
        .flat_map(|(i, r)| records_of(r, i));
    for (o, r) in all.enumerate() {
        let fields = Fields::of(ds, &r).unwrap_or_else(|| panic!("{r:?}"));
        let hay: Vec<char> = fields.haystack().chars().collect();
        let head: Vec<char> = fields.headline.chars().collect();
        let ok = pattern.atoms().iter().all(|a| {
            let norm = |c: char| {
                let b = fold::fold_char(c);
                if a.case_sensitive {
                    b
                } else {
                    b.to_ascii_lowercase()
                }
            };
            let needle: Vec<u8> = a.chars.iter().map(|&c| norm(c)).collect();
            let text: Vec<u8> = hay.iter().map(|&c| norm(c)).collect();
            let head: Vec<u8> = head.iter().map(|&c| norm(c)).collect();
            let contains = |t: &[u8]| t.windows(needle.len()).any(|w| w == needle.as_slice());
            let found = match a.kind {
                AtomKind::Fuzzy => {
                    let mut it = text.iter();
                    needle.iter().all(|b| it.any(|c| c == b))
                }
                AtomKind::Substring => contains(&text),
                AtomKind::Prefix => head.starts_with(&needle),
                AtomKind::Suffix => head.ends_with(&needle),
                AtomKind::Exact => head == needle,
            };
            found != a.negated
        });
        if ok {
            out.push(o as u32);
        }
    }
    out
}

fn synthetic(records: usize) -> Dataset {
    synth::generate(synth::Options { records, seed: 3 })
}

const QUERIES: &[&str] = &[
    "n",
    "ng",
    "nguyen",
    "nguyen th",
    "nguyen thach",
    "visit 1987",
    "cotton",
    "'cotton",
    "^pres",
    "million$",
    "Dong",
    "co !cotton",
    "pvd",
    "zz",
    "xylophone",
];

#[test]
fn counts_agree_with_a_plain_reading_of_the_query() {
    let ds = synthetic(3_000);
    let ix = Index::build(&ds);
    for q in QUERIES {
        let want = reference_matches(&ds, q);
        let r = search(&ix, q, &Scope::all(), 20);
        assert_eq!(r.total, want.len(), "{q}");
        assert!(r.hits.iter().all(|h| want.contains(&h.ordinal)), "{q}");
    }
}

#[test]
fn the_best_hits_are_those_of_a_full_ranking() {
    // Skipping records that cannot beat the best found so far must not
    // change which records are best.
    let ds = synthetic(6_000);
    let ix = Index::build(&ds);
    for q in QUERIES {
        let all = search(&ix, q, &Scope::all(), usize::MAX);
        for limit in [1, 7, 50] {
            let some = search(&ix, q, &Scope::all(), limit);
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
}

#[test]
fn an_index_of_the_records_a_query_needs_gives_the_same_hits() {
    let ds = synthetic(3_000);
    let full = Index::build(&ds);
    for q in QUERIES {
        let small = Index::build_for_query(&ds, &Scope::all(), q);
        assert!(small.len() <= full.len());
        let a = search(&full, q, &Scope::all(), usize::MAX);
        let b = search(&small, q, &Scope::all(), usize::MAX);
        assert_eq!(a.total, b.total, "{q}");
        let hits = |r: &Results| -> Vec<_> {
            r.hits
                .iter()
                .map(|h| (h.record, h.score, h.positions.clone()))
                .collect()
        };
        assert_eq!(hits(&a), hits(&b), "{q}");
    }
    let small = Index::build_for_query(&ds, &Scope::all(), "xylophone");
    assert!(small.len() < full.len() / 2);
}

/// Types `query` one character at a time into a session, waiting for each
/// answer, and checks each against a fresh one-off search.
fn type_and_compare(searcher: &mut Searcher, ix: &Index, query: &str) {
    let mut typed = String::new();
    for c in query.chars() {
        typed.push(c);
        searcher.submit(&typed);
        let first = searcher
            .wait(Duration::from_secs(30))
            .unwrap_or_else(|| panic!("no results for {typed:?}"));
        let done = if first.complete {
            first.clone()
        } else {
            searcher
                .wait_complete(Duration::from_secs(30))
                .unwrap_or_else(|| panic!("no complete results for {typed:?}"))
        };
        let fresh = search(ix, &typed, &Scope::all(), DEFAULT_LIMIT);
        assert_eq!(first.hits, fresh.hits, "best hits of {typed:?}");
        assert_eq!(done.hits, fresh.hits, "hits of {typed:?}");
        assert_eq!(done.total, fresh.total, "count of {typed:?}");
        assert!(first.total <= fresh.total);
    }
}

#[test]
fn a_session_narrowing_as_you_type_agrees_with_fresh_searches() {
    let ds = synthetic(20_000);
    let ix = Arc::new(Index::build(&ds));
    let mut s = Searcher::new(Arc::clone(&ix));
    for q in [
        "nguyen thach",
        "visit 1987",
        "cotton",
        "'cot !cotton",
        "Pham van",
    ] {
        type_and_compare(&mut s, &ix, q);
    }
    // Backspace: answered again, from memory.
    s.submit("cott");
    let r = s.wait_complete(Duration::from_secs(30));
    assert_eq!(r.map(|r| r.searched), Some(0));
    // A query that matches more than the one before it is not narrowed.
    type_and_compare(&mut s, &ix, "!cotto");
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
    let r = s.wait_complete(Duration::from_secs(30));
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
