//! Layers: dataset files read over a base dataset (`--with FILE`).
//!
//! A layer is a dataset file whose parts may each be left out and whose
//! relations may leave out the fields the layers below give (a layer of a
//! few records names only its relation's id). Relations merge by id, their
//! records by id (a higher layer's record replaces a lower one's in place),
//! sources and countries likewise. The merged dataset is checked as a
//! whole, and each fault is placed back in the file, and at the path in that
//! file, that gave what is wrong.

use std::path::Path;

use rustc_hash::FxHashMap;

use super::stream::{self, Parts};
use super::walk::Omitted;
use super::{LoadError, checked, clean, diagnose, whole};
use crate::data::model::{Dataset, Layers, Relation, Text, Trade};
use crate::data::problem::{JsonPath, Problem, ProblemKind, Step};
use crate::data::sanitize::clean as clean_text;
use crate::data::validate::validate;

/// `base` (named `base_name` in messages) with each file of `paths` over it,
/// in order: every fault of every file at once, each named by its file.
pub fn load_layered(
    base: Dataset,
    base_name: &str,
    paths: &[impl AsRef<Path>],
    max_bytes: u64,
) -> Result<Dataset, LoadError> {
    let mut read = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match read_layer(path.as_ref(), max_bytes) {
            Ok(layer) => read.push(layer),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(LoadError::Layers(errors));
    }
    let mut merge = Merge::new(base, base_name);
    for (n, (name, parts)) in read.into_iter().enumerate() {
        merge.names.push(name.into());
        merge.layer(u16::try_from(n + 1).unwrap_or(u16::MAX), parts);
    }
    merge.finish()
}

/// One layer file, read and cleaned: its name as shown, and its parts.
fn read_layer(path: &Path, max_bytes: u64) -> Result<(String, Parts), LoadError> {
    let (name, meta) = checked(path, max_bytes)?;
    let bytes = whole(path, &name, max_bytes, meta.len(), &|_| {})?;
    let mut parts = match stream::read_layer(&bytes) {
        Ok(parts) => parts,
        Err(stop) => return Err(diagnose(&bytes, name, stop)),
    };
    let mut problems = std::mem::take(&mut parts.report.problems);
    clean::sources(&mut parts.sources, &mut problems);
    clean::countries(&mut parts.countries);
    for (i, rel) in parts.relations.iter_mut().enumerate() {
        clean::relation(rel, i, &mut problems);
    }
    if problems.is_empty() {
        Ok((name, parts))
    } else {
        Err(LoadError::Invalid { name, problems })
    }
}

/// A place in one of the files: which (0 the base) and where in it.
#[derive(Debug, Clone)]
struct Origin {
    file: u16,
    path: JsonPath,
}

/// Where the parts of a merged relation that a layer gave came from.
#[derive(Debug, Default)]
struct RelOrigin {
    /// The relation itself, when a layer added it.
    whole: Option<Origin>,
    /// Its own fields ("summary", "trade.currency") a layer set.
    fields: FxHashMap<&'static str, Origin>,
    /// Records a layer added or replaced: (list, position) → where.
    items: FxHashMap<(&'static str, usize), Origin>,
}

/// The merge under way: the dataset so far and where its parts came from.
/// A position absent from the maps is the base's own, at the same path.
struct Merge {
    ds: Dataset,
    names: Vec<Text>,
    sources: FxHashMap<usize, Origin>,
    countries: FxHashMap<usize, Origin>,
    relations: FxHashMap<usize, RelOrigin>,
    provenance: Layers,
    /// Faults found while merging, already placed in their file.
    problems: Vec<(u16, Problem)>,
}

impl Merge {
    fn new(base: Dataset, base_name: &str) -> Merge {
        Merge {
            ds: base,
            names: vec![clean_text(base_name).into()],
            sources: FxHashMap::default(),
            countries: FxHashMap::default(),
            relations: FxHashMap::default(),
            provenance: Layers::default(),
            problems: Vec::new(),
        }
    }

    /// Puts layer `n` over what is merged so far.
    fn layer(&mut self, n: u16, parts: Parts) {
        let Parts {
            sources,
            countries,
            relations,
            omitted,
            ..
        } = parts;
        for (k, s) in sources.into_iter().enumerate() {
            let at = JsonPath::root().key("sources").index(k);
            self.provenance.sources.insert(s.id.clone(), n);
            let pos = self.ds.sources.iter().position(|x| x.id == s.id);
            let pos = put(&mut self.ds.sources, pos, s);
            self.sources.insert(pos, Origin { file: n, path: at });
        }
        for (k, c) in countries.into_iter().enumerate() {
            let at = JsonPath::root().key("countries").index(k);
            let pos = self.ds.countries.iter().position(|x| x.code == c.code);
            let pos = put(&mut self.ds.countries, pos, c);
            self.countries.insert(pos, Origin { file: n, path: at });
        }
        for (k, (rel, omitted)) in relations.into_iter().zip(omitted).enumerate() {
            let at = JsonPath::root().key("relations").index(k);
            match self.ds.relations.iter().position(|r| r.id == rel.id) {
                Some(pos) => self.over_relation(pos, rel, omitted, n, &at),
                None => self.new_relation(rel, omitted, n, at),
            }
        }
    }

