//! The index as bytes, so that a large dataset's index can be kept on disk
//! and read back instead of built again (see [`cache`](crate::search::cache)).
//!
//! Layout, little-endian: a magic line, the format's number, the caller's
//! key (what dataset the index is of), the counts, each word as written,
//! each word's postings, each record's headline length, the forward index
//! chunk by chunk, each relation's fields' words, and last an XXH3 checksum
//! of everything before it. A list is its length then its items.
//!
//! Reading checks everything a search relies on — every word number, record
//! number and offset in range, postings ascending, the records those of the
//! dataset given — and refuses the file (`None`) at the first thing that
//! does not hold, before allocating more than the file could hold: a file
//! cut short, damaged, of another dataset or of another format is only a
//! cache miss.

use std::io::{self, Read, Write};

use xxhash_rust::xxh3::Xxh3;

use super::relations::RelationFields;
use super::{Chunk, Index, Token, extend_groups};
use crate::data::Dataset;
use crate::query::records_of;
use crate::search::demonyms::country_words;
use crate::search::fields::Weight;
use crate::search::vocab::Vocab;

const MAGIC: &[u8; 16] = b"bilateral index\n";

/// Bump whenever what the index holds, how it is written, or how text is
/// split into words changes: an index of another format is never read.
const FORMAT: u32 = 3;

/// What identifies the dataset an index was built from.
pub(crate) type Key = [u8; 16];

/// Items converted per read or write of a list of numbers.
const PIECE: usize = 16 * 1024;

/// A writer that hashes what it writes.
struct Out<W> {
    w: W,
    hash: Xxh3,
}

impl<W: Write> Out<W> {
    fn bytes(&mut self, b: &[u8]) -> io::Result<()> {
        self.hash.update(b);
        self.w.write_all(b)
    }

    fn u32(&mut self, v: u32) -> io::Result<()> {
        self.bytes(&v.to_le_bytes())
    }

    fn len(&mut self, n: usize) -> io::Result<()> {
        self.u32(u32::try_from(n).map_err(|_| io::Error::other("a list too long to save"))?)
    }

    fn u32s(&mut self, items: &[u32]) -> io::Result<()> {
        self.len(items.len())?;
        let mut buf = Vec::with_capacity(PIECE.min(items.len()) * 4);
        for piece in items.chunks(PIECE) {
            buf.clear();
            buf.extend(piece.iter().flat_map(|v| v.to_le_bytes()));
            self.bytes(&buf)?;
        }
        Ok(())
    }
}

/// A reader that hashes what it reads and never reads past `left` bytes.
struct In<R> {
    r: R,
    hash: Xxh3,
    left: u64,
}

impl<R: Read> In<R> {
    fn fill(&mut self, buf: &mut [u8]) -> Option<()> {
        self.left = self.left.checked_sub(buf.len() as u64)?;
        self.r.read_exact(buf).ok()?;
        self.hash.update(buf);
        Some(())
    }

    fn bytes(&mut self, n: usize) -> Option<Vec<u8>> {
        if n as u64 > self.left {
            return None;
        }
        let mut buf = vec![0; n];
        self.fill(&mut buf)?;
        Some(buf)
    }

    fn u32(&mut self) -> Option<u32> {
        let mut b = [0; 4];
        self.fill(&mut b)?;
        Some(u32::from_le_bytes(b))
    }

    fn len(&mut self) -> Option<usize> {
        self.u32().map(|n| n as usize)
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len()?;
        if n as u64 * 4 > self.left {
            return None;
        }
        let mut out = Vec::with_capacity(n);
        let mut buf = vec![0; PIECE.min(n) * 4];
        while out.len() < n {
            let piece = &mut buf[..(n - out.len()).min(PIECE) * 4];
            self.fill(piece)?;
            out.extend(
                piece
                    .chunks_exact(4)
                    .map(|b| u32::from_le_bytes(b.try_into().unwrap_or_default())),
            );
        }
        Some(out)
    }
}

