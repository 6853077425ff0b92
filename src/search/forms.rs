//! The singular and plural forms of an English word, so that "embassies"
//! finds "embassy" and "country" finds "countries": the regular endings
//! ("-s", "-es", "-ies"), as Algolia's `ignorePlurals` and Lucene's
//! minimal English stemmer do, without a dictionary; and the plain form of
//! a verb typed in the past or with "-ing", so that a question ("who
//! visited Mexico", "when was the embassy closing") finds the word the
//! records write ("visit", "close"). The other way needs nothing: "visit"
//! starts "visited". A form that is not a word of the index finds nothing,
//! so a form of a word that is not English ("Flores" → "Flor") matters
//! only where both words are there.

/// Words whose singular and plural differ in meaning: no forms are made
/// from them or into them ("goods" is not "good", "news" not "new").
const APART: [&str; 14] = [
    "arms",
    "customs",
    "economics",
    "goods",
    "headquarters",
    "means",
    "news",
    "physics",
    "politics",
    "premises",
    "savings",
    "series",
    "species",
    "works",
];

/// The number of an ordinal written in figures ("1st", "22nd", "50th").
fn ordinal(word: &str) -> Option<&str> {
    let number = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))?;
    (!number.is_empty() && number.bytes().all(|b| b.is_ascii_digit())).then_some(number)
}

/// Ordinals written in words, with their number: "second" is "2nd", and
/// the reverse. Up to twentieth, then the tens and the hundredth, which
/// name anniversaries.
const ORDINALS: [(&str, u32); 28] = [
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
    ("eleventh", 11),
    ("twelfth", 12),
    ("thirteenth", 13),
    ("fourteenth", 14),
    ("fifteenth", 15),
    ("sixteenth", 16),
    ("seventeenth", 17),
    ("eighteenth", 18),
    ("nineteenth", 19),
    ("twentieth", 20),
    ("thirtieth", 30),
    ("fortieth", 40),
    ("fiftieth", 50),
    ("sixtieth", 60),
    ("seventieth", 70),
    ("eightieth", 80),
    ("ninetieth", 90),
    ("hundredth", 100),
];