    /// A relation no layer below has: it must be whole.
    fn new_relation(&mut self, rel: Relation, omitted: Omitted, n: u16, at: JsonPath) {
        if omitted.any() {
            let missing = [
                ("countries", omitted.countries),
                ("summary", omitted.summary),
                ("sources", omitted.sources),
            ];
            for (field, _) in missing.iter().filter(|(_, m)| *m) {
                let message = format!(
                    "missing field \"{field}\": no layer below has a relation {:?} to take it from",
                    rel.id
                );
                let p = Problem::new(ProblemKind::Structure, at.clone(), message);
                self.problems.push((n, p));
            }
            if omitted.currency {
                self.problems.push((n, no_currency(&at)));
            }
            return;
        }
        for (_, _, id) in rel.record_ids() {
            self.provenance.records.insert(id.clone(), n);
        }
        let origin = RelOrigin {
            whole: Some(Origin { file: n, path: at }),
            ..RelOrigin::default()
        };
        self.relations.insert(self.ds.relations.len(), origin);
        self.ds.relations.push(rel);
    }

    /// A layer's relation over the one at `pos`: the fields it gives replace
    /// those below, its records join them by id.
    fn over_relation(
        &mut self,
        pos: usize,
        rel: Relation,
        omitted: Omitted,
        n: u16,
        at: &JsonPath,
    ) {
        let Some(below) = self.ds.relations.get_mut(pos) else {
            return;
        };
        let origin = self.relations.entry(pos).or_default();
        let mut set = |field: &'static str, given: bool| {
            if given {
                let path = field.split('.').fold(at.clone(), |p, k| p.key(k));
                origin.fields.insert(field, Origin { file: n, path });
            }
        };
        set("countries", !omitted.countries);
        set("summary", !omitted.summary);
        set("sources", !omitted.sources);
        set("established", rel.established.is_some());
        let Relation {
            countries,
            established,
            summary,
            sources,
            events,
            visits,
            agreements,
            trade,
            missions,
            facts,
            ..
        } = rel;
        if !omitted.countries {
            below.countries = countries;
        }
        if !omitted.summary {
            below.summary = summary;
        }
        if !omitted.sources {
            below.sources = sources;
        }
        if established.is_some() {
            below.established = established;
        }
        let mut into = Joining {
            n,
            at,
            origin,
            records: &mut self.provenance.records,
        };
        into.list(&mut below.events, events, "events", |e| &e.id);
        into.list(&mut below.visits, visits, "visits", |v| &v.id);
        into.list(&mut below.agreements, agreements, "agreements", |a| &a.id);
        into.list(&mut below.missions, missions, "missions", |m| &m.id);
        into.list(&mut below.facts, facts, "facts", |f| &f.id);
        let Some(trade) = trade else {
            return;
        };
        let below_trade = match &mut below.trade {
            Some(t) => t,
            None if omitted.currency => {
                self.problems.push((n, no_currency(at)));
                return;
            }
            None => below.trade.insert(Trade {
                currency: trade.currency.clone(),
                figures: Vec::new(),
                products: Vec::new(),
                growth: Vec::new(),
            }),
        };
        if !omitted.currency {
            below_trade.currency = trade.currency;
            let path = at.key("trade").key("currency");
            into.origin
                .fields
                .insert("trade.currency", Origin { file: n, path });
        }
        into.list(
            &mut below_trade.figures,
            trade.figures,
            "trade.figures",
            |f| &f.id,
        );
        into.list(
            &mut below_trade.products,
            trade.products,
            "trade.products",
            |p| &p.id,
        );
        into.list(&mut below_trade.growth, trade.growth, "trade.growth", |g| {
            &g.id
        });
    }

    /// The merged dataset, or every fault of it, each in its file.
    fn finish(self) -> Result<Dataset, LoadError> {
        let Merge {
            ds,
            names,
            sources,
            countries,
            relations,
            mut provenance,
            mut problems,
        } = self;
        // Built anew: the lookup tables of the base no longer hold.
        let mut ds = Dataset::new(ds.sources, ds.countries, ds.relations);
        let origins = Origins {
            sources,
            countries,
            relations,
        };
        for p in validate(&ds) {
            problems.push(origins.place(p, &names));
        }
        if problems.is_empty() {
            provenance.names = names;
            ds.set_layers(provenance);
            return Ok(ds);
        }
        problems.sort_by_key(|(file, _)| *file);
        let mut errors: Vec<LoadError> = Vec::new();
        for (file, p) in problems {
            let name = names.get(usize::from(file)).map_or("", Text::as_str);
            match errors.last_mut() {
                Some(LoadError::Invalid {
                    name: last,
                    problems,
                }) if last == name => problems.push(p),
                _ => errors.push(LoadError::Invalid {
                    name: name.to_string(),
                    problems: vec![p],
                }),
            }
        }
        Err(LoadError::Layers(errors))
    }
}