impl Index {
    /// Writes the index, marked with `key`.
    pub(crate) fn write_to(&self, key: &Key, w: impl Write) -> io::Result<()> {
        let mut out = Out {
            w,
            hash: Xxh3::new(),
        };
        out.bytes(MAGIC)?;
        out.u32(FORMAT)?;
        out.bytes(key)?;
        out.len(self.heads.len())?;
        out.len(self.vocab.len())?;
        for word in self.vocab.words() {
            out.len(word.len())?;
            out.bytes(word.as_bytes())?;
        }
        out.len(self.postings.len())?;
        for p in &self.postings {
            out.u32s(p)?;
        }
        out.u32s(&self.heads)?;
        out.len(self.forward.len())?;
        for c in &self.forward {
            out.u32(c.first)?;
            out.len(c.bytes.len())?;
            out.bytes(&c.bytes)?;
            out.u32s(&c.ends)?;
            out.u32s(&c.words)?;
        }
        out.len(self.relation_fields.all().len())?;
        for tokens in self.relation_fields.all() {
            let flat: Vec<u32> = tokens
                .iter()
                .flat_map(|t| [t.word, t.start, u32::from(t.field), t.weight as u32])
                .collect();
            out.u32s(&flat)?;
        }
        let sum = out.hash.digest();
        out.w.write_all(&sum.to_le_bytes())?;
        out.w.flush()
    }

    /// Reads an index written by [`Index::write_to`] with the same `key`
    /// for dataset `ds`, from `size` bytes; `None` for anything else.
    pub(crate) fn read_from(r: impl Read, size: u64, key: &Key, ds: &Dataset) -> Option<Index> {
        let mut i = In {
            r,
            hash: Xxh3::new(),
            left: size.checked_sub(8)?,
        };
        let ok = i.bytes(MAGIC.len())? == MAGIC && i.u32()? == FORMAT && i.bytes(key.len())? == key;
        if !ok {
            return None;
        }
        let records = i.len()?;
        let groups = groups_of(ds, records)?;
        let words = read_words(&mut i)?;
        if i.len()? != words.len() {
            return None;
        }
        let postings = (0..words.len())
            .map(|_| read_postings(&mut i, records))
            .collect::<Option<Vec<_>>>()?;
        let heads = i.u32s()?;
        if heads.len() != records {
            return None;
        }
        let forward = read_forward(&mut i, records, words.len())?;
        let relation_fields = read_relation_fields(&mut i, ds.relations.len(), words.len())?;
        let sum = i.hash.digest();
        let mut stored = [0; 8];
        i.r.read_exact(&mut stored).ok()?;
        if i.left != 0 || u64::from_le_bytes(stored) != sum {
            return None;
        }
        Some(Index {
            vocab: Vocab::new(words),
            postings,
            forward,
            heads,
            relation_fields,
            groups,
            relations: ds.relations.len(),
            countries: country_words(ds),
        })
    }
}

/// The runs of records of `ds` as a full index numbers them, if it has
/// `records` records.
fn groups_of(ds: &Dataset, records: usize) -> Option<Vec<super::Group>> {
    let mut groups = Vec::new();
    let mut next = 0u32;
    for (i, rel) in ds.relations.iter().enumerate() {
        for r in records_of(rel, i) {
            // Runs continue across calls, so one record at a time will do.
            extend_groups(&mut groups, next, std::slice::from_ref(&r));
            next = next.checked_add(1)?;
        }
    }
    (next as usize == records).then_some(groups)
}

fn read_words(i: &mut In<impl Read>) -> Option<Vec<Box<str>>> {
    let n = i.len()?;
    // Each word takes at least its length's four bytes.
    if n as u64 * 4 > i.left {
        return None;
    }
    (0..n)
        .map(|_| {
            let len = i.len()?;
            String::from_utf8(i.bytes(len)?)
                .ok()
                .map(String::into_boxed_str)
        })
        .collect()
}

/// One word's postings: records in range, each once, ascending.
fn read_postings(i: &mut In<impl Read>, records: usize) -> Option<Box<[u32]>> {
    let p = i.u32s()?;
    let mut next = 0usize;
    for &e in &p {
        let ordinal = (e >> 2) as usize;
        if ordinal < next || ordinal >= records {
            return None;
        }
        next = ordinal + 1;
    }
    Some(p.into_boxed_slice())
}

/// The forward index: chunks covering every record in order, each record's
/// bytes within its chunk, each word one of the vocabulary's.
fn read_forward(i: &mut In<impl Read>, records: usize, words: usize) -> Option<Vec<Chunk>> {
    let n = i.len()?;
    // Each chunk takes at least its four counts.
    if n as u64 * 16 > i.left {
        return None;
    }
    let mut forward = Vec::with_capacity(n);
    let mut next = 0usize;
    for _ in 0..n {
        let first = i.u32()?;
        let len = i.len()?;
        let bytes = i.bytes(len)?;
        let ends = i.u32s()?;
        let table = i.u32s()?;
        let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
        let fits = ends.last().is_some_and(|&e| e as usize <= bytes.len());
        let known = table.iter().all(|&w| (w as usize) < words);
        if first as usize != next || !ordered || !fits || !known {
            return None;
        }
        next += ends.len();
        forward.push(Chunk {
            first,
            bytes: bytes.into_boxed_slice(),
            ends: ends.into_boxed_slice(),
            words: table.into_boxed_slice(),
        });
    }
    (next == records).then_some(forward)
}

