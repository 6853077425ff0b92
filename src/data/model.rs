//! The dataset's records, exactly as they are written in `relations.json`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::Date;
use super::lists;

/// Text of a record. Most of a dataset's strings (ids, country codes,
/// names, offices, dates of sources) are short: these are stored inline,
/// without a heap allocation each, which halves the memory a large dataset
/// takes once loaded. Immutable once read, as a loaded dataset is.
pub type Text = smol_str::SmolStr;
use super::money::Amount;

/// A whole dataset: the sources it cites, the countries it names and the
/// relations between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "bilateral dataset")]
pub struct Dataset {
    /// Documents the facts come from. Metadata only: never copied text.
    #[serde(deserialize_with = "lists::long")]
    pub sources: Vec<Source>,
    #[serde(deserialize_with = "lists::long")]
    pub countries: Vec<Country>,
    #[serde(deserialize_with = "lists::long")]
    pub relations: Vec<Relation>,
    /// Sources and countries by id, built on the first lookup.
    #[serde(skip)]
    #[schemars(skip)]
    index: Lookup,
    /// Which file each record came from, when files were layered.
    #[serde(skip)]
    #[schemars(skip)]
    layers: Layers,
}

/// Where the records of a layered dataset came from: the names of the
/// files, the base first, and the layer of each record and source that a
/// layer above the base gave. Empty for a dataset read from one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layers {
    /// File names as shown, the base first.
    pub names: Vec<Text>,
    /// Record id → position in `names`, for records from a layer.
    pub records: rustc_hash::FxHashMap<Text, u16>,
    /// Source id → position in `names`, for sources from a layer.
    pub sources: rustc_hash::FxHashMap<Text, u16>,
}

/// Positions of the sources and countries by their ids: a lookup per
/// citation or country code costs the same with 60,000 sources as with 3.
/// Built once, on first use, from lists that do not change once loaded.
#[derive(Clone, Default)]
struct Lookup(std::sync::OnceLock<Box<Tables>>);

#[derive(Clone, Default)]
struct Tables {
    sources: Positions,
    countries: Positions,
}

/// The first position of each id: a repeated id (a fault) finds its first
/// entry. Ids of up to seven bytes (every country code, most source ids)
/// are kept as a number, their bytes and length: looking one up hashes and
/// compares no string, and the text of every record looks up two or three
/// countries.
#[derive(Clone, Default)]
struct Positions {
    short: rustc_hash::FxHashMap<u64, usize>,
    long: rustc_hash::FxHashMap<Text, usize>,
}

impl Positions {
    fn of<'a>(ids: impl Iterator<Item = &'a Text>) -> Positions {
        let mut p = Positions::default();
        for (i, id) in ids.enumerate() {
            match packed(id) {
                Some(key) => p.short.entry(key).or_insert(i),
                None => p.long.entry(id.clone()).or_insert(i),
            };
        }
        p
    }

    fn get(&self, id: &str) -> Option<usize> {
        match packed(id) {
            Some(key) => self.short.get(&key),
            None => self.long.get(id),
        }
        .copied()
    }
}

/// An id of up to seven bytes as one number: its bytes, and its length in
/// the top byte (so that "AB" and "AB\0" differ).
fn packed(id: &str) -> Option<u64> {
    let b = id.as_bytes();
    if b.len() > 7 {
        return None;
    }
    let bytes = b
        .iter()
        .enumerate()
        .fold(0u64, |v, (i, &x)| v | u64::from(x) << (8 * i));
    Some(bytes | (b.len() as u64) << 56)
}

impl PartialEq for Lookup {
    /// Derived from the lists, so it never makes two datasets differ.
    fn eq(&self, _: &Lookup) -> bool {
        true
    }
}

impl std::fmt::Debug for Lookup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Lookup")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    News,
    Reference,
    Overview,
}

impl SourceKind {
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::News => "news",
            SourceKind::Reference => "reference",
            SourceKind::Overview => "overview",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Text,
    pub title: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    pub kind: SourceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Text>,
    /// Anything a reader should know about the document itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code, e.g. "MEX".
    pub code: Text,
    pub name: Text,
}

/// A record's citations. Nearly every record has one, kept beside the
/// record instead of in an allocation of its own.
pub type Citations = smallvec::SmallVec<[Citation; 1]>;

