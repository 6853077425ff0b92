//! One view over every kind of record, so lists, search and the detail pane
//! can treat an event, a visit or a trade figure alike.

use std::borrow::Cow;

use crate::data::{
    Agreement, Citation, Dataset, Date, Event, Fact, Growth, Mission, ProductFlow, Relation,
    TradeFigure, Visit,
};

/// The kinds of record a relation holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Event,
    Visit,
    Agreement,
    Trade,
    Products,
    Growth,
    Mission,
    Fact,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Event,
        Kind::Visit,
        Kind::Agreement,
        Kind::Trade,
        Kind::Products,
        Kind::Growth,
        Kind::Mission,
        Kind::Fact,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Visit => "visit",
            Kind::Agreement => "agreement",
            Kind::Trade => "trade",
            Kind::Products => "products",
            Kind::Growth => "growth",
            Kind::Mission => "mission",
            Kind::Fact => "fact",
        }
    }

    /// Records of this kind, in words: "events", "trade figures".
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Event => "events",
            Kind::Visit => "visits",
            Kind::Agreement => "agreements",
            Kind::Trade => "trade figures",
            Kind::Products => "product lists",
            Kind::Growth => "growth statements",
            Kind::Mission => "missions",
            Kind::Fact => "facts",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.label() == s.to_ascii_lowercase())
    }
}

