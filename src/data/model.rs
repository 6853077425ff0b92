//! The dataset's records, exactly as they are written in `relations.json`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::Date;
use super::money::Amount;

/// A whole dataset: the sources it cites, the countries it names and the
/// relations between them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "bilateral dataset")]
pub struct Dataset {
    /// Documents the facts come from. Metadata only: never copied text.
    pub sources: Vec<Source>,
    pub countries: Vec<Country>,
    pub relations: Vec<Relation>,
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
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Date>,
    pub kind: SourceKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Anything a reader should know about the document itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Country {
    /// ISO 3166-1 alpha-3 code, e.g. "MEX".
    pub code: String,
    pub name: String,
}

/// Where in a source a fact is stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The `id` of an entry of `sources`.
    pub source: String,
    /// A section, heading or paragraph of the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The two country codes in alphabetical order joined by a hyphen: "MEX-VNM".
    pub id: String,
    /// The two countries, as listed in `countries`.
    pub countries: [String; 2],
    /// When diplomatic relations were established.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub established: Option<Date>,
    /// One paragraph, in our own words.
    pub summary: String,
    pub sources: Vec<Citation>,
    #[serde(default)]
    pub events: Vec<Event>,
    #[serde(default)]
    pub visits: Vec<Visit>,
    #[serde(default)]
    pub agreements: Vec<Agreement>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade: Option<Trade>,
    #[serde(default)]
    pub missions: Vec<Mission>,
    #[serde(default)]
    pub facts: Vec<Fact>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub tags: Vec<String>,
    pub sources: Vec<Citation>,
}

/// A high-level visit: one person, one trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Visit {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// The person or delegation, as the source names them.
    pub visitor: String,
    /// The office held at the time of the visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// Country code of the visitor's country.
    pub from: String,
    /// Country code of the country visited.
    pub to: String,
    /// Purpose or occasion of the visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
    #[serde(default)]
    pub detail: String,
    pub sources: Vec<Citation>,
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
    pub id: String,
    pub title: String,
    /// Field of cooperation: "agriculture", "visas", …
    pub area: String,
    pub status: AgreementStatus,
    /// When it was signed, if the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<Date>,
    #[serde(default)]
    pub detail: String,
    pub sources: Vec<Citation>,
}

/// Trade between the two countries of a relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trade {
    /// ISO 4217 code of every figure: "USD".
    pub currency: String,
    #[serde(default)]
    pub figures: Vec<TradeFigure>,
    /// What each country sells to the other.
    #[serde(default)]
    pub products: Vec<ProductFlow>,
    /// Growth the sources state in words ("up 27.5% from 2023").
    #[serde(default)]
    pub growth: Vec<Growth>,
}

/// One year's trade: two-way when `from`/`to` are absent, else one direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TradeFigure {
    pub id: String,
    pub year: i32,
    /// Exporting country, for a one-direction figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Importing country, for a one-direction figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    pub amount: Amount,
    #[serde(default)]
    pub note: String,
    pub sources: Vec<Citation>,
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
    pub id: String,
    pub from: String,
    pub to: String,
    pub products: Vec<String>,
    pub sources: Vec<Citation>,
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
    pub id: String,
    /// The statement in our words.
    pub text: String,
    /// First year of the comparison, when the source names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<i32>,
    /// Last year of the comparison, when the source names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    pub sources: Vec<Citation>,
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
    pub id: String,
    /// Country code of the country that sends the mission.
    pub sending: String,
    /// Country code of the country the mission is accredited to.
    pub host: String,
    pub kind: MissionKind,
    /// Where the mission sits, when the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// For `accredited_from`: the country code of the third country the mission sits in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accredited_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opened: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopened: Option<Date>,
    #[serde(default)]
    pub note: String,
    pub sources: Vec<Citation>,
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
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// An undated fact: a membership, a mechanism, a field of cooperation, a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub category: FactCategory,
    pub text: String,
    /// Who stated or proposed it, when the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributed_to: Option<Person>,
    pub sources: Vec<Citation>,
}

impl Dataset {
    pub fn country_name<'a>(&'a self, code: &'a str) -> &'a str {
        self.countries
            .iter()
            .find(|c| c.code == code)
            .map_or(code, |c| c.name.as_str())
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
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
    /// The other country of the relation.
    pub fn other(&self, code: &str) -> &str {
        if self.countries[0] == code {
            &self.countries[1]
        } else {
            &self.countries[0]
        }
    }
}
