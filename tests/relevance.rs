//! Search relevance on the embedded dataset: queries a user would type —
//! people, places, products, years, agreements, typos, absent words,
//! several words — each with the exact set of records that should match and
//! the one that should come first. Written from the records and their source
//! documents, not from what the engine happens to return.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use bilateral::data::Dataset;
use bilateral::query::{Record, records_of};
use bilateral::search::{Index, Scope, search};

fn data() -> &'static (Dataset, Index) {
    static DATA: OnceLock<(Dataset, Index)> = OnceLock::new();
    DATA.get_or_init(|| {
        let ds = bilateral::data::load_embedded().expect("the embedded dataset loads");
        let ix = Index::build(&ds);
        (ds, ix)
    })
}

/// Every hit's record, best first.
fn records(query: &str) -> Vec<Record<'static>> {
    let (ds, ix) = data();
    search(ix, query, &Scope::all(), usize::MAX)
        .hits
        .iter()
        .filter_map(|h| h.record.resolve(ds).map(|(_, r)| r))
        .collect()
}

/// The ids of every hit, best first.
fn ids(query: &str) -> Vec<String> {
    records(query).iter().map(|r| r.id().to_string()).collect()
}

/// `query` finds exactly `want` (in any order), `want[0]` first.
fn expect(query: &str, want: &[&str]) {
    let got = ids(query);
    let got_set: BTreeSet<&str> = got.iter().map(String::as_str).collect();
    let want_set: BTreeSet<&str> = want.iter().copied().collect();
    assert_eq!(got_set, want_set, "{query:?}: the records found");
    assert_eq!(
        got.first().map(String::as_str),
        want.first().copied(),
        "{query:?}: first hit"
    );
}

#[test]
fn people() {
    expect("pham van dong", &["mex-vnm-visit-1979-pham-van-dong"]);
    expect(
        "nguyen co thach",
        &[
            "mex-vnm-visit-1975-nguyen-co-thach",
            "mex-vnm-visit-1988-nguyen-co-thach",
        ],
    );
    expect(
        "musharraf",
        &[
            "mex-pak-visit-2004-pervez-musharraf",
            "mex-pak-fact-un-reform",
        ],
    );
    // Vicente Fox is named in the visit's detail and in the fact's text.
    expect(
        "vicente fox",
        &[
            "mex-pak-fact-un-reform",
            "mex-pak-visit-2004-pervez-musharraf",
        ],
    );
    expect("sheinbaum", &["mex-vnm-fact-mexico-plan"]);
    expect(
        "negrin munoz",
        &[
            "mex-vnm-fact-legal-framework",
            "mex-vnm-fact-mexico-plan",
            "mex-vnm-agreement-eight-under-negotiation",
        ],
    );
    expect(
        "saiffe",
        &[
            "mex-vnm-fact-strategic-priority",
            "mex-vnm-fact-mexican-business-sectors",
        ],
    );
    expect(
        "lourdes aranda",
        &[
            "mex-pak-visit-2007-lourdes-aranda-bezaury",
            "mex-pak-event-2007-consultations",
        ],
    );
}

#[test]
fn places() {
    expect(
        "hanoi",
        &[
            "mex-vnm-mission-mex-embassy-hanoi",
            "mex-vnm-event-nd-dia-de-muertos",
        ],
    );
    expect(
        "karachi",
        &[
            "mex-pak-mission-mex-honorary-karachi",
            "mex-pak-mission-mex-embassy-islamabad",
        ],
    );
    expect("tehran", &["mex-pak-mission-mex-accredited-tehran"]);
    expect("zacatecas", &["mex-vnm-event-nd-zacatecas"]);
    // The Vietnamese embassy's note says the source does not name the city.
    expect(
        "mexico city",
        &[
            "mex-pak-mission-pak-embassy-mexico-city",
            "mex-vnm-mission-vnm-embassy",
        ],
    );
    expect(
        "embassy hanoi",
        &[
            "mex-vnm-mission-mex-embassy-hanoi",
            "mex-vnm-event-nd-dia-de-muertos",
        ],
    );
}