/// An ordinal in figures, "2nd" for 2.
pub(crate) fn in_figures(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The shortest word a form may be: shorter words are pronouns and
/// particles ("its", "us", "has"), not plurals.
const MIN_FORM: usize = 3;

/// The other forms of `word` (lower case, folded): its plural when it may
/// be a singular, its singular when it may be a plural; a number's ordinal
/// its number ("50th" → "50": "50 years" is a 50th anniversary). Empty for
/// other words that are not plain ASCII letters.
pub(crate) fn forms(word: &str) -> Vec<String> {
    if let Some(number) = ordinal(word) {
        let mut out = vec![number.to_string()];
        let n: Option<u32> = number.parse().ok();
        if let Some((name, _)) = ORDINALS.iter().find(|(_, k)| Some(*k) == n) {
            out.push((*name).to_string());
        }
        return out;
    }
    let named = ORDINALS.iter().find(|(name, _)| *name == word);
    let b = word.as_bytes();
    if b.len() < MIN_FORM || !b.iter().all(u8::is_ascii_lowercase) || apart(word) {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    if let Some((_, n)) = named {
        out.push(in_figures(*n));
        out.push(n.to_string());
    }
    let add = |out: &mut Vec<String>, f: String| {
        if f.len() >= MIN_FORM && f != word && !apart(&f) && !out.contains(&f) {
            out.push(f);
        }
    };
    for f in number(word) {
        add(&mut out, f);
    }
    for stem in verb_stems(word) {
        add(&mut out, stem);
    }
    // Words of the same stem, of the word and of its other forms:
    // "exported" and "exports" find "exportation" by way of "export".
    let bases: Vec<String> = std::iter::once(word.to_string())
        .chain(out.iter().cloned())
        .collect();
    for related in bases.iter().flat_map(|b| derived(b)) {
        add(&mut out, related);
    }
    out
}

/// The singular of `word` when it may be a plural, its plural when it may
/// be a singular (lower case, folded): one word in another number, which
/// search takes as the word itself, as Algolia's `ignorePlurals` does.
/// Empty for words that are not plain ASCII letters, and for words whose
/// two numbers differ in meaning.
pub(crate) fn number(word: &str) -> Vec<String> {
    let b = word.as_bytes();
    if b.len() < MIN_FORM || !b.iter().all(u8::is_ascii_lowercase) || apart(word) {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    let add = |out: &mut Vec<String>, f: String| {
        if f.len() >= MIN_FORM && f != word && !apart(&f) && !out.contains(&f) {
            out.push(f);
        }
    };
    // As a plural: "countries" → "country", "taxes" → "tax", "visits" → "visit".
    if let Some(stem) = word.strip_suffix("ies") {
        add(&mut out, format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix("es")
        && sibilant(stem)
    {
        add(&mut out, stem.to_string());
    }
    if let Some(stem) = word.strip_suffix("ses") {
        add(&mut out, format!("{stem}sis"));
    }
    if let Some(stem) = word.strip_suffix('s')
        && !["s", "u", "i"].iter().any(|e| stem.ends_with(e))
    {
        add(&mut out, stem.to_string());
    }
    // As a singular: "country" → "countries", "tax" → "taxes", "crisis" →
    // "crises", "visit" → "visits".
    match (word.strip_suffix('y'), word.strip_suffix("is")) {
        (Some(stem), _) if !stem.ends_with(vowel) => add(&mut out, format!("{stem}ies")),
        (_, Some(stem)) => add(&mut out, format!("{stem}es")),
        _ if sibilant(word) => add(&mut out, format!("{word}es")),
        _ => add(&mut out, format!("{word}s")),
    }
    out
}

/// The shortest stem a derived word is made from or into: "member" of
/// "membership", "export" of "exportation"; shorter ones ("form" of
/// "formal", "rel" of "relation") would join words that mean otherwise.
const MIN_STEM: usize = 4;

/// Words made from the same stem with a common English ending, which
/// records and questions use for one another: "membership" and
/// "members"; "cooperation" and "cooperate", "exportation" and "export";
/// "cultural" and "culture", "national" and "nation". Only words of the
/// index are ever found, so a made-up form ("cooperatation") costs nothing.
fn derived(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let stem = |suffix: &str| word.strip_suffix(suffix).filter(|s| s.len() >= MIN_STEM);
    if let Some(x) = stem("ship") {
        out.extend([x.to_string(), format!("{x}s")]);
    }
    if let Some(x) = stem("ation") {
        out.extend([x.to_string(), format!("{x}e"), format!("{x}s")]);
    }
    if let Some(x) = stem("ion").filter(|x| x.ends_with('t')) {
        out.extend([format!("{x}e"), format!("{x}es")]);
    }
    // A longer stem for "-al": "formal" is not "form".
    if let Some(x) = stem("al").filter(|x| x.len() > MIN_STEM) {
        out.extend([x.to_string(), format!("{x}e")]);
    }
    // The other way: a verb or noun to its "-ation" and "-al".
    let other = !["ion", "al", "s", "y"].iter().any(|e| word.ends_with(e));
    if word.len() > MIN_STEM && other {
        let bare = word.strip_suffix('e').unwrap_or(word);
        out.extend([format!("{bare}ation"), format!("{bare}al")]);
        if word.ends_with("ate") {
            out.push(format!("{bare}ion"));
        }
    }
    out
}

/// The plain forms a verb ending in "-ed" or "-ing" may have, and their
/// "-s": "visited" → "visit", "visits"; "closed" → "close", "closes";
/// "planned" → "plan"; "supplied" → "supply"; "exporting" → "exports". The
/// part left must have three letters or more, so that "need", "seed" and
/// "bring" are left alone.
fn verb_stems(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(stem) = word.strip_suffix("ied") {
        out.push(format!("{stem}y"));
        out.push(format!("{stem}ies"));
    }
    for stem in [word.strip_suffix("ed"), word.strip_suffix("ing")]
        .into_iter()
        .flatten()
        .filter(|s| s.len() >= MIN_FORM && !s.ends_with('e'))
    {
        out.push(stem.to_string());
        out.push(format!("{stem}e"));
        out.push(format!("{stem}es"));
        // The past for the "-ing" form and the reverse: a question asks
        // about "signing", the record says "signed".
        out.push(format!("{stem}ed"));
        out.push(format!("{stem}ing"));
        if !sibilant(stem) {
            out.push(format!("{stem}s"));
        }
        // A consonant doubled before the ending: "planned", "stopping".
        let b = stem.as_bytes();
        if let [.., x, y] = b
            && x == y
            && !vowel(char::from(*x))
            && !matches!(x, b'l' | b's')
        {
            out.push(stem[..stem.len() - 1].to_string());
        }
    }
    out
}

/// Whether a word's plural takes "-es": it ends in a hiss.
fn sibilant(word: &str) -> bool {
    ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
}

fn vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn apart(word: &str) -> bool {
    APART.contains(&word) || APART.iter().any(|a| a.strip_suffix('s') == Some(word))
}

#[cfg(test)]
mod tests {
    use super::{forms, number};

    /// Each typed word has the written one among its forms.
    fn finds(pairs: &[(&str, &str)]) {
        for &(typed, written) in pairs {
            let f = forms(typed);
            assert!(f.iter().any(|f| f == written), "{typed}: {f:?}");
        }
    }

    #[test]
    fn plurals_find_their_singular() {
        finds(&[
            ("embassies", "embassy"),
            ("countries", "country"),
            ("taxes", "tax"),
            ("visits", "visit"),
            ("offices", "office"),
            ("crises", "crisis"),
        ]);
    }

    #[test]
    fn a_words_other_number_is_only_its_singular_or_plural() {
        assert!(number("visits").contains(&"visit".into()));
        assert_eq!(number("embassy"), ["embassies"]);
        // A verb's forms and a stem's are other forms, not its number.
        assert!(!number("visited").contains(&"visit".into()));
        assert!(!number("membership").contains(&"members".into()));
        assert!(number("goods").is_empty());
        assert!(number("1979").is_empty());
    }

    #[test]
    fn an_ordinal_finds_its_number() {
        assert_eq!(forms("50th"), ["50", "fiftieth"]);
        assert_eq!(forms("1st"), ["1", "first"]);
        assert_eq!(forms("22nd"), ["22"]);
        assert_eq!(forms("3rd"), ["3", "third"]);
        assert_eq!(forms("12th"), ["12", "twelfth"]);
        assert!(forms("th").is_empty());
        assert!(forms("50").is_empty());
        assert!(forms("5g").is_empty());
    }

    #[test]
    fn an_ordinal_in_words_finds_it_in_figures() {
        assert_eq!(&forms("second")[..2], ["2nd", "2"]);
        assert_eq!(&forms("tenth")[..2], ["10th", "10"]);
        assert_eq!(&forms("eleventh")[..2], ["11th", "11"]);
        assert_eq!(&forms("twelfth")[..2], ["12th", "12"]);
        assert_eq!(&forms("hundredth")[..2], ["100th", "100"]);
        assert_eq!(&forms("first")[..2], ["1st", "1"]);
        assert!(!forms("seconds").contains(&"2nd".into()));
    }

    #[test]
    fn singulars_find_their_plural() {
        for (singular, plural) in [
            ("embassy", "embassies"),
            ("tax", "taxes"),
            ("visit", "visits"),
            ("day", "days"),
            ("address", "addresses"),
            ("crisis", "crises"),
        ] {
            assert_eq!(forms(singular)[0], plural);
        }
    }

    #[test]
    fn a_verb_in_the_past_or_with_ing_finds_its_plain_form() {
        finds(&[
            ("visited", "visit"),
            ("opened", "open"),
            ("closed", "close"),
            ("signed", "sign"),
            ("established", "establish"),
            ("planned", "plan"),
            ("supplied", "supply"),
            ("exporting", "export"),
            ("exporting", "exports"),
            ("visited", "visits"),
            ("signing", "sign"),
            ("closing", "close"),
        ]);
        // Too short a stem: no verb.
        for word in ["need", "seed", "red", "bring", "king"] {
            let f = forms(word);
            assert!(f.iter().all(|f| f.len() >= word.len()), "{word}: {f:?}");
        }
        // "called" keeps its double "l", "passed" its double "s".
        assert!(!forms("called").contains(&"cal".into()));
        assert!(!forms("passed").contains(&"pas".into()));
    }

    #[test]
    fn the_past_and_the_ing_form_find_each_other() {
        finds(&[
            ("signing", "signed"),
            ("closing", "closed"),
            ("reopening", "reopened"),
            ("exported", "exporting"),
            ("closed", "closing"),
            ("planned", "planning"),
        ]);
    }

    #[test]
    fn words_of_one_stem_find_each_other() {
        finds(&[
            ("membership", "members"),
            ("membership", "member"),
            ("cooperation", "cooperate"),
            ("cooperate", "cooperation"),
            ("exportation", "export"),
            ("exportation", "exports"),
            ("export", "exportation"),
            ("exports", "exportation"),
            ("exported", "exportation"),
            ("negotiation", "negotiate"),
            ("declaration", "declare"),
            ("cultural", "culture"),
            ("culture", "cultural"),
            ("national", "nation"),
            ("agriculture", "agricultural"),
        ]);
        // Too short a stem: "formal" is not "form", "relation" not "rel…".
        assert!(!forms("formal").contains(&"form".into()));
        assert!(
            !forms("relation")
                .iter()
                .any(|f| f.starts_with("rel") && f.len() < 6)
        );
    }

    #[test]
    fn words_apart_and_short_words_have_no_forms() {
        assert!(forms("goods").is_empty());
        assert!(forms("good").is_empty());
        assert!(forms("news").is_empty());
        assert!(forms("new").is_empty());
        assert!(!forms("its").contains(&"it".into()));
        assert!(forms("us").is_empty());
        // "status" is not a plural.
        assert_eq!(forms("status"), ["statuses"]);
    }

    #[test]
    fn only_plain_lower_case_letters() {
        assert!(forms("1979").is_empty());
        assert!(forms("Visits").is_empty());
        assert!(forms("đồng").is_empty());
    }
}