/// Where in a source a fact is stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The `id` of an entry of `sources`.
    pub source: Text,
    /// A section, heading or paragraph of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The two country codes in alphabetical order joined by a hyphen: "MEX-VNM".
    pub id: Text,
    /// The two countries, as listed in `countries`.
    pub countries: [Text; 2],
    /// When diplomatic relations were established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub established: Option<Date>,
    /// One paragraph, in our own words.
    pub summary: Text,
    pub sources: Citations,
    #[serde(default, deserialize_with = "lists::long")]
    pub events: Vec<Event>,
    #[serde(default, deserialize_with = "lists::long")]
    pub visits: Vec<Visit>,
    #[serde(default, deserialize_with = "lists::long")]
    pub agreements: Vec<Agreement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade: Option<Trade>,
    #[serde(default, deserialize_with = "lists::long")]
    pub missions: Vec<Mission>,
    #[serde(default, deserialize_with = "lists::long")]
    pub facts: Vec<Fact>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub title: Text,
    #[serde(default)]
    pub detail: Text,
    #[serde(default, deserialize_with = "lists::short")]
    pub tags: Vec<Text>,
    pub sources: Citations,
}

/// A high-level visit: one person, one trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    pub id: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The person or delegation, as the source names them.
    pub visitor: Text,
    /// The office held at the time of the visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<Text>,
    /// Country code of the visitor's country.
    pub from: Text,
    /// Country code of the country visited.
    pub to: Text,
    /// Purpose or occasion of the visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Text>,
    #[serde(default)]
    pub detail: Text,
    pub sources: Citations,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    Signed,
    InForce,
    UnderNegotiation,
    /// Reported by a source without saying whether it was signed.
    Reported,
}

impl AgreementStatus {
    pub fn label(self) -> &'static str {
        match self {
            AgreementStatus::Signed => "signed",
            AgreementStatus::InForce => "in force",
            AgreementStatus::UnderNegotiation => "under negotiation",
            AgreementStatus::Reported => "reported",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub id: Text,
    pub title: Text,
    /// Field of cooperation: "agriculture", "visas", …
    pub area: Text,
    pub status: AgreementStatus,
    /// When it was signed, if the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Date>,
    #[serde(default)]
    pub detail: Text,
    pub sources: Citations,
}

/// Trade between the two countries of a relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trade {
    /// ISO 4217 code of every figure: "USD".
    pub currency: Text,
    #[serde(default, deserialize_with = "lists::long")]
    pub figures: Vec<TradeFigure>,
    /// What each country sells to the other.
    #[serde(default, deserialize_with = "lists::long")]
    pub products: Vec<ProductFlow>,
    /// Growth the sources state in words ("up 27.5% from 2023").
    #[serde(default, deserialize_with = "lists::long")]
    pub growth: Vec<Growth>,
}

/// One year's trade: two-way when `from`/`to` are absent, else one direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TradeFigure {
    pub id: Text,
    pub year: i32,
    /// Exporting country, for a one-direction figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Text>,
    /// Importing country, for a one-direction figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Text>,
    /// The country whose statistics state a one-direction figure, when
    /// known: exporter and importer report the same flow differently
    /// (mirror statistics), and both figures may be kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<Text>,
    pub amount: Amount,
    #[serde(default)]
    pub note: Text,
    pub sources: Citations,
}

impl TradeFigure {
    pub fn is_two_way(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

/// The goods one country sells to the other, most important first as the source lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProductFlow {
    pub id: Text,
    pub from: Text,
    pub to: Text,
    #[serde(deserialize_with = "lists::short")]
    pub products: Vec<Text>,
    pub sources: Citations,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A percentage change: 27.5 means up 27.5%.
    Percent,
    /// A multiple: 2 means doubled.
    Factor,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub kind: ChangeKind,
    pub value: f64,
}

/// A statement about how trade grew, attached to the years it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Growth {
    pub id: Text,
    /// The statement in our words.
    pub text: Text,
    /// First year of the comparison, when the source names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    /// Last year of the comparison, when the source names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    pub sources: Citations,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MissionKind {
    Embassy,
    Consulate,
    HonoraryConsulate,
    /// Covered by a mission that sits in a third country.
    AccreditedFrom,
}

impl MissionKind {
    pub fn label(self) -> &'static str {
        match self {
            MissionKind::Embassy => "embassy",
            MissionKind::Consulate => "consulate",
            MissionKind::HonoraryConsulate => "honorary consulate",
            MissionKind::AccreditedFrom => "accredited from",
        }
    }
}

/// A diplomatic mission of one country of the relation to the other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Mission {
    pub id: Text,
    /// Country code of the country that sends the mission.
    pub sending: Text,
    /// Country code of the country the mission is accredited to.
    pub host: Text,
    pub kind: MissionKind,
    /// Where the mission sits, when the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<Text>,
    /// For `accredited_from`: the country code of the third country the mission sits in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accredited_from: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopened: Option<Date>,
    #[serde(default)]
    pub note: Text,
    pub sources: Citations,
}

/// Where a mission stands at the end of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MissionStatus {
    Open,
    Closed,
    Honorary,
    Accredited,
}

