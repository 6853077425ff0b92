//! `bilateral init FILE --relation ID`: a small layer to start one's own
//! records from. Every text in it says what to put there, so that nothing
//! in it reads as a fact; it is valid as written, over the dataset it was
//! made for.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::Failure;
use crate::data::model::{
    Agreement, AgreementStatus, Change, ChangeKind, Citation, Citations, Country, Event, Fact,
    FactCategory, Growth, Mission, MissionKind, ProductFlow, Source, SourceKind, Text, TradeFigure,
    Visit,
};
use crate::data::{Amount, Dataset, Date, Qualifier, canonical_relation_id, sanitize::clean};

/// Writes the example layer for `relation` to `file`, never over a file.
pub fn run(ds: &Dataset, file: &Path, relation: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let id = canonical_relation_id(relation)
        .filter(|id| id.split('-').all(is_alpha3))
        .ok_or_else(|| {
            Failure::usage(format!(
                "{:?} is not a relation id: two ISO 3166-1 alpha-3 codes joined by a hyphen, e.g. MEX-VNM",
                clean(relation)
            ))
        })?;
    let layer = example(ds, &id);
    let mut text = serde_json::to_string_pretty(&layer).map_err(std::io::Error::from)?;
    text.push('\n');
    write_new(file, text.as_bytes())?;
    let shown = clean(&file.display().to_string()).into_owned();
    writeln!(
        out,
        "wrote {shown}: a layer for {id} with one source and one record of each kind.\n\
         Edit it, then check it with `bilateral validate --with {shown}` \
         and open it with `bilateral --with {shown}`."
    )?;
    Ok(())
}

fn is_alpha3(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Creates `file` with `bytes`; an existing file is a usage error, untouched.
pub(super) fn write_new(file: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let shown = clean(&file.display().to_string()).into_owned();
    let mut f = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(file)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Failure::usage(format!(
                "{shown} already exists; it is never overwritten: give another name or move it away"
            )));
        }
        Err(e) => {
            return Err(Failure::usage(format!(
                "cannot create {shown}: {}",
                clean(&e.to_string())
            )));
        }
    };
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| Failure::usage(format!("cannot write {shown}: {}", clean(&e.to_string()))))
}

/// A layer file as written: its parts in the order a reader expects them,
/// ids first, the parts a layer leaves out absent.
#[derive(Debug, Serialize)]
pub(super) struct LayerFile {
    pub sources: Vec<Source>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<Country>,
    pub relations: Vec<LayerRelation>,
}