#[test]
fn missions_by_their_status() {
    // Islamabad's embassy is the one closed today; Hanoi's closed in 1980
    // and reopened, and the consulates' notes tell of Islamabad's closing.
    let closed = [
        "mex-pak-mission-mex-embassy-islamabad",
        "mex-vnm-mission-mex-embassy-hanoi",
        "mex-pak-mission-mex-honorary-lahore",
        "mex-pak-mission-mex-honorary-karachi",
    ];
    expect("closed embassy", &closed);
    expect("closed embassies", &closed);
    expect("embassy closed", &closed);
    // A mission's dates say what happened then: the embassy that closed in
    // 2009 comes before the notes that mention it.
    expect(
        "islamabad embassy closed 2009",
        &[
            "mex-pak-mission-mex-embassy-islamabad",
            "mex-pak-mission-mex-honorary-lahore",
            "mex-pak-mission-mex-honorary-karachi",
        ],
    );
    expect(
        "embassy closed 1980",
        &["mex-vnm-mission-mex-embassy-hanoi"],
    );
    expect(
        "embassy reopened 2000",
        &["mex-vnm-mission-mex-embassy-hanoi"],
    );
    // The three embassies open today come before the consulates' notes
    // ("opened in place of the embassy").
    let open = ids("open embassy");
    let mut first: Vec<&str> = open.iter().take(3).map(String::as_str).collect();
    first.sort_unstable();
    assert_eq!(
        first,
        [
            "mex-pak-mission-pak-embassy-mexico-city",
            "mex-vnm-mission-mex-embassy-hanoi",
            "mex-vnm-mission-vnm-embassy",
        ],
        "{open:?}"
    );
}

#[test]
fn products() {
    expect(
        "rice",
        &[
            "mex-vnm-fact-vietnamese-agriculture",
            "mex-pak-agreement-2008-rice",
        ],
    );
    expect(
        "cotton",
        &["mex-vnm-products-mex-to-vnm", "mex-pak-products-mex-to-pak"],
    );
    expect("pepper", &["mex-pak-products-pak-to-mex"]);
    expect("acupuncture", &["mex-vnm-fact-vietnamese-healthcare"]);
    expect("stainless steel", &["mex-pak-products-mex-to-pak"]);
    // Capitalised as a sentence starts: no word is "Acupuncture" or "Salt".
    expect("Acupuncture", &["mex-vnm-fact-vietnamese-healthcare"]);
    expect("Pepper salt", &["mex-pak-products-pak-to-mex"]);
    // What a country exports is what the other imports.
    // And the memorandum on "the exportation of rice to Mexico", after.
    expect(
        "Pakistan exports",
        &[
            "mex-pak-products-pak-to-mex",
            "mex-pak-products-mex-to-pak",
            "mex-pak-agreement-2008-rice",
        ],
    );
    expect("Vietnam exports footwear", &["mex-vnm-products-vnm-to-mex"]);
    expect("Mexico imports apparel", &["mex-vnm-products-vnm-to-mex"]);
}

#[test]
fn years_and_amounts() {
    expect("1979", &["mex-vnm-visit-1979-pham-van-dong"]);
    expect(
        "2004",
        &[
            "mex-vnm-trade-2004",
            "mex-pak-fact-un-reform",
            "mex-pak-visit-2004-pervez-musharraf",
        ],
    );
    // What happened in 1975 before a fact that mentions the year in passing.
    expect(
        "1975",
        &[
            "mex-vnm-mission-vnm-embassy",
            "mex-vnm-event-1975-relations",
            "mex-vnm-visit-1975-nguyen-co-thach",
            "mex-vnm-fact-forums",
            "mex-vnm-visit-1988-nguyen-co-thach",
        ],
    );
    // The 2023 figure's derivation starts from "approximately US$15 billion".
    expect("15 billion", &["mex-vnm-trade-2024", "mex-vnm-trade-2023"]);
    expect("derived", &["mex-vnm-trade-2023"]);
    // A source writes "USD 187 million"; the figure shows "US$187 million".
    expect("USD 187 million", &["mex-vnm-trade-2004"]);
    expect("372.4", &["mex-pak-trade-2023"]);
    // Dollars, as a reader says them; the figures write "US$" (code USD).
    expect(
        "15 billion dollars",
        &["mex-vnm-trade-2024", "mex-vnm-trade-2023"],
    );
    // A name and a year: the record of that year whose headline names the
    // person (side by side on its row) before a sentence that names both.
    expect(
        "pervez musharraf 2004",
        &[
            "mex-pak-visit-2004-pervez-musharraf",
            "mex-pak-fact-un-reform",
        ],
    );
}

