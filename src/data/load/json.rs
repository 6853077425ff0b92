//! JSON as the reporting path reads one record: a tree that notices a key
//! given twice (serde_json's own keeps the last one silently), and a
//! deserializer over that tree whose errors say what kind of fault they are,
//! so no one has to guess it from the wording.

use std::fmt;

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};
use serde_json::Number;

use crate::data::date::{self, Date, DateError};
use crate::data::problem::{JsonPath, Step};
use crate::data::sanitize::clean;

/// What kind of fault a deserialization error is.
#[derive(Debug)]
pub(super) enum FaultKind {
    /// A date that does not parse.
    Date(DateError),
    /// A required field is absent.
    Missing(&'static str),
    /// A field the record does not have.
    Unknown,
    /// A word that is not one of the allowed ones.
    Variant(&'static [&'static str]),
    /// Any other: a wrong type, a number out of range, a wrong length.
    Other,
}

/// A deserialization error: its kind and its message for users.
#[derive(Debug)]
pub(super) struct Fault {
    pub kind: FaultKind,
    pub message: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Fault {}

/// serde's own wording, so both paths word a fault alike.
fn serde_says(e: de::value::Error) -> String {
    e.to_string()
}

/// What was found, as serde_json words it: a string quoted cleaned, as every
/// dataset text is shown, and JSON's null by its name.
fn cleaned(u: Unexpected<'_>) -> String {
    match u {
        Unexpected::Str(s) => format!("string {:?}", clean(s)),
        Unexpected::Unit => "null".to_string(),
        other => other.to_string(),
    }
}

impl de::Error for Fault {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Fault {
            kind: FaultKind::Other,
            message: msg.to_string(),
        }
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::custom(format!("invalid type: {}, expected {exp}", cleaned(unexp)))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::custom(format!("invalid value: {}, expected {exp}", cleaned(unexp)))
    }