/// A borrowed record of any kind.
#[derive(Debug, Clone, Copy)]
pub enum Record<'a> {
    Event(&'a Event),
    Visit(&'a Visit),
    Agreement(&'a Agreement),
    Trade(&'a TradeFigure),
    Products(&'a ProductFlow),
    Growth(&'a Growth),
    Mission(&'a Mission),
    Fact(&'a Fact),
}

/// Where a record lives: which relation, which list, which position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordRef {
    pub relation: usize,
    pub kind: Kind,
    pub index: usize,
}

impl RecordRef {
    pub fn resolve<'a>(&self, ds: &'a Dataset) -> Option<(&'a Relation, Record<'a>)> {
        let rel = ds.relations.get(self.relation)?;
        let trade = rel.trade.as_ref();
        let i = self.index;
        let rec = match self.kind {
            Kind::Event => Record::Event(rel.events.get(i)?),
            Kind::Visit => Record::Visit(rel.visits.get(i)?),
            Kind::Agreement => Record::Agreement(rel.agreements.get(i)?),
            Kind::Trade => Record::Trade(trade?.figures.get(i)?),
            Kind::Products => Record::Products(trade?.products.get(i)?),
            Kind::Growth => Record::Growth(trade?.growth.get(i)?),
            Kind::Mission => Record::Mission(rel.missions.get(i)?),
            Kind::Fact => Record::Fact(rel.facts.get(i)?),
        };
        Some((rel, rec))
    }
}

/// Every record of a relation, list by list, in document order.
pub fn records_of(rel: &Relation, relation: usize) -> impl Iterator<Item = RecordRef> + '_ {
    let trade = rel.trade.as_ref();
    let lens = [
        (Kind::Event, rel.events.len()),
        (Kind::Visit, rel.visits.len()),
        (Kind::Agreement, rel.agreements.len()),
        (Kind::Trade, trade.map_or(0, |t| t.figures.len())),
        (Kind::Products, trade.map_or(0, |t| t.products.len())),
        (Kind::Growth, trade.map_or(0, |t| t.growth.len())),
        (Kind::Mission, rel.missions.len()),
        (Kind::Fact, rel.facts.len()),
    ];
    lens.into_iter().flat_map(move |(kind, n)| {
        (0..n).map(move |index| RecordRef {
            relation,
            kind,
            index,
        })
    })
}

impl<'a> Record<'a> {
    pub fn kind(&self) -> Kind {
        match self {
            Record::Event(_) => Kind::Event,
            Record::Visit(_) => Kind::Visit,
            Record::Agreement(_) => Kind::Agreement,
            Record::Trade(_) => Kind::Trade,
            Record::Products(_) => Kind::Products,
            Record::Growth(_) => Kind::Growth,
            Record::Mission(_) => Kind::Mission,
            Record::Fact(_) => Kind::Fact,
        }
    }

    pub fn id(&self) -> &'a str {
        match self {
            Record::Event(r) => &r.id,
            Record::Visit(r) => &r.id,
            Record::Agreement(r) => &r.id,
            Record::Trade(r) => &r.id,
            Record::Products(r) => &r.id,
            Record::Growth(r) => &r.id,
            Record::Mission(r) => &r.id,
            Record::Fact(r) => &r.id,
        }
    }

    pub fn sources(&self) -> &'a [Citation] {
        match self {
            Record::Event(r) => &r.sources,
            Record::Visit(r) => &r.sources,
            Record::Agreement(r) => &r.sources,
            Record::Trade(r) => &r.sources,
            Record::Products(r) => &r.sources,
            Record::Growth(r) => &r.sources,
            Record::Mission(r) => &r.sources,
            Record::Fact(r) => &r.sources,
        }
    }

    /// The date a record sorts by: an event's date, a visit's, a signing, a
    /// trade year, a mission's opening. Undated records return `None`.
    pub fn date(&self) -> Option<Date> {
        match self {
            Record::Event(r) => r.date,
            Record::Visit(r) => r.date,
            Record::Agreement(r) => r.signed,
            Record::Trade(r) => Some(Date::year_only(r.year)),
            Record::Growth(r) => r.to_year.map(Date::year_only),
            Record::Mission(r) => r.opened,
            Record::Products(_) | Record::Fact(_) => None,
        }
    }

    /// A one-line headline for lists and search results.
    pub fn headline(&self, ds: &Dataset, rel: &Relation) -> String {
        self.headline_text(ds, rel).into_owned()
    }

    /// [`Record::headline`], borrowed from the record where it is one of
    /// its texts as written: indexing copies no title.
    pub fn headline_text(&self, ds: &Dataset, rel: &Relation) -> Cow<'a, str> {
        let currency = rel.currency();
        Cow::Owned(match self {
            Record::Event(e) => return Cow::Borrowed(&e.title),
            Record::Visit(v) => {
                // Pieced together: a million visits are written when indexed.
                let to = ds.country_name(&v.to);
                let office = v.office.as_deref();
                let mut out = String::with_capacity(
                    office.map_or(0, |o| o.len() + 1) + v.visitor.len() + 4 + to.len(),
                );
                if let Some(office) = office {
                    out.push_str(office);
                    out.push(' ');
                }
                out.push_str(&v.visitor);
                out.push_str(" to ");
                out.push_str(to);
                out
            }
            Record::Agreement(a) => return Cow::Borrowed(&a.title),
            Record::Trade(f) => format!(
                "{} {}: {}",
                figure_flow(ds, rel, f),
                f.year,
                f.amount.display(currency)
            ),
            Record::Products(p) => {
                let (from, to) = (ds.country_name(&p.from), ds.country_name(&p.to));
                let items: usize = p.products.iter().map(|t| t.len() + 2).sum();
                let mut out = String::with_capacity(from.len() + 12 + to.len() + items);
                out.push_str(from);
                out.push_str(" exports to ");
                out.push_str(to);
                out.push_str(": ");
                for (i, t) in p.products.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(t);
                }
                out
            }
            Record::Growth(g) => return Cow::Borrowed(&g.text),
            Record::Mission(m) => mission_name(ds, m),
            Record::Fact(f) => return Cow::Borrowed(&f.text),
        })
    }

    /// Every piece of text in the record, for word search.
    pub fn texts(&self) -> Vec<&'a str> {
        let mut out: Vec<&'a str> = Vec::new();
        match self {
            Record::Event(e) => {
                out.extend([e.title.as_str(), e.detail.as_str()]);
                out.extend(e.tags.iter().map(|t| t.as_str()));
            }
            Record::Visit(v) => {
                out.extend([v.visitor.as_str(), v.detail.as_str()]);
                out.extend(v.office.as_deref());
                out.extend(v.purpose.as_deref());
            }
            Record::Agreement(a) => {
                out.extend([a.title.as_str(), a.area.as_str(), a.detail.as_str()])
            }
            Record::Trade(f) => out.push(f.note.as_str()),
            Record::Products(p) => out.extend(p.products.iter().map(|t| t.as_str())),
            Record::Growth(g) => out.push(g.text.as_str()),
            Record::Mission(m) => {
                out.push(m.note.as_str());
                out.extend(m.city.as_deref());
            }
            Record::Fact(f) => {
                out.push(f.text.as_str());
                if let Some(p) = &f.attributed_to {
                    out.push(p.name.as_str());
                    out.extend(p.role.as_deref());
                }
            }
        }
        out
    }
}