#[test]
fn agreements_and_memberships() {
    expect(
        "2008 agreement",
        &[
            "mex-pak-agreement-2008-visas",
            "mex-pak-agreement-2008-rice",
        ],
    );
    expect(
        "scientific technical cooperation",
        &["mex-pak-agreement-2015-science"],
    );
    // An abbreviation finds its name written out, and the name the
    // abbreviation: sources write either.
    expect(
        "wto",
        &["mex-vnm-event-2006-wto", "mex-pak-fact-memberships"],
    );
    expect(
        "world trade organization",
        &["mex-pak-fact-memberships", "mex-vnm-event-2006-wto"],
    );
    expect("cptpp", &["mex-vnm-fact-cptpp"]);
    expect("un security council", &["mex-vnm-fact-unsc-support"]);
    expect(
        "united nations security council",
        &["mex-vnm-fact-unsc-support"],
    );
    // Not by its letters inside "Undersecretary".
    expect("UNSC", &["mex-vnm-fact-unsc-support"]);
    expect(
        "UN reform",
        &[
            "mex-pak-fact-un-reform",
            "mex-pak-visit-2004-pervez-musharraf",
        ],
    );
    expect("rice MOU", &["mex-pak-agreement-2008-rice"]);
    // Offices and cities as a reader abbreviates them.
    expect("PM Pham Van Dong", &["mex-vnm-visit-1979-pham-van-dong"]);
    expect(
        "DPM Nguyen Tan Dung",
        &["mex-vnm-visit-2001-nguyen-tan-dung"],
    );
    expect(
        "FM Nguyen Co Thach",
        &[
            "mex-vnm-visit-1975-nguyen-co-thach",
            "mex-vnm-visit-1988-nguyen-co-thach",
        ],
    );
    expect("CDMX embassy", &["mex-pak-mission-pak-embassy-mexico-city"]);
    // No Pakistani prime minister visited; "PM" is not Pakistan's letters.
    expect("Pakistan PM", &[]);
    // A country's adjective finds what names the country, when the
    // adjective itself is found nowhere with the other words: no record
    // writes "Vietnamese prime minister", three visits come from Vietnam.
    expect(
        "vietnamese prime minister visit",
        &[
            "mex-vnm-visit-1979-pham-van-dong",
            "mex-vnm-visit-2002-phan-van-khai",
            "mex-vnm-visit-2001-nguyen-tan-dung",
        ],
    );
    // Where records write the adjective, only they: the ambassador *to*
    // Vietnam is Mexico's.
    expect(
        "vietnamese ambassador",
        &[
            "mex-vnm-growth-five-years",
            "mex-vnm-fact-room-for-growth",
            "mex-vnm-trade-2024",
        ],
    );
    // Mexico's undersecretary is "from Mexico" on her visit, and the
    // consultations she attended write "Mexican Foreign Undersecretary".
    expect(
        "Mexican Foreign Undersecretary",
        &[
            "mex-pak-event-2007-consultations",
            "mex-pak-visit-2007-lourdes-aranda-bezaury",
        ],
    );
    // A country's embassy is named with the country's possessive.
    expect(
        "vietnamese embassy",
        &[
            "mex-vnm-mission-vnm-embassy",
            "mex-vnm-event-nd-zacatecas",
            "mex-vnm-fact-room-for-growth",
            "mex-vnm-fact-business-proposals",
        ],
    );
    expect(
        "mexican embassy hanoi",
        &[
            "mex-vnm-mission-mex-embassy-hanoi",
            "mex-vnm-event-nd-dia-de-muertos",
        ],
    );
    // A name said the other way.
    expect("day of the dead", &["mex-vnm-event-nd-dia-de-muertos"]);
    expect("bilateral trade pakistan", &["mex-pak-trade-2023"]);
    expect(
        "deputy foreign minister",
        &[
            "mex-pak-visit-2015-burhanul-islam",
            "mex-pak-fact-free-trade-interest",
        ],
    );
    expect("visa waiver", &["mex-pak-agreement-2008-visas"]);
    expect(
        "free trade",
        &[
            "mex-pak-fact-free-trade-interest",
            "mex-vnm-fact-cptpp",
            "mex-pak-visit-2015-burhanul-islam",
        ],
    );
    expect(
        "apec summit",
        &[
            "mex-vnm-visit-2002-phan-van-khai",
            "mex-vnm-event-nd-media-multilateral",
        ],
    );
}

