//! The kinds of record, as the command line names them: one list of names
//! for `list KIND` and `search --kind`, plural as listed, singular accepted.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::data::AgreementStatus;
use crate::query::Kind;
use crate::query::filter::VisitFilter;

/// A kind of record, for `search --kind` and `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordKind {
    /// Dated events: establishment, meetings, statements
    #[value(alias = "event")]
    Events,
    /// High-level visits with their direction
    #[value(alias = "visit")]
    Visits,
    /// Agreements with their status
    #[value(alias = "agreement")]
    Agreements,
    /// Yearly trade figures with qualifier, derivation and citation
    #[value(alias = "trades")]
    Trade,
    /// What each country sells to the other
    #[value(alias = "product")]
    Products,
    /// Growth of trade as the sources state it
    #[value(alias = "growths")]
    Growth,
    /// Embassies, consulates and accreditations with their dates
    #[value(alias = "mission")]
    Missions,
    /// Undated facts: memberships, mechanisms, cooperation, positions, proposals, plans
    #[value(alias = "fact")]
    Facts,
}

impl RecordKind {
    pub fn kind(self) -> Kind {
        match self {
            RecordKind::Events => Kind::Event,
            RecordKind::Visits => Kind::Visit,
            RecordKind::Agreements => Kind::Agreement,
            RecordKind::Trade => Kind::Trade,
            RecordKind::Products => Kind::Products,
            RecordKind::Growth => Kind::Growth,
            RecordKind::Missions => Kind::Mission,
            RecordKind::Facts => Kind::Fact,
        }
    }
}

/// `list visits --direction`: the Visits tab's filter (`f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DirectionArg {
    /// Visits both ways
    Both,
    /// From the relation's first country to its second (MEX → VNM for MEX-VNM)
    Forward,
    /// From the relation's second country to its first (VNM → MEX for MEX-VNM)
    Backward,
}

impl DirectionArg {
    pub fn filter(self) -> VisitFilter {
        match self {
            DirectionArg::Both => VisitFilter::Both,
            DirectionArg::Forward => VisitFilter::Forward,
            DirectionArg::Backward => VisitFilter::Backward,
        }
    }
}

/// `list agreements --status`: the Agreements tab's filter (`f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusArg {
    /// Signed, not known to be in force
    Signed,
    /// In force
    InForce,
    /// Under negotiation
    UnderNegotiation,
    /// Reported without saying whether signed
    Reported,
}

impl StatusArg {
    pub fn status(self) -> AgreementStatus {
        match self {
            StatusArg::Signed => AgreementStatus::Signed,
            StatusArg::InForce => AgreementStatus::InForce,
            StatusArg::UnderNegotiation => AgreementStatus::UnderNegotiation,
            StatusArg::Reported => AgreementStatus::Reported,
        }
    }
}

/// What `bilateral list` prints: the relations, the timeline, or one kind of record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Relations,
    Timeline,
    Records(RecordKind),
}

impl ValueEnum for ListKind {
    fn value_variants<'a>() -> &'a [Self] {
        use RecordKind as R;
        &[
            ListKind::Relations,
            ListKind::Timeline,
            ListKind::Records(R::Events),
            ListKind::Records(R::Visits),
            ListKind::Records(R::Agreements),
            ListKind::Records(R::Trade),
            ListKind::Records(R::Products),
            ListKind::Records(R::Growth),
            ListKind::Records(R::Missions),
            ListKind::Records(R::Facts),
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        match self {
            ListKind::Relations => Some(
                PossibleValue::new("relations")
                    .alias("relation")
                    .help("Each relation with its establishment date and record counts"),
            ),
            ListKind::Timeline => Some(PossibleValue::new("timeline").help(
                "Every dated record in order: events, visits, agreements, mission changes, \
                 trade figures",
            )),
            ListKind::Records(k) => k.to_possible_value(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_in_singular_and_plural() {
        for (one, many) in [
            ("event", "events"),
            ("visit", "visits"),
            ("agreement", "agreements"),
            ("product", "products"),
            ("mission", "missions"),
            ("fact", "facts"),
            ("relation", "relations"),
        ] {
            let a = ListKind::from_str(one, true);
            assert!(a.is_ok(), "{one}");
            assert_eq!(a, ListKind::from_str(many, true), "{one}");
        }
        assert_eq!(RecordKind::from_str("Visit", true), Ok(RecordKind::Visits));
        // Every kind of record is a kind of list, under the same name.
        for k in RecordKind::value_variants() {
            let name = k.to_possible_value().map(|v| v.get_name().to_string());
            let listed = ListKind::Records(*k).to_possible_value();
            assert_eq!(name, listed.map(|v| v.get_name().to_string()));
        }
    }
}
