//! The abbreviations of diplomacy and trade and what they stand for, so
//! that `UN reform` finds a record that writes "United Nations" and
//! `united nations security council` one that writes "UN Security
//! Council": sources use either, and a reader types whichever comes to
//! mind. A small fixed glossary, as search engines' synonym lists are,
//! rather than guessing from initials ("National Assembly" is no "NA").
//! Beside it, a few names said two ways ("Day of the Dead", "Día de
//! Muertos"), each finding what writes the other.

/// Each abbreviation (lower case) with the names it stands for, lower
/// case, as the records write them.
const GLOSSARY: [(&str, &[&str]); 35] = [
    (
        "amexcid",
        &["mexican agency for international development cooperation"],
    ),
    ("apec", &["asia-pacific economic cooperation"]),
    ("asean", &["association of southeast asian nations"]),
    ("cdmx", &["mexico city", "ciudad de mexico"]),
    (
        "cptpp",
        &["comprehensive and progressive agreement for trans-pacific partnership"],
    ),
    ("dg", &["director general"]),
    ("dpm", &["deputy prime minister"]),
    ("eu", &["european union"]),
    ("fdi", &["foreign direct investment"]),
    ("fm", &["foreign minister", "minister of foreign affairs"]),
    ("fta", &["free trade agreement"]),
    ("g20", &["group of twenty"]),
    ("gdp", &["gross domestic product"]),
    ("hcmc", &["ho chi minh city"]),
    ("imf", &["international monetary fund"]),
    ("mfa", &["ministry of foreign affairs"]),
    ("mofa", &["ministry of foreign affairs"]),
    ("mou", &["memorandum of understanding"]),
    ("nafta", &["north american free trade agreement"]),
    ("oas", &["organization of american states"]),
    ("oda", &["official development assistance"]),
    (
        "oecd",
        &["organisation for economic co-operation and development"],
    ),
    ("oic", &["organisation of islamic cooperation"]),
    ("pm", &["prime minister"]),
    (
        "saarc",
        &["south asian association for regional cooperation"],
    ),
    ("sco", &["shanghai cooperation organisation"]),
    ("sre", &["secretaria de relaciones exteriores"]),
    ("tpp", &["trans-pacific partnership"]),
    ("un", &["united nations"]),
    (
        "unga",
        &["united nations general assembly", "un general assembly"],
    ),
    (
        "unsc",
        &["united nations security council", "un security council"],
    ),
    // A figure shows "US$15 billion", its currency's code "USD".
    ("usd", &["us dollars", "dollars", "dollar"]),
    ("usmca", &["united states-mexico-canada agreement"]),
    ("vass", &["vietnam academy of social sciences"]),
    ("wto", &["world trade organization"]),
];

/// Names said two ways, lower case: either finds a record that writes the
/// other. Kept to names a reader of another language or habit types for
/// what a source writes, not words that are merely related.
const SAME: [(&str, &str); 6] = [
    ("day of the dead", "dia de muertos"),
    ("visa waiver", "elimination of visas"),
    ("visa exemption", "elimination of visas"),
    // A trade figure between the two is "two-way trade".
    ("bilateral trade", "two-way trade"),
    ("deputy foreign minister", "foreign vice-minister"),
    // A title as it is said and as it is written.
    ("foreign minister", "minister of foreign affairs"),
];

/// Each name said two ways with the other way, in both directions.
pub(crate) fn equivalents() -> impl Iterator<Item = (&'static str, &'static str)> {
    SAME.iter().flat_map(|&(a, b)| [(a, b), (b, a)])
}

/// The names `word` (any case) stands for, if it is an abbreviation.
pub(crate) fn names_of(word: &str) -> &'static [&'static str] {
    let key = word.to_ascii_lowercase();
    GLOSSARY
        .binary_search_by(|(a, _)| (*a).cmp(key.as_str()))
        .map_or(&[], |i| GLOSSARY[i].1)
}

/// Whether `word` (any case) is an abbreviation of the glossary.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    !names_of(word).is_empty()
}

/// Every abbreviation with each name it stands for.
pub(crate) fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    GLOSSARY
        .iter()
        .flat_map(|&(a, names)| names.iter().map(move |&n| (a, n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glossary_is_sorted_and_looked_up_in_any_case() {
        assert!(GLOSSARY.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(names_of("UN"), ["united nations"]);
        assert_eq!(names_of("wto"), ["world trade organization"]);
        assert!(names_of("xyz").is_empty());
        // Names are written lower case, as they are compared.
        assert!(all().all(|(a, n)| a == a.to_lowercase() && n == n.to_lowercase()));
        assert!(equivalents().all(|(a, b)| a == a.to_lowercase() && b == b.to_lowercase()));
    }
}