#[test]
fn typos() {
    expect("zacatekas", &["mex-vnm-event-nd-zacatecas"]);
    expect(
        "musharaf",
        &[
            "mex-pak-visit-2004-pervez-musharraf",
            "mex-pak-fact-un-reform",
        ],
    );
    expect("acupunture", &["mex-vnm-fact-vietnamese-healthcare"]);
    expect(
        "nguyne thach",
        &[
            "mex-vnm-visit-1975-nguyen-co-thach",
            "mex-vnm-visit-1988-nguyen-co-thach",
        ],
    );
    // Letters in order inside each word.
    expect("phm van dng", &["mex-vnm-visit-1979-pham-van-dong"]);
}

#[test]
fn words_typed_apart_find_the_word_written_as_one() {
    // Vietnamese and official spellings split what the records join.
    expect(
        "Ha Noi",
        &[
            "mex-vnm-mission-mex-embassy-hanoi",
            "mex-vnm-event-nd-dia-de-muertos",
        ],
    );
    expect("Viet Nam trade surplus", &["mex-vnm-fact-trade-surplus"]);
    expect("zaca tecas", &["mex-vnm-event-nd-zacatecas"]);
    // Alone, apart, they are pieces of other words ("Viet…", "Nam…" of
    // "Named"): the word written as one is what is meant, every time.
    let vietnam = ids("vietnam");
    assert!(vietnam.len() > 50, "{vietnam:?}");
    assert_eq!(ids("Viet Nam"), vietnam);
    assert_eq!(ids("viet nam"), vietnam);
    // Two words that are each a word stay two words.
    expect("south east asia", &["mex-vnm-fact-strategic-priority"]);
    // Joined words that are no word find nothing, as before.
    expect("xylo phone", &[]);
}

/// Every record that writes "embassy" or "embassies".
const EMBASSY: [&str; 12] = [
    "mex-vnm-mission-mex-embassy-hanoi",
    "mex-vnm-mission-vnm-embassy",
    "mex-pak-mission-mex-embassy-islamabad",
    "mex-pak-mission-pak-embassy-mexico-city",
    "mex-pak-mission-mex-accredited-tehran",
    "mex-pak-mission-mex-honorary-karachi",
    "mex-pak-mission-mex-honorary-lahore",
    "mex-vnm-event-2025-conference",
    "mex-vnm-event-nd-dia-de-muertos",
    "mex-vnm-event-nd-zacatecas",
    "mex-vnm-fact-room-for-growth",
    "mex-vnm-fact-business-proposals",
];

#[test]
fn singular_and_plural_find_each_other() {
    // A word in the other number is the word: the embassies themselves
    // first, not the one record that writes "embassies".
    expect("embassies", &EMBASSY);
    expect("embassy", &EMBASSY);
    // One record writes "country", twelve "countries": both words find
    // all thirteen, ranked alike.
    let countries = [
        "mex-pak-fact-memberships",
        "mex-vnm-fact-trade-below-potential",
        "mex-vnm-fact-shared-visions",
        "mex-pak-fact-consultations-mechanism",
        "mex-vnm-fact-cptpp",
        "mex-vnm-fact-growth-drivers",
        "mex-vnm-fact-mexico-plan",
        "mex-vnm-agreement-culture",
        "mex-vnm-agreement-education",
        "mex-vnm-agreement-healthcare",
        "mex-vnm-agreement-agriculture",
        "mex-vnm-agreement-science-technology",
        "mex-pak-event-2023-consultations",
    ];
    expect("country", &countries);
    expect("countries", &countries);
}

