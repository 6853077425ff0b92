//! A large dataset's word index, kept on disk between runs: opening the
//! same file again reads its index (a fraction of a second for a million
//! records) instead of building it (about a second of both cores).
//!
//! An index is filed under a key made of what identifies the dataset's
//! files — path, size, modification time, inode — and the program itself
//! (its executable's size and modification time). A file changed since, or
//! a new build of the program, simply finds nothing and builds afresh. A
//! file modified in the last few seconds is not trusted to be finished and
//! is not cached. The cache keeps the few indexes used last and deletes the
//! rest; anything unreadable in it is ignored. Small datasets are never
//! cached: building their index is quicker than reading one.

use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use xxhash_rust::xxh3::Xxh3;

use super::Index;
use super::index::Key;
use crate::data::Dataset;

/// Datasets with fewer records build their index in well under a tenth of
/// a second: reading one from disk would not be quicker.
pub const MIN_RECORDS: usize = 50_000;

/// Indexes kept, the most recently used.
const KEEP: usize = 4;

/// A dataset file modified more recently than this may still be being written.
const SETTLE: Duration = Duration::from_secs(2);

/// A partly written index older than this was left by a program that ended
/// while saving it.
const STALE_PART: Duration = Duration::from_secs(3600);

/// Where the index of one dataset (its files as they are now) is kept.
#[derive(Debug, Clone)]
pub struct IndexCache {
    dir: PathBuf,
    files: Vec<PathBuf>,
    key: Key,
    min_records: usize,
}

impl IndexCache {
    /// The cache for a dataset read from `files` (the base, then its
    /// layers), in the user's cache directory. `None` when there is none,
    /// or a file is not a plain file (a pipe) or was modified just now.
    pub fn for_files(files: &[PathBuf]) -> Option<IndexCache> {
        IndexCache::in_dir(dirs::cache_dir()?.join("bilateral"), files)
    }

    /// As [`IndexCache::for_files`], kept in `dir`.
    pub fn in_dir(dir: PathBuf, files: &[PathBuf]) -> Option<IndexCache> {
        Some(IndexCache {
            key: key_of(files)?,
            dir,
            files: files.to_vec(),
            min_records: MIN_RECORDS,
        })
    }

    /// Caches indexes of at least `n` records only.
    pub fn with_min_records(self, n: usize) -> IndexCache {
        IndexCache {
            min_records: n,
            ..self
        }
    }

    fn file(&self) -> PathBuf {
        self.dir.join(format!("{}.index", hex(&self.key)))
    }

    /// The index saved for `ds`, read from these files while unchanged
    /// since this cache was made; `None` if there is none or it cannot be
    /// read.
    pub fn load(&self, ds: &Dataset) -> Option<Index> {
        if key_of(&self.files)? != self.key {
            return None;
        }
        // Not a pipe or a device put in its place: opening one could wait forever.
        let meta = fs::metadata(self.file())
            .ok()
            .filter(fs::Metadata::is_file)?;
        let file = File::open(self.file()).ok()?;
        let size = meta.len();
        let ix = Index::read_from(
            BufReader::with_capacity(1 << 20, &file),
            size,
            &self.key,
            ds,
        )?;
        // Marks it used, for the eviction of the least recently used.
        let _ = file.set_modified(SystemTime::now());
        Some(ix)
    }

    /// Saves `ix`, the index of the dataset these files held when this cache
    /// was made, if it is large enough to be worth it and the files have
    /// not changed since. Whether it was saved.
    pub fn save(&self, ix: &Index) -> io::Result<bool> {
        if ix.len() < self.min_records || key_of(&self.files) != Some(self.key) {
            return Ok(false);
        }
        fs::create_dir_all(&self.dir)?;
        let part = self
            .dir
            .join(format!("{}.{}.part", hex(&self.key), std::process::id()));
        let written = write(&part, &self.key, ix).and_then(|()| fs::rename(&part, self.file()));
        if let Err(e) = written {
            let _ = fs::remove_file(&part);
            return Err(e);
        }
        self.evict();
        Ok(true)
    }

    /// Deletes all but the [`KEEP`] indexes used last, and parts of indexes
    /// a program left behind.
    fn evict(&self) {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        let now = SystemTime::now();
        let mut kept: Vec<(SystemTime, PathBuf)> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(modified) = entry.metadata().ok().and_then(|m| m.modified().ok()) else {
                continue;
            };
            match path.extension().and_then(|e| e.to_str()) {
                Some("index") => kept.push((modified, path)),
                Some("part")
                    if now
                        .duration_since(modified)
                        .is_ok_and(|age| age > STALE_PART) =>
                {
                    let _ = fs::remove_file(&path);
                }
                _ => {}
            }
        }
        kept.sort_by_key(|k| std::cmp::Reverse(k.0));
        for (_, path) in kept.iter().skip(KEEP) {
            let _ = fs::remove_file(path);
        }
    }
}

/// How [`open_index`] came by an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Read,
    Built,
    BuiltAndKept,
}

/// The index of `ds`: read from `cache` when it holds one, else built;
/// handed to `ready` as soon as it is there and, when built, kept in the
/// cache after, so that searching need not wait for the write.
pub fn open_index(
    cache: Option<&IndexCache>,
    ds: &Dataset,
    ready: impl FnOnce(Arc<Index>),
) -> Opened {
    if let Some(ix) = cache.and_then(|c| c.load(ds)) {
        ready(Arc::new(ix));
        return Opened::Read;
    }
    let ix = Arc::new(Index::build(ds));
    ready(Arc::clone(&ix));
    // A cache that cannot be written only costs the next opening time.
    match cache.map(|c| c.save(&ix)) {
        Some(Ok(true)) => Opened::BuiltAndKept,
        _ => Opened::Built,
    }
}