impl MissionStatus {
    pub fn label(self) -> &'static str {
        match self {
            MissionStatus::Open => "open",
            MissionStatus::Closed => "closed",
            MissionStatus::Honorary => "honorary",
            MissionStatus::Accredited => "accredited from elsewhere",
        }
    }
}

impl Mission {
    pub fn status(&self) -> MissionStatus {
        match self.kind {
            MissionKind::AccreditedFrom => MissionStatus::Accredited,
            _ if self.closed.is_some() && self.reopened.is_none() => MissionStatus::Closed,
            MissionKind::HonoraryConsulate => MissionStatus::Honorary,
            _ => MissionStatus::Open,
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FactCategory {
    /// Organisations both countries belong to.
    Membership,
    /// Standing mechanisms for dialogue.
    Mechanism,
    /// Fields of cooperation and what was done in them.
    Cooperation,
    /// Statements about trade that are not yearly figures (surpluses, barriers, rank).
    Trade,
    /// Positions, support and assessments of the relationship.
    Position,
    /// Proposals made by either side or by participants.
    Proposal,
    /// Plans and programmes announced.
    Plan,
    /// Background: history and context.
    Background,
}

impl FactCategory {
    pub fn label(self) -> &'static str {
        match self {
            FactCategory::Membership => "membership",
            FactCategory::Mechanism => "mechanism",
            FactCategory::Cooperation => "cooperation",
            FactCategory::Trade => "trade",
            FactCategory::Position => "position",
            FactCategory::Proposal => "proposal",
            FactCategory::Plan => "plan",
            FactCategory::Background => "background",
        }
    }
}

/// A person a fact is attributed to, with the role the source gives them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Text>,
}

/// An undated fact: a membership, a mechanism, a field of cooperation, a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: Text,
    pub category: FactCategory,
    pub text: Text,
    /// Who stated or proposed it, when the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<Person>,
    pub sources: Citations,
}

/// A relation as the interface names it, "Mexico ⇄ Vietnam", appended to `out`.
pub fn push_relation_name(out: &mut String, first: &str, second: &str) {
    out.push_str(first);
    out.push_str(" ⇄ ");
    out.push_str(second);
}

impl Dataset {
    pub fn new(sources: Vec<Source>, countries: Vec<Country>, relations: Vec<Relation>) -> Dataset {
        Dataset {
            sources,
            countries,
            relations,
            index: Lookup::default(),
            layers: Layers::default(),
        }
    }

    /// Records where each record came from; set once, by the loader.
    pub fn set_layers(&mut self, layers: Layers) {
        self.layers = layers;
    }

    /// Whether files were layered to make this dataset.
    pub fn is_layered(&self) -> bool {
        self.layers.names.len() > 1
    }

    /// The name of the file a record (by id) came from, when files were layered.
    pub fn layer_of_record(&self, id: &str) -> Option<&str> {
        self.layer_name(self.layers.records.get(id).copied())
    }

    /// The name of the file a source (by id) came from, when files were layered.
    pub fn layer_of_source(&self, id: &str) -> Option<&str> {
        self.layer_name(self.layers.sources.get(id).copied())
    }

    fn layer_name(&self, n: Option<u16>) -> Option<&str> {
        if !self.is_layered() {
            return None;
        }
        let n = usize::from(n.unwrap_or(0));
        self.layers.names.get(n).map(Text::as_str)
    }

    fn tables(&self) -> &Tables {
        self.index.0.get_or_init(|| {
            Box::new(Tables {
                sources: Positions::of(self.sources.iter().map(|s| &s.id)),
                countries: Positions::of(self.countries.iter().map(|c| &c.code)),
            })
        })
    }

    /// A relation as its two countries' names: "Mexico ⇄ Vietnam".
    pub fn relation_name(&self, rel: &Relation) -> String {
        let [a, b] = &rel.countries;
        let mut out = String::new();
        push_relation_name(&mut out, self.country_name(a), self.country_name(b));
        out
    }

    /// The name of a country code, or the code itself when it is not listed.
    pub fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.tables()
            .countries
            .get(code)
            .and_then(|i| self.countries.get(i))
            .map_or(code, |c| c.name.as_str())
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_number(id).and_then(|n| self.sources.get(n - 1))
    }

    /// A source's number as citations show it: its position in `sources`, from 1.
    pub fn source_number(&self, id: &str) -> Option<usize> {
        self.tables().sources.get(id).map(|i| i + 1)
    }

    /// Finds a relation by id in either order and any case: "vnm-mex" finds "MEX-VNM".
    pub fn relation(&self, id: &str) -> Option<&Relation> {
        let wanted = canonical_relation_id(id)?;
        self.relations.iter().find(|r| r.id == wanted)
    }
}

