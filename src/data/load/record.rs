//! One record with every fault it has. A record that reads as its type is
//! taken as it is; any other is read again as a tree, and each fault found
//! is reported, then set aside (an unknown field removed, a bad value or a
//! missing field given a stand-in) so the next one can be found and the
//! record can still be checked against the rest of the dataset.

use serde::de::DeserializeOwned;
use serde_path_to_error::Segment;

use super::json::{self, FaultKind, Json, Tree};
use super::walk::Report;
use crate::data::problem::{JsonPath, ProblemKind, Step};

/// Reads to give up after: a record that still has faults is set aside,
/// and reading it again for each of thousands would take quadratic time.
const MAX_READS: usize = 64;

/// The record of type `T` written as `text` at `at`, or `None` if it cannot
/// be made one; every fault goes to `report`.
pub(super) fn record<T: DeserializeOwned>(
    text: &str,
    at: &JsonPath,
    report: &mut Report,
) -> Option<T> {
    if let Ok(t) = serde_json::from_str::<T>(text) {
        return Some(t);
    }
    let value = tree(text, at, report)?;
    from_tree(value, at, report)
}

/// JSON text as a tree, each key given twice in an object reported.
pub(super) fn tree(text: &str, at: &JsonPath, report: &mut Report) -> Option<Tree> {
    let mut repeats = Vec::new();
    let value = json::tree(text, at, &mut repeats);
    for path in repeats {
        report.repeated_key(path);
    }
    value
}

/// Stand-ins tried in turn for a value that is wrong or missing: the first
/// its type accepts is kept. The checks that run later say nothing more about
/// a place that has one: its fault is already reported.
fn stand_in(n: usize) -> Option<Tree> {
    Some(match n {
        0 => Tree::Null,
        1 => Tree::String(String::new()),
        2 => Tree::Number(0.into()),
        3 => Tree::Array(Vec::new()),
        4 => Tree::Object(Vec::new()),
        5 => Tree::Bool(false),
        _ => return None,
    })
}

/// [`record`] from a tree.
pub(super) fn from_tree<T: DeserializeOwned>(
    mut value: Tree,
    at: &JsonPath,
    report: &mut Report,
) -> Option<T> {
    // Where a stand-in was put (relative to the record), and which.
    let mut stand_ins: Vec<(Vec<Step>, usize)> = Vec::new();
    // Unknown fields reported: the object, the key, and the problem.
    let mut unknown: Vec<(Vec<Step>, String, usize)> = Vec::new();
    for _ in 0..MAX_READS {
        let (steps, fault) = match serde_path_to_error::deserialize::<_, T>(Json(&value)) {
            Ok(t) => return Some(t),
            Err(e) => (steps_of(e.path()), e.into_inner()),
        };
        let path = at.join(steps.iter().cloned());
        let quiet = report.is_patched(&path);
        match fault.kind {
            FaultKind::Unknown => {
                let Some((Step::Key(key), object)) = steps.split_last() else {
                    return None;
                };
                if !quiet {
                    let n = report.problem(ProblemKind::Structure, path.clone(), fault.message);
                    unknown.push((object.to_vec(), key.to_string(), n));
                }
                report.patched(path);
                let entries = at_mut(&mut value, object)?.entries_mut()?;
                let n = entries.iter().position(|(k, _)| k == key)?;
                entries.remove(n);
            }
            FaultKind::Missing(field) => {
                let misspelt = unknown
                    .iter()
                    .find(|(object, key, _)| object == &steps && similar(key, field));
                match misspelt {
                    Some((_, _, n)) => report.suggest(*n, field),
                    None if !quiet => {
                        report.problem(ProblemKind::Structure, path.clone(), fault.message);
                    }
                    None => {}
                }
                let mut field_steps = steps.clone();
                field_steps.push(Step::Key(field.into()));
                report.patched(at.join(field_steps.iter().cloned()));
                let entries = at_mut(&mut value, &steps)?.entries_mut()?;
                entries.push((field.to_string(), stand_in(0)?));
                stand_ins.push((field_steps, 0));
            }
            FaultKind::Variant(expected) => {
                if !quiet {
                    report.problem(ProblemKind::Structure, path.clone(), fault.message);
                }
                report.patched(path);
                let first = expected.first()?;
                *at_mut(&mut value, &steps)? = Tree::String((*first).to_string());
            }
            FaultKind::Date(e) => {
                if !quiet {
                    report.problem(ProblemKind::BadDate, path.clone(), e.to_string());
                }
                report.patched(path);
                // Every date of the format may be left out.
                *at_mut(&mut value, &steps)? = Tree::Null;
            }
            FaultKind::Other => {
                // A record that is not an object cannot stand in for one.
                if steps.is_empty() {
                    if !quiet {
                        report.problem(ProblemKind::Structure, path, fault.message);
                    }
                    return None;
                }
                let next = match stand_ins.iter_mut().find(|(s, _)| *s == steps) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        if !quiet {
                            report.problem(ProblemKind::Structure, path.clone(), fault.message);
                        }
                        report.patched(path);
                        stand_ins.push((steps.clone(), 0));
                        0
                    }
                };
                *at_mut(&mut value, &steps)? = stand_in(next)?;
            }
        }
    }
    report.problem(
        ProblemKind::Structure,
        at.clone(),
        format!("this record has more faults than the {MAX_READS} looked for; fix these first"),
    );
    None
}