/// A layer's relation: its id, and the fields of a relation only when the
/// layers below have no relation of that id to take them from.
#[derive(Debug, Default, Serialize)]
pub(super) struct LayerRelation {
    pub id: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub countries: Option<[Text; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<Citations>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<Event>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<Visit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<Agreement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trade: Option<LayerTrade>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missions: Vec<Mission>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
}

/// A layer's trade: its currency only when no layer below gives one.
#[derive(Debug, Default, Serialize)]
pub(super) struct LayerTrade {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<TradeFigure>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<ProductFlow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub growth: Vec<Growth>,
}

impl LayerRelation {
    /// The relation `id` between `a` and `b`: only its id when `ds` has it,
    /// else whole, with `summary` and `cites`; and the countries `ds` lacks.
    pub(super) fn new(
        ds: &Dataset,
        id: &str,
        (a, b): (&str, &str),
        summary: String,
        cites: &Citations,
    ) -> (LayerRelation, Vec<Country>) {
        let mut rel = LayerRelation {
            id: id.into(),
            ..LayerRelation::default()
        };
        let mut countries = Vec::new();
        if ds.relation(id).is_none() {
            rel.countries = Some([a.into(), b.into()]);
            rel.summary = Some(summary.into());
            rel.sources = Some(cites.clone());
            for code in [a, b] {
                if !ds.countries.iter().any(|c| c.code == code) {
                    countries.push(Country {
                        code: code.into(),
                        name: format!("Replace with the name of {code}").into(),
                    });
                }
            }
        }
        (rel, countries)
    }
}

/// The currency a layer's trade must name: none when the layers below give one.
pub(super) fn currency(ds: &Dataset, id: &str) -> Option<Text> {
    match ds.relation(id).and_then(|r| r.trade.as_ref()) {
        Some(_) => None,
        None => Some("USD".into()),
    }
}

/// The layer: the relation's id (and, for a relation the dataset lacks,
/// what a relation must have), one source and one record of each kind.
fn example(ds: &Dataset, id: &str) -> LayerFile {
    let (a, b) = id.split_once('-').unwrap_or((id, id));
    let stem = id.to_ascii_lowercase();
    let source = format!("{stem}-my-source");
    let cite: Citations = smallvec::smallvec![Citation {
        source: source.clone().into(),
        section: Some("the part of the source that says it".into()),
    }];
    let rid = |kind: &str| Text::from(format!("{stem}-my-{kind}"));
    let date = "2000-01-01".parse::<Date>().ok();
    let summary = "Replace with one paragraph about the relation, in your words.".to_string();
    let (mut rel, countries) = LayerRelation::new(ds, id, (a, b), summary, &cite);
    rel.events = vec![Event {
        id: rid("event"),
        date,
        title: "Replace with what happened".into(),
        detail: "Replace with more about it, or leave empty.".into(),
        tags: vec!["example".into()],
        sources: cite.clone(),
    }];
    rel.visits = vec![Visit {
        id: rid("visit"),
        date,
        visitor: "Replace with who travelled".into(),
        office: Some("Their office at the time".into()),
        from: a.into(),
        to: b.into(),
        purpose: Some("Why they went".into()),
        detail: "".into(),
        sources: cite.clone(),
    }];
    rel.agreements = vec![Agreement {
        id: rid("agreement"),
        title: "Replace with the agreement's title".into(),
        area: "its field".into(),
        status: AgreementStatus::Reported,
        signed: None,
        detail: "".into(),
        sources: cite.clone(),
    }];
    rel.trade = Some(LayerTrade {
        currency: currency(ds, id),
        figures: vec![TradeFigure {
            id: rid("trade-2000"),
            year: 2000,
            from: Some(a.into()),
            to: Some(b.into()),
            reporter: Some(a.into()),
            amount: Amount {
                value: 0.0,
                qualifier: Qualifier::Exact,
                derivation: None,
            },
            note: "Replace: the year, the value in US dollars (not millions), and who reports it."
                .into(),
            sources: cite.clone(),
        }],
        products: vec![ProductFlow {
            id: rid("products"),
            from: a.into(),
            to: b.into(),
            products: vec!["Replace with what one country sells to the other".into()],
            sources: cite.clone(),
        }],
        growth: vec![Growth {
            id: rid("growth"),
            text: "Replace with how trade grew, in your words".into(),
            from_year: Some(1999),
            to_year: Some(2000),
            change: Some(Change {
                kind: ChangeKind::Percent,
                value: 0.0,
            }),
            sources: cite.clone(),
        }],
    });
    rel.missions = vec![Mission {
        id: rid("mission"),
        sending: a.into(),
        host: b.into(),
        kind: MissionKind::Embassy,
        city: Some("Replace with the city".into()),
        accredited_from: None,
        opened: None,
        closed: None,
        reopened: None,
        note: "".into(),
        sources: cite.clone(),
    }];
    rel.facts = vec![Fact {
        id: rid("fact"),
        category: FactCategory::Background,
        text: "Replace with a fact that has no date".into(),
        attributed_to: None,
        sources: cite.clone(),
    }];
    LayerFile {
        sources: vec![Source {
            id: source.into(),
            title: "Replace with the title of your source".into(),
            author: None,
            publisher: None,
            published: None,
            kind: SourceKind::Reference,
            url: Some("https://example.org/replace-with-the-address".into()),
            note: Some("Replace with what a reader should know about the document.".into()),
        }],
        countries,
        relations: vec![rel],
    }
}