    fn missing_field(field: &'static str) -> Self {
        Fault {
            kind: FaultKind::Missing(field),
            message: format!("missing field `{field}`"),
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Fault {
            kind: FaultKind::Unknown,
            message: serde_says(de::value::Error::unknown_field(field, expected)),
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Fault {
            kind: FaultKind::Variant(expected),
            message: serde_says(de::value::Error::unknown_variant(variant, expected)),
        }
    }
}

/// A JSON value as the reporting path holds it: an object keeps its keys in
/// the order written, so faults are reported in the order of the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tree {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl Tree {
    pub fn entries_mut(&mut self) -> Option<&mut Vec<(String, Tree)>> {
        match self {
            Tree::Object(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value at a key of an object, or an index of an array.
    pub fn child_mut(&mut self, step: &Step) -> Option<&mut Tree> {
        match (step, self) {
            (Step::Key(k), Tree::Object(entries)) => {
                entries.iter_mut().find(|(key, _)| key == k).map(|(_, v)| v)
            }
            (Step::Index(i), Tree::Array(items)) => items.get_mut(*i),
            _ => None,
        }
    }
}

/// A deserializer over a [`Tree`] that accepts exactly what serde_json
/// accepts from text, so a record parses the same on either path.
#[derive(Clone, Copy)]
pub(super) struct Json<'a>(pub &'a Tree);

impl<'de> IntoDeserializer<'de, Fault> for Json<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for Json<'de> {
    type Error = Fault;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fault> {
        match self.0 {
            Tree::Null => v.visit_unit(),
            Tree::Bool(b) => v.visit_bool(*b),
            Tree::Number(n) => number(n, v),
            Tree::String(s) => v.visit_borrowed_str(s),
            Tree::Array(items) => {
                let mut seq = SeqDeserializer::new(items.iter().map(Json));
                let out = v.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(out)
            }
            Tree::Object(map) => {
                let mut entries =
                    MapDeserializer::new(map.iter().map(|(k, v)| (k.as_str(), Json(v))));
                let out = v.visit_map(&mut entries)?;
                entries.end()?;
                Ok(out)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fault> {
        match self.0 {
            Tree::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, Fault> {
        if let (date::SERDE_NAME, Tree::String(s)) = (name, self.0)
            && let Err(e) = s.parse::<Date>()
        {
            return Err(Fault {
                message: e.to_string(),
                kind: FaultKind::Date(e),
            });
        }
        v.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Fault> {
        match self.0 {
            Tree::String(s) => v.visit_enum(s.as_str().into_deserializer()),
            // serde_json also takes `{"variant": null}` for a unit variant.
            Tree::Object(map) if map.len() == 1 => match map.first() {
                Some((variant, value)) => v.visit_enum(Tagged { variant, value }),
                None => Err(de::Error::invalid_type(Unexpected::Map, &"a string")),
            },
            other => Err(de::Error::invalid_type(unexpected(other), &"a string")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fault> {
        v.visit_unit()
    }

    /// A record is an object. serde_json also takes the values of its fields
    /// as an array, in order, all of them; that form is reported here as the
    /// fault it almost always is, instead of being read field by field.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Fault> {
        match self.0 {
            Tree::Array(_) => Err(de::Error::invalid_type(Unexpected::Seq, &v)),
            _ => self.deserialize_any(v),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

fn number<'de, V: Visitor<'de>>(n: &Number, v: V) -> Result<V::Value, Fault> {
    if let Some(u) = n.as_u64() {
        v.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        v.visit_i64(i)
    } else {
        v.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

fn unexpected(v: &Tree) -> Unexpected<'_> {
    match v {
        Tree::Null => Unexpected::Unit,
        Tree::Bool(b) => Unexpected::Bool(*b),
        Tree::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (_, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Tree::String(s) => Unexpected::Str(s),
        Tree::Array(_) => Unexpected::Seq,
        Tree::Object(_) => Unexpected::Map,
    }
}

/// An enum written as an object of one entry: `{"variant": value}`.
struct Tagged<'a> {
    variant: &'a str,
    value: &'a Tree,
}

impl<'de> EnumAccess<'de> for Tagged<'de> {
    type Error = Fault;
    type Variant = Json<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Json<'de>), Fault> {
        let variant = seed.deserialize(self.variant.into_deserializer())?;
        Ok((variant, Json(self.value)))
    }
}

impl<'de> VariantAccess<'de> for Json<'de> {
    type Error = Fault;

    fn unit_variant(self) -> Result<(), Fault> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Fault> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, v: V) -> Result<V::Value, Fault> {
        self.deserialize_any(v)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Fault> {
        self.deserialize_any(v)
    }
}

/// Reads JSON text into a tree, noting in `repeats` the path of every key
/// an object already had (the first value is kept). `None` for text that is
/// not JSON, which the caller has ruled out.
pub(super) fn tree(text: &str, at: &JsonPath, repeats: &mut Vec<JsonPath>) -> Option<Tree> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Grow { at, repeats }.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(value)
}

/// Builds a [`Tree`] from a deserializer.
struct Grow<'p> {
    at: &'p JsonPath,
    repeats: &'p mut Vec<JsonPath>,
}

impl<'de> DeserializeSeed<'de> for Grow<'_> {
    type Value = Tree;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Grow<'_> {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(b))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Tree, E> {
        Ok(Tree::Number(n.into()))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Tree, E> {
        Ok(Tree::Number(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Tree, E> {
        Ok(Number::from_f64(n).map_or(Tree::Null, Tree::Number))
    }

    fn visit_str<E>(self, s: &str) -> Result<Tree, E> {
        Ok(Tree::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Tree, E> {
        Ok(Tree::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Grow {
            at: &self.at.index(items.len()),
            repeats: &mut *self.repeats,
        })? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut entries = Vec::new();
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let at = self.at.key(key.clone());
            let value = map.next_value_seed(Grow {
                at: &at,
                repeats: &mut *self.repeats,
            })?;
            if seen.insert(key.clone()) {
                entries.push((key, value));
            } else {
                self.repeats.push(at);
            }
        }
        Ok(Tree::Object(entries))
    }
}

/// Checks that text is JSON without keeping any of it, through the same
/// parsing a tree gets (so with the same limit on nesting), in memory that
/// grows only with the nesting.
pub(crate) struct Skip;

impl<'de> de::Deserialize<'de> for Skip {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Skip, D::Error> {
        d.deserialize_any(Skip)
    }
}

impl<'de> Visitor<'de> for Skip {
    type Value = Skip;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_str<E>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_entry::<Skip, Skip>()?.is_some() {}
        Ok(Skip)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::Visit;

    fn parse<T: de::DeserializeOwned>(json: &str) -> Result<T, Fault> {
        let value = tree(json, &JsonPath::root(), &mut Vec::new()).unwrap_or(Tree::Null);
        T::deserialize(Json(&value))
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"id": "v", "date": "1979-09", "visitor": "A", "from": "MEX",
                       "to": "VNM", "sources": [{"source": "s", "section": "§"}]}"#;
        let direct: Visit = serde_json::from_str(text).unwrap();
        let through: Visit = parse(text).unwrap();
        assert_eq!(direct, through);
    }

    #[test]
    fn faults_say_what_kind_they_are() {
        let fault = |json: &str| parse::<Visit>(json).unwrap_err();
        let base = r#""id": "v", "visitor": "A", "from": "MEX", "to": "VNM", "sources": []"#;
        assert!(matches!(
            fault(&format!("{{{base}, \"date\": \"2025-13\"}}")).kind,
            FaultKind::Date(DateError::Month { month: 13, .. })
        ));
        assert!(matches!(
            fault(r#"{"id": "v"}"#).kind,
            FaultKind::Missing("visitor")
        ));
        let unknown = fault(&format!("{{{base}, \"whom\": 1}}"));
        assert!(matches!(unknown.kind, FaultKind::Unknown));
        assert!(
            unknown
                .message
                .starts_with("unknown field `whom`, expected one of")
        );
        let wrong = fault(&format!("{{{base}, \"office\": 5}}"));
        assert!(matches!(wrong.kind, FaultKind::Other));
        assert_eq!(
            wrong.message,
            "invalid type: integer `5`, expected a string"
        );
    }

    #[test]
    fn a_quoted_string_is_cleaned() {
        let fault = parse::<i32>("\"\\u001b[2J\"").unwrap_err();
        assert_eq!(fault.message, "invalid type: string \"␛[2J\", expected i32");
    }

    #[test]
    fn a_tree_notes_each_repeated_key() {
        let mut repeats = Vec::new();
        let v = tree(
            r#"{"a": 1, "b": [{"c": 1, "c": 2}], "a": 3}"#,
            &JsonPath::root(),
            &mut repeats,
        )
        .unwrap();
        let one = || Tree::Number(1.into());
        assert_eq!(
            v,
            Tree::Object(vec![
                ("a".into(), one()),
                (
                    "b".into(),
                    Tree::Array(vec![Tree::Object(vec![("c".into(), one())])])
                ),
            ])
        );
        let shown: Vec<String> = repeats.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["$.b[0].c", "$.a"]);
    }
}