/// Whether an unknown key is likely a misspelling of a missing field.
fn similar(key: &str, field: &str) -> bool {
    strsim::levenshtein(&key.to_lowercase(), field) <= 2
}

fn steps_of(path: &serde_path_to_error::Path) -> Vec<Step> {
    path.iter()
        .map_while(|segment| match segment {
            Segment::Seq { index } => Some(Step::Index(*index)),
            Segment::Map { key } => Some(Step::Key(key.clone().into())),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

fn at_mut<'v>(value: &'v mut Tree, steps: &[Step]) -> Option<&'v mut Tree> {
    steps.iter().try_fold(value, |v, step| v.child_mut(step))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{Fact, Visit};

    fn read<T: DeserializeOwned>(text: &str) -> (Option<T>, Vec<String>, Vec<String>) {
        let mut report = Report::default();
        let at = JsonPath::root().key("r");
        let t = record::<T>(text, &at, &mut report);
        let problems = report
            .problems
            .iter()
            .map(|p| format!("{} {}: {}", p.kind.code(), p.path, p.message))
            .collect();
        let patched = report.patched.iter().map(ToString::to_string).collect();
        (t, problems, patched)
    }

    #[test]
    fn a_good_record_is_read_as_it_is() {
        let (v, problems, _) = read::<Visit>(
            r#"{"id": "v", "visitor": "A", "from": "MEX", "to": "VNM", "sources": []}"#,
        );
        assert!(v.is_some());
        assert!(problems.is_empty());
    }

    #[test]
    fn every_fault_of_a_record_is_reported_and_the_record_kept() {
        let (v, problems, patched) = read::<Visit>(
            r#"{"id": "v", "date": "2025-13", "visitor": 5, "from": "MEX", "to": "VNM",
                "whom": 1, "sources": [{"source": "s", "page": 2}, "x"], "id": "w"}"#,
        );
        assert_eq!(
            problems,
            [
                "duplicate-key $.r.id: key \"id\" is given more than once in this object; only the first is read",
                "bad-date $.r.date: impossible date \"2025-13\": month 13 does not exist (months are 01 to 12)",
                "structure $.r.visitor: invalid type: integer `5`, expected a string",
                "structure $.r.whom: unknown field `whom`, expected one of `id`, `date`, `visitor`, `office`, `from`, `to`, `purpose`, `detail`, `sources`",
                "structure $.r.sources[0].page: unknown field `page`, expected `source` or `section`",
                "structure $.r.sources[1]: invalid type: string \"x\", expected struct Citation",
            ]
        );
        let v = v.expect("kept with stand-ins");
        assert_eq!((v.id.as_str(), v.date, v.visitor.as_str()), ("v", None, ""));
        assert!(patched.contains(&"$.r.visitor".to_string()));
    }

    #[test]
    fn missing_fields_are_all_reported() {
        let (v, problems, _) = read::<Visit>(r#"{"id": "v", "sources": []}"#);
        assert!(v.is_some());
        assert_eq!(
            problems,
            [
                "structure $.r: missing field `visitor`",
                "structure $.r: missing field `from`",
                "structure $.r: missing field `to`",
            ]
        );
    }

    #[test]
    fn a_misspelt_field_is_one_fault_with_a_suggestion() {
        let (f, problems, _) =
            read::<Fact>(r#"{"id": "f", "category": "plan", "txt": "t", "sources": []}"#);
        assert!(f.is_some());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("structure $.r.txt: unknown field `txt`"));
        assert!(
            problems[0].ends_with("(did you mean `text`?)"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_wrong_word_is_reported_once() {
        let (f, problems, _) =
            read::<Fact>(r#"{"id": "f", "category": "rumour", "text": "t", "sources": []}"#);
        assert!(f.is_some());
        assert_eq!(
            problems,
            [
                "structure $.r.category: unknown variant `rumour`, expected one of `membership`, `mechanism`, `cooperation`, `trade`, `position`, `proposal`, `plan`, `background`"
            ]
        );
    }

    #[test]
    fn a_record_that_is_not_an_object_is_one_fault() {
        let (v, problems, _) = read::<Visit>("\"visit\"");
        assert!(v.is_none());
        assert_eq!(
            problems,
            ["structure $.r: invalid type: string \"visit\", expected struct Visit"]
        );
    }

    #[test]
    fn a_record_with_endless_faults_is_given_up_in_bounded_time() {
        let cites: Vec<String> = (0..5_000).map(|i| format!("{i}")).collect();
        let text = format!(
            r#"{{"id": "v", "visitor": "A", "from": "MEX", "to": "VNM", "sources": [{}]}}"#,
            cites.join(",")
        );
        let (v, problems, _) = read::<Visit>(&text);
        assert!(v.is_none());
        assert!(problems.len() <= MAX_READS + 1, "{}", problems.len());
        assert!(problems.last().unwrap().contains("more faults than"));
    }
}