/// The canonical form of a relation id: upper case, codes in alphabetical order.
pub fn canonical_relation_id(id: &str) -> Option<String> {
    let (a, b) = id.trim().split_once('-')?;
    let (a, b) = (a.to_ascii_uppercase(), b.to_ascii_uppercase());
    if a.is_empty() || b.is_empty() {
        return None;
    }
    Some(if a <= b {
        format!("{a}-{b}")
    } else {
        format!("{b}-{a}")
    })
}

impl Relation {
    /// The ISO 4217 code its trade figures are in; US dollars when it has none.
    pub fn currency(&self) -> &str {
        self.trade.as_ref().map_or("USD", |t| t.currency.as_str())
    }

    /// How many records the relation holds, in all its lists.
    pub fn record_count(&self) -> usize {
        let trade = self.trade.as_ref();
        self.events.len()
            + self.visits.len()
            + self.agreements.len()
            + self.missions.len()
            + self.facts.len()
            + trade.map_or(0, |t| t.figures.len() + t.products.len() + t.growth.len())
    }

    /// The id of every record, with the list that holds it and its index
    /// there, in the order of the file's lists (trade before missions and
    /// facts, as validation reports them).
    pub fn record_ids(&self) -> impl Iterator<Item = (&'static str, usize, &Text)> {
        fn list<'a, T>(
            items: &'a [T],
            name: &'static str,
            id: fn(&T) -> &Text,
        ) -> impl Iterator<Item = (&'static str, usize, &'a Text)> {
            items.iter().enumerate().map(move |(i, x)| (name, i, id(x)))
        }
        let trade = self.trade.iter().flat_map(|t| {
            list(&t.figures, "trade.figures", |f| &f.id)
                .chain(list(&t.products, "trade.products", |p| &p.id))
                .chain(list(&t.growth, "trade.growth", |g| &g.id))
        });
        list(&self.events, "events", |e| &e.id)
            .chain(list(&self.visits, "visits", |v| &v.id))
            .chain(list(&self.agreements, "agreements", |a| &a.id))
            .chain(trade)
            .chain(list(&self.missions, "missions", |m| &m.id))
            .chain(list(&self.facts, "facts", |f| &f.id))
    }

    /// The other country of the relation.
    pub fn other(&self, code: &str) -> &str {
        if self.countries[0] == code {
            &self.countries[1]
        } else {
            &self.countries[0]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(id: &str, title: &str) -> Source {
        Source {
            id: id.into(),
            title: title.into(),
            author: None,
            publisher: None,
            published: None,
            kind: SourceKind::News,
            url: None,
            note: None,
        }
    }

    #[test]
    fn sources_and_countries_are_found_by_id_as_a_scan_would_find_them() {
        // Short ids and long ones (kept apart: see `Positions`).
        let mut sources: Vec<Source> = (1..=1000)
            .map(|i| source(&format!("s{i}"), &format!("Source {i}")))
            .chain((1..=50).map(|i| source(&format!("source-{i:04}"), "Long")))
            .collect();
        // A repeated id (a fault validation reports) finds the first.
        sources.push(source("s7", "Again"));
        sources.push(source("source-0007", "Again"));
        let country = |code: &str, name: &str| Country {
            code: code.into(),
            name: name.into(),
        };
        let countries = vec![
            country("MEX", "Mexico"),
            country("AB", "Ab"),
            country("AB\0", "Ab and a zero byte"),
            country("ABCDEFG", "Seven"),
            country("ABCDEFGH", "Eight"),
        ];
        let ds = Dataset::new(sources, countries, Vec::new());
        for id in [
            "s1",
            "s7",
            "s1000",
            "s1001",
            "",
            "S1",
            "source-0007",
            "source-0050",
            "source-0051",
            "s7\0",
        ] {
            let scan = ds.sources.iter().position(|s| s.id == id);
            assert_eq!(ds.source_number(id), scan.map(|i| i + 1), "{id}");
            assert_eq!(ds.source(id), scan.map(|i| &ds.sources[i]), "{id}");
        }
        for code in [
            "MEX",
            "AB",
            "AB\0",
            "ABCDEFG",
            "ABCDEFGH",
            "VNM",
            "A",
            "ABCDEFGHI",
        ] {
            let scan = ds.countries.iter().find(|c| c.code == code);
            assert_eq!(
                ds.country_name(code),
                scan.map_or(code, |c| c.name.as_str()),
                "{code:?}"
            );
        }
        assert_eq!(ds.country_name("MEX"), "Mexico");
        assert_eq!(ds.country_name("VNM"), "VNM");
        // A copy finds the same, and equality ignores the tables.
        let copy = ds.clone();
        assert_eq!(copy.source_number("s500"), Some(500));
        assert_eq!(
            copy,
            Dataset::new(ds.sources.clone(), ds.countries.clone(), Vec::new())
        );
    }
}