#[test]
fn a_relation_is_found_by_its_countries_names() {
    // The trade figures name neither country: the relation does.
    expect("vietnam trade 2004", &["mex-vnm-trade-2004"]);
    expect("Mexico Pakistan trade 2023", &["mex-pak-trade-2023"]);
    expect(
        "pakistan embassy",
        &[
            "mex-pak-mission-pak-embassy-mexico-city",
            "mex-pak-mission-mex-accredited-tehran",
            "mex-pak-mission-mex-embassy-islamabad",
            "mex-pak-mission-mex-honorary-lahore",
            "mex-pak-mission-mex-honorary-karachi",
        ],
    );
    // Rice is in one record of each relation.
    expect("pakistan rice", &["mex-pak-agreement-2008-rice"]);
    expect("vietnam rice", &["mex-vnm-fact-vietnamese-agriculture"]);
}

#[test]
fn a_relation_written_as_one_finds_all_its_records() {
    let of = |relation: &str| -> BTreeSet<String> {
        let (ds, _) = data();
        let i = ds
            .relations
            .iter()
            .position(|r| r.id == relation)
            .expect("the relation is in the dataset");
        records_of(&ds.relations[i], i)
            .filter_map(|r| r.resolve(ds).map(|(_, rec)| rec.id().to_string()))
            .collect()
    };
    let pakistan = of("MEX-PAK");
    let vietnam = of("MEX-VNM");
    for query in ["Mexico-Pakistan", "Pakistan–Mexico", "mexico-pakistan"] {
        let got: BTreeSet<String> = ids(query).into_iter().collect();
        assert_eq!(got, pakistan, "{query:?}");
    }
    for query in ["Vietnam-Mexico", "Mexico–Vietnam"] {
        let got: BTreeSet<String> = ids(query).into_iter().collect();
        assert_eq!(got, vietnam, "{query:?}");
    }
    // The conference's own title writes "Vietnam - Mexico": it comes first.
    assert_eq!(ids("Vietnam-Mexico")[0], "mex-vnm-event-2025-conference");
    // Words joined by a dash still follow one another: the relation says
    // "Mexico ⇄ Vietnam", never "Mexico Pakistan" side by side.
    assert!(ids("Vietnam-Pakistan").is_empty());
}

#[test]
fn questions_typed_as_sentences_skip_their_common_words() {
    expect(
        "visit of Pham Van Dong",
        &["mex-vnm-visit-1979-pham-van-dong"],
    );
    expect("how much trade in 2005", &["mex-vnm-trade-2005"]);
    // A possessive as typed where records write it ("Vietnam's embassy"),
    // left out where they do not ("Mexico exports to Pakistan").
    expect("Vietnam's embassy", &["mex-vnm-mission-vnm-embassy"]);
    expect(
        "Mexico's exports to Pakistan",
        &[
            "mex-pak-products-mex-to-pak",
            "mex-pak-products-pak-to-mex",
            "mex-pak-agreement-2008-rice",
        ],
    );
    // "50 years" is a 50th anniversary.
    expect(
        "50th anniversary",
        &[
            "mex-vnm-event-nd-cultural-events",
            "mex-vnm-event-2025-conference",
        ],
    );
    expect(
        "the embassy in Hanoi",
        &[
            "mex-vnm-mission-mex-embassy-hanoi",
            "mex-vnm-event-nd-dia-de-muertos",
        ],
    );
    // The embassy's status, as the Missions tab shows it, is "open".
    expect(
        "when did Mexico open its embassy in Hanoi",
        &[
            "mex-vnm-mission-mex-embassy-hanoi",
            "mex-vnm-event-nd-dia-de-muertos",
        ],
    );
    // The rice memorandum is for "the exportation of rice to Mexico".
    expect(
        "what does Pakistan export to Mexico",
        &[
            "mex-pak-products-pak-to-mex",
            "mex-pak-products-mex-to-pak",
            "mex-pak-agreement-2008-rice",
        ],
    );
    // A verb as a question puts it: the records write "visit", "exports".
    expect(
        "who visited Mexico in 2004",
        &[
            "mex-pak-visit-2004-pervez-musharraf",
            "mex-pak-fact-un-reform",
        ],
    );
    expect(
        "what is Pakistan exporting to Mexico",
        &[
            "mex-pak-products-pak-to-mex",
            "mex-pak-products-mex-to-pak",
            // "For the exportation of rice to Mexico".
            "mex-pak-agreement-2008-rice",
        ],
    );
    expect(
        "when was the embassy in Hanoi closed",
        &["mex-vnm-mission-mex-embassy-hanoi"],
    );
}