/// "two-way", or "Vietnam → Mexico" for a one-direction figure.
pub fn flow_label(ds: &Dataset, _rel: &Relation, from: Option<&str>, to: Option<&str>) -> String {
    match (from, to) {
        (Some(f), Some(t)) => format!("{} → {}", ds.country_name(f), ds.country_name(t)),
        _ => "two-way trade".to_string(),
    }
}

/// A figure's flow, and who reported it when it says: "Vietnam → Mexico,
/// reported by Mexico", so mirror figures of one flow tell themselves apart.
pub fn figure_flow(ds: &Dataset, rel: &Relation, f: &TradeFigure) -> String {
    let flow = flow_label(ds, rel, f.from.as_deref(), f.to.as_deref());
    match &f.reporter {
        Some(r) => format!("{flow}, reported by {}", ds.country_name(r)),
        None => flow,
    }
}

/// "Mexico's embassy in Hanoi", "Vietnam's embassy in Mexico", "Mexico accredited from Tehran, Iran".
pub fn mission_name(ds: &Dataset, m: &Mission) -> String {
    use crate::data::MissionKind;
    let sender = ds.country_name(&m.sending);
    let host = ds.country_name(&m.host);
    match (m.kind, &m.city) {
        (MissionKind::AccreditedFrom, city) => {
            let third = m
                .accredited_from
                .as_deref()
                .map_or("", |c| ds.country_name(c));
            let place = match city {
                Some(c) if !third.is_empty() => format!("{c}, {third}"),
                Some(c) => c.to_string(),
                None => third.to_string(),
            };
            format!("{sender} covers {host} from its embassy in {place}")
        }
        // Pieced together: a million missions are written when indexed.
        (kind, city) => {
            let (label, place) = (kind.label(), city.as_deref().unwrap_or(host));
            let mut out = String::with_capacity(sender.len() + label.len() + place.len() + 6);
            out.push_str(sender);
            out.push_str("'s ");
            out.push_str(label);
            out.push_str(" in ");
            out.push_str(place);
            out
        }
    }
}

/// A mission's status in words: "open", "closed", "accredited from Tehran, Iran".
pub fn mission_status(ds: &Dataset, m: &Mission) -> String {
    use crate::data::MissionStatus;
    match m.status() {
        MissionStatus::Accredited => {
            let third = m.accredited_from.as_deref().map(|c| ds.country_name(c));
            match (&m.city, third) {
                (Some(city), Some(t)) => format!("accredited from {city}, {t}"),
                (None, Some(t)) => format!("accredited from {t}"),
                _ => MissionStatus::Accredited.label().to_string(),
            }
        }
        s => s.label().to_string(),
    }
}

/// How many records of each kind a relation holds, in one line:
/// "4 events · 9 visits · 6 agreements · 12 trade figures · 5 missions · 8 facts".
pub fn record_counts(rel: &Relation) -> String {
    format!(
        "{} events · {} visits · {} agreements · {} trade figures · {} missions · {} facts",
        rel.events.len(),
        rel.visits.len(),
        rel.agreements.len(),
        rel.trade.as_ref().map_or(0, |t| t.figures.len()),
        rel.missions.len(),
        rel.facts.len()
    )
}