/// Puts `item` at `pos` (replacing what is there) or at the end; where it went.
fn put<T>(list: &mut Vec<T>, pos: Option<usize>, item: T) -> usize {
    match pos.and_then(|p| list.get_mut(p).map(|slot| (p, slot))) {
        Some((p, slot)) => {
            *slot = item;
            p
        }
        None => {
            list.push(item);
            list.len() - 1
        }
    }
}

/// Merging one layer's records into one relation.
struct Joining<'a> {
    n: u16,
    at: &'a JsonPath,
    origin: &'a mut RelOrigin,
    records: &'a mut FxHashMap<Text, u16>,
}

impl Joining<'_> {
    /// Each record of `from` replaces the record of `into` with its id, or
    /// joins the list's end.
    fn list<T>(
        &mut self,
        into: &mut Vec<T>,
        from: Vec<T>,
        list: &'static str,
        id: fn(&T) -> &Text,
    ) {
        if from.is_empty() {
            return;
        }
        let mut at: FxHashMap<Text, usize> = into
            .iter()
            .enumerate()
            .map(|(i, x)| (id(x).clone(), i))
            .collect();
        let file_list = list.split('.').fold(self.at.clone(), |p, k| p.key(k));
        for (j, item) in from.into_iter().enumerate() {
            let key = id(&item).clone();
            let pos = put(into, at.get(&key).copied(), item);
            at.insert(key.clone(), pos);
            self.records.insert(key, self.n);
            let path = file_list.index(j);
            self.origin
                .items
                .insert((list, pos), Origin { file: self.n, path });
        }
    }
}

/// A layer's relation whose trade leaves out the currency, where no layer
/// below gives one.
fn no_currency(at: &JsonPath) -> Problem {
    Problem::new(
        ProblemKind::Structure,
        at.key("trade"),
        "missing field \"currency\": no layer below gives this relation's trade one",
    )
}

/// Where the parts of the merged dataset came from.
struct Origins {
    sources: FxHashMap<usize, Origin>,
    countries: FxHashMap<usize, Origin>,
    relations: FxHashMap<usize, RelOrigin>,
}

const LISTS: [&str; 5] = ["events", "visits", "agreements", "missions", "facts"];
const TRADE_LISTS: [&str; 3] = ["trade.figures", "trade.products", "trade.growth"];

impl Origins {
    /// A fault of the merged dataset, placed in the file that gave what is
    /// wrong. A place it refers to in another file is named with that file.
    fn place(&self, mut p: Problem, names: &[Text]) -> (u16, Problem) {
        let (file, path) = self.locate(&p.path);
        p.path = path;
        if let Some((words, place)) = p.see.take() {
            let (other, place) = self.locate(&place);
            if other == file {
                p.see = Some((words, place));
            } else {
                let name = names.get(usize::from(other)).map_or("", Text::as_str);
                p.message = format!("{} ({words} {name} {place})", p.message);
            }
        }
        (file, p)
    }

    /// The file and the path in it of a place in the merged dataset.
    fn locate(&self, path: &JsonPath) -> (u16, JsonPath) {
        let base = (0, path.clone());
        let steps = path.steps();
        let (Some(Step::Key(part)), Some(Step::Index(i))) = (steps.first(), steps.get(1)) else {
            return base;
        };
        let rest = &steps[2..];
        let found = match part.as_ref() {
            "sources" => self.sources.get(i),
            "countries" => self.countries.get(i),
            "relations" => match self.relations.get(i) {
                Some(rel) => return rel.locate(rest).unwrap_or(base),
                None => None,
            },
            _ => None,
        };
        match found {
            Some(o) => (o.file, o.path.join(rest.iter().cloned())),
            None => base,
        }
    }
}

impl RelOrigin {
    /// `rest`, a path inside this relation, in the file that gave it.
    fn locate(&self, rest: &[Step]) -> Option<(u16, JsonPath)> {
        let key = |n: usize| match rest.get(n) {
            Some(Step::Key(k)) => Some(k.as_ref()),
            _ => None,
        };
        let index = |n: usize| match rest.get(n) {
            Some(Step::Index(i)) => Some(*i),
            _ => None,
        };
        let item = |list: &str, n: usize| {
            let i = index(n)?;
            let list = LISTS.iter().chain(&TRADE_LISTS).find(|l| **l == list)?;
            self.items.get(&(*list, i)).map(|o| (o, n + 1))
        };
        let found = match (key(0), key(1)) {
            (Some("trade"), Some(list)) if index(2).is_some() => item(&format!("trade.{list}"), 2),
            (Some("trade"), Some("currency")) => self.fields.get("trade.currency").map(|o| (o, 2)),
            (Some(list), _) if index(1).is_some() => item(list, 1),
            (Some(field), _) => self.fields.get(field).map(|o| (o, 1)),
            _ => None,
        };
        let (origin, used) = match found {
            Some(found) => found,
            None => (self.whole.as_ref()?, 0),
        };
        let rest = rest.get(used..).unwrap_or_default();
        Some((origin.file, origin.path.join(rest.iter().cloned())))
    }
}