#[test]
fn ordinals_in_words_and_in_figures() {
    // Thach's second visit, and the second meeting Aranda went to.
    for q in ["2nd visit", "second visit"] {
        expect(
            q,
            &[
                "mex-vnm-visit-1988-nguyen-co-thach",
                "mex-pak-visit-2007-lourdes-aranda-bezaury",
            ],
        );
    }
    // The records write "6th meeting"; the consultations' fact lists them all.
    for q in ["sixth meeting", "6th meeting"] {
        expect(
            q,
            &[
                "mex-pak-event-2023-consultations",
                "mex-pak-visit-2023-jose-tripp-villanueva",
                "mex-pak-fact-consultations-mechanism",
            ],
        );
    }
    expect("tenth apec summit", &["mex-vnm-visit-2002-phan-van-khai"]);
}

#[test]
fn words_of_one_stem_find_each_other() {
    // A question's "-ing" finds the record's past.
    expect("signing visa agreement", &["mex-pak-agreement-2008-visas"]);
    expect(
        "reopening embassy hanoi",
        &["mex-vnm-mission-mex-embassy-hanoi"],
    );
    // "exported" and "exports" find "the exportation of rice".
    expect("exported rice", &["mex-pak-agreement-2008-rice"]);
    expect("rice exportation", &["mex-pak-agreement-2008-rice"]);
    // "membership" finds "members"; "cooperation" finds "cooperate".
    expect("WTO membership", &["mex-pak-fact-memberships"]);
    expect(
        "defense cooperation",
        &["mex-vnm-fact-security-cooperation"],
    );
}

#[test]
fn absent_words_find_nothing() {
    for q in ["xylophone", "tokyo", "cotton xylophone", "1977", "gender"] {
        expect(q, &[]);
    }
}

#[test]
fn several_words_must_all_match() {
    expect(
        "consultations islamabad",
        &[
            "mex-pak-event-2023-consultations",
            "mex-pak-event-2007-consultations",
            "mex-pak-visit-2007-lourdes-aranda-bezaury",
            "mex-pak-visit-2023-jose-tripp-villanueva",
            "mex-pak-fact-consultations-mechanism",
        ],
    );
    expect("trade surplus", &["mex-vnm-fact-trade-surplus"]);
    expect("dia de muertos", &["mex-vnm-event-nd-dia-de-muertos"]);
    expect(
        "honorary consulate",
        &[
            "mex-pak-mission-mex-honorary-lahore",
            "mex-pak-mission-mex-honorary-karachi",
            "mex-pak-mission-mex-embassy-islamabad",
        ],
    );
}

#[test]
fn what_a_list_row_shows_beside_the_headline_counts_as_near_it() {
    // The record's kind is on the row: the visit itself, before a fact
    // that mentions the visit.
    expect(
        "when did Musharraf visit Mexico",
        &[
            "mex-pak-visit-2004-pervez-musharraf",
            "mex-pak-fact-un-reform",
        ],
    );
    // "Diplomatic delegations to Vietnam" is a visit: "visits" is its kind.
    let to_vietnam = [
        "mex-vnm-visit-nd-parliament",
        "mex-vnm-visit-nd-diplomatic-delegations",
        "mex-vnm-visit-nd-special-envoy",
    ];
    let found = ids("visits to vietnam");
    let first: BTreeSet<&str> = found.iter().take(3).map(String::as_str).collect();
    assert_eq!(
        first,
        BTreeSet::from(to_vietnam),
        "the visits to Vietnam first"
    );
}