fn write(path: &Path, key: &Key, ix: &Index) -> io::Result<()> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    ix.write_to(key, &mut out)?;
    out.into_inner()
        .map_err(io::IntoInnerError::into_error)?
        .sync_all()
}

/// What identifies these files as they are now, and this program.
fn key_of(files: &[PathBuf]) -> Option<Key> {
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    let exe = std::env::current_exe().ok()?;
    identify(&mut h, &exe, false)?;
    for f in files {
        identify(&mut h, &f.canonicalize().ok()?, true)?;
    }
    Some(h.digest128().to_le_bytes())
}

/// Adds what identifies file `path` to `h`; `None` if it is no plain file
/// or, when `settled` is asked for, was modified too recently.
fn identify(h: &mut Xxh3, path: &Path, settled: bool) -> Option<()> {
    let meta = fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let modified = meta.modified().ok()?;
    let since = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    if settled
        && SystemTime::now()
            .duration_since(modified)
            .is_ok_and(|age| age < SETTLE)
    {
        return None;
    }
    h.update(path.as_os_str().as_encoded_bytes());
    h.update(&[0]);
    h.update(&meta.len().to_le_bytes());
    h.update(&since.as_nanos().to_le_bytes());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        h.update(&meta.ino().to_le_bytes());
        h.update(&meta.dev().to_le_bytes());
    }
    Some(())
}

fn hex(key: &Key) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::{EMBEDDED_JSON, load_path};

    /// A dataset file, written long enough ago to be trusted.
    fn dataset_file(dir: &Path) -> PathBuf {
        let path = dir.join("relations.json");
        fs::write(&path, EMBEDDED_JSON).unwrap();
        let then = SystemTime::now() - Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(then)
            .unwrap();
        path
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("bilateral-cache-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn indexes(dir: &Path) -> usize {
        fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "index"))
                    .count()
            })
            .unwrap_or(0)
    }

    #[test]
    fn an_index_saved_is_found_again_until_the_file_changes() {
        let dir = temp_dir("found");
        let data = dataset_file(&dir);
        let ds = load_path(&data, u64::MAX).unwrap();
        let cache_dir = dir.join("cache");
        let cache = IndexCache::in_dir(cache_dir.clone(), std::slice::from_ref(&data))
            .unwrap()
            .with_min_records(0);
        assert!(cache.load(&ds).is_none());
        let built = Index::build(&ds);
        assert!(cache.save(&built).unwrap());
        let again = IndexCache::in_dir(cache_dir.clone(), std::slice::from_ref(&data))
            .unwrap()
            .with_min_records(0);
        let read = again.load(&ds).expect("the saved index");
        assert_eq!((read.len(), read.words()), (built.len(), built.words()));

        // The same content, rewritten: its time differs, so it is another key.
        fs::write(&data, EMBEDDED_JSON).unwrap();
        assert!(
            again.load(&ds).is_none(),
            "a file changed since the key was taken"
        );
        assert!(
            IndexCache::in_dir(cache_dir, &[data]).is_none(),
            "a file modified just now"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn small_datasets_are_not_cached_and_old_indexes_are_evicted() {
        let dir = temp_dir("evict");
        let data = dataset_file(&dir);
        let ds = load_path(&data, u64::MAX).unwrap();
        let ix = Index::build(&ds);
        let cache_dir = dir.join("cache");
        let cache = IndexCache::in_dir(cache_dir.clone(), &[data]).unwrap();
        assert!(!cache.save(&ix).unwrap(), "{} records is too few", ix.len());
        assert_eq!(indexes(&cache_dir), 0);

        // Other datasets' indexes, used longer ago than this one.
        fs::create_dir_all(&cache_dir).unwrap();
        for i in 0..KEEP + 2 {
            let old = cache_dir.join(format!("{i:032x}.index"));
            fs::write(&old, b"old").unwrap();
            let then = SystemTime::now() - Duration::from_secs(100 + i as u64);
            File::options()
                .write(true)
                .open(&old)
                .unwrap()
                .set_modified(then)
                .unwrap();
        }
        let cache = cache.with_min_records(0);
        assert!(cache.save(&ix).unwrap());
        assert_eq!(indexes(&cache_dir), KEEP);
        assert!(cache.file().exists(), "the index just saved is kept");
        assert!(!cache_dir.join(format!("{:032x}.index", KEEP + 1)).exists());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_pipe_or_missing_file_is_passed_over() {
        let dir = temp_dir("none");
        assert!(IndexCache::in_dir(dir.clone(), &[dir.join("missing.json")]).is_none());
        assert!(IndexCache::in_dir(dir.clone(), std::slice::from_ref(&dir)).is_none());

        // A pipe where the index would be is passed over, not waited on.
        let data = dataset_file(&dir);
        let ds = load_path(&data, u64::MAX).unwrap();
        let cache = IndexCache::in_dir(dir.join("cache"), &[data]).unwrap();
        fs::create_dir_all(dir.join("cache")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(cache.file())
            .status();
        if status.is_ok_and(|s| s.success()) {
            assert!(cache.load(&ds).is_none());
        }
        fs::remove_dir_all(&dir).unwrap();
    }
}
