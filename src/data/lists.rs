//! Lists read into vectors of exactly their length.
//!
//! A vector read element by element grows by doubling, each time into a new
//! allocation the old one is copied to; shrinking it once read copies it
//! again. For a million records that is a few hundred megabytes copied and
//! as many written to fresh pages. Here a list is gathered in a buffer that
//! is used again for the next list, and copied once into a vector of its
//! length.

use std::any::{Any, TypeId};
use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use smallvec::SmallVec;

/// A gathering buffer larger than this is dropped once used, not kept for
/// the next list: a thread keeps at most this much per element type.
const KEEP_BYTES: usize = 256 << 10;

/// A short list (a record's tags, a product list): gathered on the stack.
pub(super) fn short<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    d.deserialize_seq(Short(PhantomData))
}

/// A long list (a relation's events, visits, …): gathered in a buffer this
/// thread keeps for lists of `T`, grown once to the longest list it read.
pub(super) fn long<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + 'static,
{
    d.deserialize_seq(Long(PhantomData))
}

struct Short<T>(PhantomData<T>);
struct Long<T>(PhantomData<T>);

/// As serde's own vector reader says it.
fn expecting(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    f.write_str("a sequence")
}

/// Appends the rest of `seq` to `out`.
fn gather<'de, A, T>(mut seq: A, out: &mut impl Extend<T>) -> Result<(), A::Error>
where
    A: SeqAccess<'de>,
    T: Deserialize<'de>,
{
    while let Some(x) = seq.next_element()? {
        out.extend(std::iter::once(x));
    }
    Ok(())
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Short<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting(f)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<T>, A::Error> {
        let mut buf: SmallVec<[T; 8]> = SmallVec::new();
        gather(seq, &mut buf)?;
        if buf.spilled() {
            let mut v = buf.into_vec();
            v.shrink_to_fit();
            return Ok(v);
        }
        let mut v = Vec::with_capacity(buf.len());
        v.extend(buf);
        Ok(v)
    }
}

impl<'de, T: Deserialize<'de> + 'static> Visitor<'de> for Long<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        expecting(f)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<T>, A::Error> {
        let mut buf = take::<T>();
        let read = gather(seq, &mut buf);
        let mut v = Vec::with_capacity(buf.len());
        v.append(&mut buf);
        give(buf);
        read.map(|()| v)
    }
}

thread_local! {
    /// This thread's gathering buffers, one per element type: a `Vec<T>`
    /// each, empty between lists.
    static BUFFERS: RefCell<Vec<(TypeId, Box<dyn Any>)>> = const { RefCell::new(Vec::new()) };
}

/// This thread's buffer for lists of `T`, or a new one (the first list of
/// `T`, or one read inside another).
fn take<T: 'static>() -> Vec<T> {
    BUFFERS.with_borrow_mut(|bufs| {
        bufs.iter_mut()
            .find(|(id, _)| *id == TypeId::of::<T>())
            .and_then(|(_, b)| b.downcast_mut::<Vec<T>>())
            .map(std::mem::take)
            .unwrap_or_default()
    })
}

/// Keeps `buf`, emptied, for the next list of `T` on this thread, unless it
/// grew past [`KEEP_BYTES`].
fn give<T: 'static>(mut buf: Vec<T>) {
    buf.clear();
    if buf.capacity().saturating_mul(size_of::<T>()) > KEEP_BYTES {
        return;
    }
    BUFFERS.with_borrow_mut(|bufs| {
        match bufs.iter_mut().find(|(id, _)| *id == TypeId::of::<T>()) {
            Some((_, b)) => {
                if let Some(slot) = b.downcast_mut::<Vec<T>>()
                    && slot.capacity() < buf.capacity()
                {
                    *slot = buf;
                }
            }
            None => bufs.push((TypeId::of::<T>(), Box::new(buf))),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Lists {
        #[serde(deserialize_with = "short")]
        short: Vec<String>,
        #[serde(deserialize_with = "long")]
        long: Vec<u32>,
    }

    fn read(json: &str) -> Result<Lists, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn lists_are_read_whole_into_vectors_of_their_length() {
        for n in [0usize, 1, 7, 8, 9, 100, 70_000] {
            let items: Vec<String> = (0..n).map(|i| format!("\"w{i}\"")).collect();
            let numbers: Vec<String> = (0..n).map(|i| i.to_string()).collect();
            let json = format!(
                r#"{{"short": [{}], "long": [{}]}}"#,
                items.join(","),
                numbers.join(",")
            );
            let lists = read(&json).expect("a well-formed list");
            assert_eq!(lists.short.len(), n);
            assert_eq!(lists.short.capacity(), n, "{n} words");
            assert_eq!(
                lists.short.last(),
                n.checked_sub(1).map(|i| format!("w{i}")).as_ref()
            );
            assert_eq!(lists.long.len(), n);
            assert_eq!(lists.long.capacity(), n, "{n} numbers");
            assert!(lists.long.iter().enumerate().all(|(i, &x)| x as usize == i));
        }
    }

    /// The same lists, read by serde's own vector reader.
    #[derive(Deserialize)]
    struct Plain {
        #[allow(dead_code)]
        short: Vec<String>,
        #[allow(dead_code)]
        long: Vec<u32>,
    }

    #[test]
    fn a_fault_inside_a_list_is_reported_as_serde_would() {
        for json in [
            r#"{"short": ["a", 3], "long": []}"#,
            r#"{"short": [], "long": [1, "x"]}"#,
            r#"{"short": {}, "long": []}"#,
            r#"{"short": [], "long": 7}"#,
            r#"{"short": ["a", "b"], "long": [1, 2,]}"#,
        ] {
            let ours = read(json).err().map(|e| e.to_string());
            let serde = serde_json::from_str::<Plain>(json)
                .err()
                .map(|e| e.to_string());
            assert!(ours.is_some(), "{json}");
            assert_eq!(ours, serde, "{json}");
        }
        // The buffer a fault left is used again, empty, by the next list.
        let lists = read(r#"{"short": [], "long": [5]}"#).expect("a well-formed list");
        assert_eq!(lists.long, [5]);
    }
}