#[test]
fn a_possessive_ending_does_not_set_words_apart() {
    expect(
        "vietnam embassy in mexico",
        &[
            "mex-vnm-mission-vnm-embassy",
            "mex-vnm-fact-room-for-growth",
            "mex-vnm-event-2025-conference",
            "mex-vnm-event-nd-dia-de-muertos",
            "mex-vnm-event-nd-zacatecas",
            "mex-vnm-fact-business-proposals",
            "mex-vnm-mission-mex-embassy-hanoi",
        ],
    );
}

#[test]
fn a_typo_is_forgiven_only_where_nothing_is_found_as_typed() {
    // "present" is "president" with two letters left out; records that
    // write "president" are what was meant.
    expect(
        "president",
        &[
            "mex-vnm-visit-nd-special-envoy",
            "mex-pak-visit-2004-pervez-musharraf",
            "mex-pak-fact-un-reform",
            "mex-vnm-fact-mexico-plan",
            "mex-vnm-fact-forums",
        ],
    );
    // Not "needs", "seeks" or "experts in rice".
    expect(
        "seeds",
        &[
            "mex-vnm-fact-vietnamese-agriculture",
            "mex-vnm-fact-mexican-assistance",
        ],
    );
    expect("rice exports", &["mex-pak-agreement-2008-rice"]);
    // A country's adjective as the title writes it: "Foreign Vice-Minister
    // of Pakistan", word for word, then his visit "from Pakistan".
    expect(
        "Pakistani foreign vice minister",
        &[
            "mex-pak-fact-free-trade-interest",
            "mex-pak-visit-2015-burhanul-islam",
        ],
    );
}

#[test]
fn a_title_said_as_it_is_written_ranks_as_the_query() {
    // "Minister of Foreign Affairs" is the foreign minister, before the
    // "Foreign Vice-Minister", whose words are closer together.
    let ministers = [
        "mex-vnm-visit-2002-nguyen-dy-nien",
        "mex-vnm-visit-1975-nguyen-co-thach",
        "mex-vnm-visit-1988-nguyen-co-thach",
        "mex-vnm-visit-1996-nguyen-manh-cam",
    ];
    let found = ids("foreign minister");
    let first: BTreeSet<&str> = found.iter().take(4).map(String::as_str).collect();
    assert_eq!(first, BTreeSet::from(ministers), "{found:?}");
    assert_eq!(found.len(), 6, "and the vice-minister after: {found:?}");
}

#[test]
fn the_way_a_query_says_ranks_what_went_that_way_first() {
    // Each visit found, in rank order, by whose it was.
    let visitors = |query: &str| -> Vec<String> {
        records(query)
            .into_iter()
            .filter_map(|r| match r {
                Record::Visit(v) => Some(v.from.to_string()),
                _ => None,
            })
            .collect()
    };
    for (query, from) in [
        ("visits from vietnam to mexico", "VNM"),
        ("visits from mexico to vietnam", "MEX"),
        ("visits from pakistan to mexico", "PAK"),
        ("visits from mexico to pakistan", "MEX"),
    ] {
        let found = visitors(query);
        let theirs = found.iter().filter(|f| *f == from).count();
        assert!(theirs >= 2, "{query}: {found:?}");
        assert!(
            found[..theirs].iter().all(|f| f == from),
            "{query}: the visits from {from} first, then the others: {found:?}"
        );
    }
    // A product list says who imports "from" whom.
    expect_first(
        "exports from vietnam to mexico",
        "mex-vnm-products-vnm-to-mex",
    );
    expect_first(
        "exports from mexico to vietnam",
        "mex-vnm-products-mex-to-vnm",
    );
}

/// `query`'s first hit is `id`.
fn expect_first(query: &str, id: &str) {
    let got = ids(query);
    assert_eq!(
        got.first().map(String::as_str),
        Some(id),
        "{query:?}: {got:?}"
    );
}