/// Each relation's fields' words: one list per relation of the dataset,
/// each word one of the vocabulary's, each of the three fields.
fn read_relation_fields(
    i: &mut In<impl Read>,
    relations: usize,
    words: usize,
) -> Option<RelationFields> {
    if i.len()? != relations {
        return None;
    }
    let tokens = (0..relations)
        .map(|_| {
            let flat = i.u32s()?;
            if flat.len() % 4 != 0 {
                return None;
            }
            flat.chunks_exact(4)
                .map(|t| {
                    ((t[0] as usize) < words && t[2] < 3 && t[3] < 4).then_some(Token {
                        word: t[0],
                        start: t[1],
                        field: t[2] as u16,
                        weight: Weight::from_bits(t[3]),
                    })
                })
                .collect::<Option<Box<[Token]>>>()
        })
        .collect::<Option<Vec<_>>>()?;
    Some(RelationFields::from_tokens(tokens))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load_embedded;
    use crate::search::Scope;

    const KEY: Key = *b"0123456789abcdef";

    fn saved(ix: &Index) -> Vec<u8> {
        let mut bytes = Vec::new();
        ix.write_to(&KEY, &mut bytes).unwrap();
        bytes
    }

    fn read(bytes: &[u8], ds: &Dataset) -> Option<Index> {
        Index::read_from(bytes, bytes.len() as u64, &KEY, ds)
    }

    /// What searching shows for each query: every hit, in order, with its
    /// score and matched characters.
    fn answers(ix: &Index) -> Vec<Vec<crate::search::Hit>> {
        [
            "rice",
            "zacatekas",
            "phm van dng",
            "1979",
            "musharraf visit",
            "'embassy",
            "trade 2005",
            "UN gene",
            "xylophone",
            "acupunture",
        ]
        .iter()
        .map(|q| crate::search::search(ix, q, &Scope::all(), usize::MAX).hits)
        .collect()
    }

    #[test]
    fn an_index_read_back_answers_as_the_one_built() {
        let ds = load_embedded().unwrap();
        let built = Index::build(&ds);
        let back = read(&saved(&built), &ds).expect("read back");
        assert_eq!(back.len(), built.len());
        assert_eq!(back.words(), built.words());
        for o in 0..built.len() as u32 {
            assert!(back.tokens(o).eq(built.tokens(o)), "record {o}");
            assert_eq!(back.record(o), built.record(o));
        }
        let expected = answers(&built);
        assert!(expected.iter().filter(|a| !a.is_empty()).count() >= 8);
        assert_eq!(answers(&back), expected);
    }

    #[test]
    fn another_key_format_or_dataset_is_refused() {
        let ds = load_embedded().unwrap();
        let bytes = saved(&Index::build(&ds));
        assert!(
            Index::read_from(&bytes[..], bytes.len() as u64, b"another dataset!", &ds).is_none()
        );
        let mut other_format = bytes.clone();
        other_format[16] ^= 1;
        assert!(read(&other_format, &ds).is_none());
        let mut fewer = ds.clone();
        fewer.relations.pop();
        assert!(read(&bytes, &fewer).is_none());
    }

    #[test]
    fn a_damaged_or_cut_file_is_refused_without_panicking() {
        let ds = load_embedded().unwrap();
        let bytes = saved(&Index::build(&ds));
        assert!(read(&bytes, &ds).is_some());
        for cut in (0..bytes.len()).step_by(97) {
            assert!(read(&bytes[..cut], &ds).is_none(), "cut at {cut}");
        }
        // Every byte changed in turn, a few bytes apart: the checksum, or a
        // check before it, refuses each.
        for at in (0..bytes.len()).step_by(13) {
            let mut bad = bytes.clone();
            bad[at] = bad[at].wrapping_add(0x41);
            assert!(read(&bad, &ds).is_none(), "byte {at}");
        }
        // A length that claims more than the file holds is refused before
        // anything that large is allocated.
        let mut huge = bytes.clone();
        huge[36..40].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read(&huge, &ds).is_none());
    }
}
