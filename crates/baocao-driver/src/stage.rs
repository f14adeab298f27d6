//! Many files written so that each appears whole or not at all, and all of
//! them are on disk when the batch says so, for the cost of a few flushes
//! instead of one per file.
//!
//! Why not [`write_atomic`](crate::write_atomic) for every file: its flush
//! (`fsync`) is a round trip to the disk that the writing thread waits for,
//! about 200 µs on the project's machine, as long as it takes to make a
//! report; a batch of a thousand files would spend a third of its time
//! waiting. Here each file is written under a temporary name in its own
//! folder, and every [`Staged::CHUNK`] files (and at the end) the file
//! system is flushed once, then the flushed temporaries are renamed into
//! place, by a thread of its own while the writers go on; after the last
//! rename it is flushed once more, so that the names are on disk too. A
//! reader, a kill or a power cut never finds a partial file under a real
//! name: at worst the newest files are still temporaries, which the next
//! batch into the folder removes ([`remove_temporaries`]).
//!
//! A temporary is `.<name>.<16 hex digits>.baocao-tmp`: the digits are
//! random, and the file is created exclusively (it never opens an
//! existing name, nor follows a link planted there), so neither another
//! process nor a guess can make baocao write anywhere but a file of its
//! own. Folders are entered without following links ([`Folder`]).

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, Weak};
use std::thread;

use crate::DriverError;
use crate::folder::{self, Folder, Kind};

/// A file written under its temporary name, waiting for its rename.
#[derive(Debug)]
struct Move {
    /// The chosen folder it is under: what is flushed.
    root: Arc<Folder>,
    /// Its folder, held open until the rename.
    folder: Arc<Folder>,
    /// The temporary name.
    tmp: OsString,
    /// The real name.
    name: OsString,
    /// The file as the caller names it, for its outcome.
    target: PathBuf,
}

/// Files that could not be put in place, and why.
type Failures = Vec<(PathBuf, DriverError)>;

/// Faults of the file system, made on purpose by tests: a disk that fills
/// up, a flush that fails. Nothing else sets them.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    /// Bytes that can still be written before the disk is full.
    pub(crate) space: Option<AtomicUsize>,
    /// Every flush fails.
    pub(crate) flush_fails: bool,
}

/// Files written under temporary names, waiting to be renamed into place.
#[derive(Debug)]
pub struct Staged {
    /// The folder [`Staged::write`] takes paths under.
    root: PathBuf,
    /// The chosen folders written under, opened once: what is flushed.
    roots: Mutex<BTreeMap<PathBuf, Arc<Folder>>>,
    /// The folders below them, open while a file waits in them.
    folders: Mutex<BTreeMap<PathBuf, Weak<Folder>>>,
    /// The files written and not yet handed to a commit.
    pending: Mutex<Vec<Move>>,
    /// Where full chunks go: the committer thread, or, when it could not
    /// be started, nowhere (the writer commits them itself).
    committer: Option<Committer>,
    /// What the writers' own commits could not put in place.
    failed: Mutex<Failures>,
    faults: Arc<Faults>,
}

/// The thread that flushes and renames full chunks while the writers go
/// on: a flush is a wait for the disk, not work, so no writer waits for it.
#[derive(Debug)]
struct Committer {
    chunks: mpsc::Sender<Vec<Move>>,
    thread: thread::JoinHandle<Failures>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A poisoned lock means another thread panicked while holding it; the
    // lists are still valid lists.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Staged {
    /// Files written between two flushes. Full chunks are flushed and
    /// renamed by a thread of their own while the writers go on making
    /// reports, so that neither the flushes nor the renames (which, over
    /// an existing file, also free the old one) are left to the end of the
    /// batch or keep a writer waiting. An interrupted batch has all but its
    /// last chunks in place.
    pub const CHUNK: usize = 128;

    /// Stages files under `root` (made if missing; it may be a link, as
    /// the caller chose it); every folder below it is entered without
    /// following links, and every file must be on the same file system.
    pub fn new(root: &Path) -> Self {
        Staged::with(root, None, Faults::default())
    }

    /// Stages files under a folder already open (and locked) by the caller.
    pub(crate) fn in_folder(root: Arc<Folder>, faults: Arc<Faults>) -> Self {
        let path = root.path().to_path_buf();
        Staged::with_shared(&path, Some(root), faults)
    }

    /// Stages files under any folder named to [`Staged::write_in`].
    pub(crate) fn anywhere(faults: Arc<Faults>) -> Self {
        Staged::with_shared(Path::new(""), None, faults)
    }

    fn with(root: &Path, open: Option<Arc<Folder>>, faults: Faults) -> Self {
        Staged::with_shared(root, open, Arc::new(faults))
    }

    fn with_shared(root: &Path, open: Option<Arc<Folder>>, faults: Arc<Faults>) -> Self {
        let (chunks, received) = mpsc::channel::<Vec<Move>>();
        let theirs = Arc::clone(&faults);
        let committer = thread::Builder::new()
            .name("baocao-commit".to_owned())
            .spawn(move || {
                let mut failed = Failures::new();
                for files in received {
                    commit(files, &theirs, &mut failed);
                }
                failed
            })
            .ok()
            .map(|thread| Committer { chunks, thread });
        Staged {
            root: root.to_path_buf(),
            roots: Mutex::new(open.into_iter().map(|f| (root.to_path_buf(), f)).collect()),
            folders: Mutex::new(BTreeMap::new()),
            pending: Mutex::new(Vec::new()),
            committer,
            failed: Mutex::new(Vec::new()),
            faults,
        }
    }

    /// Writes `bytes` to a temporary file next to `path`, to be renamed to
    /// `path` by a later flush; `path` is the root given to [`Staged::new`]
    /// joined with a relative path that does not climb out of it. An error
    /// is returned for the temporary file only; a failure to rename it
    /// later is returned by [`finish`](Self::finish).
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), DriverError> {
        let rel = if self.root.as_os_str().is_empty() || self.root == Path::new(".") {
            path
        } else {
            path.strip_prefix(&self.root)
                .map_err(|_| DriverError::Write {
                    path: path.to_path_buf(),
                    reason: std::io::Error::other(format!(
                        "not under the output folder {}",
                        self.root.display()
                    )),
                })?
        };
        let root = self.root.clone();
        self.write_in(&root, rel, path, bytes)
    }

    /// Writes `bytes` to be renamed to `root`/`rel`, which the caller calls
    /// `shown`: `root` is a folder the user chose, `rel` is entered without
    /// following links.
    pub(crate) fn write_in(
        &self,
        root: &Path,
        rel: &Path,
        shown: &Path,
        bytes: &[u8],
    ) -> Result<(), DriverError> {
        let names = folder::names(rel, shown)?;
        let Some((name, dirs)) = names.split_last() else {
            return Err(DriverError::Write {
                path: shown.to_path_buf(),
                reason: std::io::Error::other("the path names no file"),
            });
        };
        let root = self.root_folder(root)?;
        let folder = self.folder(&root, dirs)?;
        let tmp = write_temporary(&folder, name, bytes, shown, &self.faults)?;
        let full = {
            let mut pending = lock(&self.pending);
            pending.push(Move {
                root,
                folder,
                tmp,
                name: name.to_os_string(),
                target: shown.to_path_buf(),
            });
            (pending.len() >= Self::CHUNK).then(|| std::mem::take(&mut *pending))
        };
        if let Some(files) = full {
            // A chunk comes back only if the committer has stopped (it
            // panicked): then, as without a committer, the writer commits.
            let unsent = match &self.committer {
                Some(c) => c.chunks.send(files).err().map(|mpsc::SendError(f)| f),
                None => Some(files),
            };
            if let Some(files) = unsent {
                commit(files, &self.faults, &mut lock(&self.failed));
            }
        }
        Ok(())
    }

    /// The bytes of `root`/`rel` as it is now, if it is a file reached
    /// without following a link.
    pub(crate) fn read_in(&self, root: &Path, rel: &Path) -> Option<Vec<u8>> {
        let names = folder::names(rel, rel).ok()?;
        let (name, dirs) = names.split_last()?;
        let mut folder = self.root_folder(root).ok()?;
        for d in dirs {
            folder = Arc::new(folder.sub(d, false).ok()??);
        }
        folder.read(name).ok()
    }

    /// The chosen folder `root`, opened (and made) on first use.
    fn root_folder(&self, root: &Path) -> Result<Arc<Folder>, DriverError> {
        let mut roots = lock(&self.roots);
        if let Some(f) = roots.get(root) {
            return Ok(Arc::clone(f));
        }
        let f = Arc::new(Folder::chosen(root)?);
        roots.insert(root.to_path_buf(), Arc::clone(&f));
        Ok(f)
    }

    /// The folder `dirs` below `root`, made if missing, entered without
    /// following links; kept open while a file waits in it.
    fn folder(&self, root: &Arc<Folder>, dirs: &[&OsStr]) -> Result<Arc<Folder>, DriverError> {
        if dirs.is_empty() {
            return Ok(Arc::clone(root));
        }
        let key: PathBuf = dirs
            .iter()
            .fold(root.path().to_path_buf(), |p, d| p.join(d));
        let mut open = lock(&self.folders);
        if let Some(f) = open.get(&key).and_then(Weak::upgrade) {
            return Ok(f);
        }
        let mut here = Arc::clone(root);
        for d in dirs {
            let sub = here.sub(d, true)?.ok_or_else(|| DriverError::Write {
                path: here.path().join(d),
                reason: std::io::Error::from(std::io::ErrorKind::NotFound),
            })?;
            here = Arc::new(sub);
        }
        open.insert(key, Arc::downgrade(&here));
        Ok(here)
    }

    /// Waits for the committer, flushes and renames what is still pending,
    /// flushes the renames, and returns every file that could not be put in
    /// place, with the reason.
    pub fn finish(self) -> Vec<(PathBuf, DriverError)> {
        let Staged {
            root,
            roots,
            pending,
            committer,
            failed,
            faults,
            folders: _,
        } = self;
        let mut failed = failed.into_inner().unwrap_or_else(PoisonError::into_inner);
        if let Some(Committer { chunks, thread }) = committer {
            drop(chunks);
            match thread.join() {
                Ok(theirs) => failed.extend(theirs),
                // The committer panicked: what it had not renamed is still
                // under temporary names, which the next batch removes.
                Err(_) => failed.push((
                    root.clone(),
                    DriverError::Write {
                        path: root.clone(),
                        reason: std::io::Error::other("the thread renaming the files stopped"),
                    },
                )),
            }
        }
        let files = pending.into_inner().unwrap_or_else(PoisonError::into_inner);
        commit(files, &faults, &mut failed);
        for (path, folder) in roots.into_inner().unwrap_or_else(PoisonError::into_inner) {
            if let Err(reason) = flush_names(&folder, &faults) {
                // The files are in place; only their names may not survive
                // a power cut. Say so, rather than claim they are safe.
                failed.push((path.clone(), DriverError::Write { path, reason }));
            }
        }
        failed
    }
}

/// One flush, then the renames. On a failed flush nothing is renamed: a
/// file that may not be on disk never gets its real name, and its
/// temporary is removed.
fn commit(files: Vec<Move>, faults: &Faults, failed: &mut Failures) {
    if files.is_empty() {
        return;
    }
    let flushed = flush(&files, faults);
    for m in files {
        let result = match &flushed {
            Ok(()) => m.folder.rename(&m.tmp, &m.name),
            Err(e) => Err(std::io::Error::new(e.kind(), e.to_string())),
        };
        if let Err(reason) = result {
            let _ = m.folder.remove(&m.tmp);
            failed.push((
                m.target.clone(),
                DriverError::Write {
                    path: m.target,
                    reason,
                },
            ));
        }
    }
}

/// What a temporary name ends with.
const TEMPORARY: &str = ".baocao-tmp";

/// A fresh temporary name for `name`: hidden, in the same folder (a
/// rename across file systems is not atomic), with 64 random bits.
fn temporary_name(name: &OsStr) -> OsString {
    use std::hash::{BuildHasher, RandomState};
    static COUNT: AtomicU64 = AtomicU64::new(0);
    // Each `RandomState` has keys the system drew at random (once per
    // thread, then stepped): a hash under them cannot be guessed.
    let random = RandomState::new().hash_one(COUNT.fetch_add(1, Ordering::Relaxed));
    let mut shown = name.to_string_lossy().into_owned();
    // A long name stays within the system's 255 bytes.
    if shown.len() > 200 {
        let mut end = 200;
        while !shown.is_char_boundary(end) {
            end -= 1;
        }
        shown.truncate(end);
    }
    OsString::from(format!(".{shown}.{random:016x}{TEMPORARY}"))
}

/// Whether `name` is one of our temporaries: `.<name>.<16 hex>.baocao-tmp`.
pub(crate) fn is_temporary(name: &OsStr) -> bool {
    let Some(rest) = name
        .to_str()
        .and_then(|n| n.strip_prefix('.'))
        .and_then(|n| n.strip_suffix(TEMPORARY))
    else {
        return false;
    };
    rest.rsplit_once('.').is_some_and(|(stem, random)| {
        !stem.is_empty() && random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Creates a temporary file for `name` in `folder`, exclusively: a name
/// that exists (a file, a link planted there) is never opened; another
/// name is drawn.
pub(crate) fn create_temporary(
    folder: &Folder,
    name: &OsStr,
) -> std::io::Result<(fs::File, OsString)> {
    for _ in 0..16 {
        let tmp = temporary_name(name);
        match folder.create_new(&tmp) {
            Ok(f) => return Ok((f, tmp)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        "every temporary name drawn was taken",
    ))
}

/// Removes every temporary of ours (see [`is_temporary`]) left in `root`
/// and in the folders right inside it by a batch that was killed: only
/// regular files of that name, never through a link. The caller holds the
/// folder's lock, so no batch is writing them. Best effort: what cannot be
/// removed now is tried again by the next batch.
pub(crate) fn remove_temporaries(root: &Folder) {
    let clean = |folder: &Folder, entries: &[(OsString, Kind)]| {
        for (name, kind) in entries {
            if *kind == Kind::File && is_temporary(name) {
                let _ = folder.remove(name);
            }
        }
    };
    let Ok(entries) = root.entries() else { return };
    clean(root, &entries);
    for (name, kind) in &entries {
        if *kind != Kind::Folder {
            continue;
        }
        if let Ok(Some(sub)) = root.sub(name, false)
            && let Ok(inside) = sub.entries()
        {
            clean(&sub, &inside);
        }
    }
}

/// Writes the temporary file of `name` in `folder`, not flushed; removes
/// it again on failure, so that nothing partial is left.
fn write_temporary(
    folder: &Folder,
    name: &OsStr,
    bytes: &[u8],
    shown: &Path,
    faults: &Faults,
) -> Result<OsString, DriverError> {
    let err = |reason| DriverError::Write {
        path: shown.to_path_buf(),
        reason,
    };
    let (mut file, tmp) = create_temporary(folder, name).map_err(err)?;
    let written = match &faults.space {
        None => file.write_all(bytes),
        Some(space) => {
            let room = space
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                    Some(left.saturating_sub(bytes.len()))
                })
                .unwrap_or(0);
            let fits = &bytes[..room.min(bytes.len())];
            file.write_all(fits).and_then(|()| {
                if fits.len() < bytes.len() {
                    Err(no_space())
                } else {
                    Ok(())
                }
            })
        }
    };
    drop(file);
    if let Err(reason) = written {
        let _ = folder.remove(&tmp);
        return Err(err(reason));
    }
    Ok(tmp)
}

/// What a full disk says (made on purpose, see [`Faults`]).
fn no_space() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::StorageFull, "no space left on device")
}

/// Flushes the files of a chunk: on Linux, one `syncfs` per chosen folder
/// (usually one); elsewhere each file.
fn flush(files: &[Move], faults: &Faults) -> std::io::Result<()> {
    if faults.flush_fails {
        return Err(no_space());
    }
    if cfg!(target_os = "linux") {
        let mut done: Vec<&Arc<Folder>> = Vec::new();
        for m in files {
            if !done.iter().any(|r| Arc::ptr_eq(r, &m.root)) {
                m.root.sync()?;
                done.push(&m.root);
            }
        }
    } else {
        for m in files {
            m.folder.sync_file(&m.tmp)?;
        }
    }
    Ok(())
}

/// Flushes the renames: one more `syncfs` (elsewhere, the folder).
fn flush_names(root: &Folder, faults: &Faults) -> std::io::Result<()> {
    if faults.flush_fails {
        return Err(no_space());
    }
    root.sync()
}

#[cfg(test)]
impl Staged {
    /// Stages files under `root` on a file system with `faults`.
    pub(crate) fn with_faults(root: &Path, faults: Faults) -> Self {
        Staged::with(root, None, faults)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn temporaries(dir: &Path) -> Vec<String> {
        names(dir)
            .into_iter()
            .filter(|n| is_temporary(OsStr::new(n)))
            .collect()
    }

    #[test]
    fn nothing_has_its_real_name_before_the_flush() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::new(dir.path());
        staged.write(&dir.path().join("a/1.md"), b"one").unwrap();
        staged.write(&dir.path().join("a/2.md"), b"two").unwrap();
        let before = names(&dir.path().join("a"));
        assert_eq!(before.len(), 2);
        assert!(
            before[0].starts_with(".1.md.") && before[1].starts_with(".2.md."),
            "{before:?}"
        );
        assert_eq!(temporaries(&dir.path().join("a")), before);
        assert!(staged.finish().is_empty());
        assert_eq!(names(&dir.path().join("a")), ["1.md", "2.md"]);
        assert_eq!(fs::read(dir.path().join("a/2.md")).unwrap(), b"two");
    }

    #[test]
    fn temporary_names_are_ours_and_never_the_same() {
        let a = temporary_name(OsStr::new("2024.md"));
        let b = temporary_name(OsStr::new("2024.md"));
        assert_ne!(a, b);
        assert!(is_temporary(&a) && is_temporary(&b), "{a:?}");
        for not_ours in [
            ".2024.md.1234.tmp",
            ".2024.md.baocao-tmp",
            "2024.md.0123456789abcdef.baocao-tmp",
            "..0123456789abcdef.baocao-tmp",
            ".x.0123456789abcdeg.baocao-tmp",
            ".notes.txt",
        ] {
            assert!(!is_temporary(OsStr::new(not_ours)), "{not_ours}");
        }
        let long = "é".repeat(200);
        assert!(temporary_name(OsStr::new(&long)).len() < 255);
    }

    #[test]
    fn a_full_chunk_is_put_in_place_without_waiting_for_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::new(dir.path());
        for i in 0..=Staged::CHUNK {
            staged
                .write(
                    &dir.path().join(format!("{i}.txt")),
                    i.to_string().as_bytes(),
                )
                .unwrap();
        }
        // The committer puts the first CHUNK files in place on its own
        // (waited for here, not timed); the last one is still pending.
        let in_place = |names: &[String]| {
            names
                .iter()
                .filter(|n| !is_temporary(OsStr::new(n)))
                .count()
        };
        let mut before = names(dir.path());
        for _ in 0..3000 {
            if in_place(&before) == Staged::CHUNK {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            before = names(dir.path());
        }
        assert_eq!(in_place(&before), Staged::CHUNK, "{before:?}");
        assert_eq!(before.len(), Staged::CHUNK + 1);
        assert!(staged.finish().is_empty());
        let after = names(dir.path());
        assert_eq!(after.len(), Staged::CHUNK + 1);
        assert!(temporaries(dir.path()).is_empty());
        assert_eq!(fs::read(dir.path().join("7.txt")).unwrap(), b"7");
    }

    #[test]
    fn a_file_that_cannot_be_renamed_is_reported_and_the_others_land() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::new(dir.path());
        // A folder where the file should go: the rename fails.
        fs::create_dir_all(dir.path().join("x/blocked.md/inside")).unwrap();
        staged
            .write(&dir.path().join("x/blocked.md"), b"no")
            .unwrap();
        staged.write(&dir.path().join("x/ok.md"), b"yes").unwrap();
        let failed = staged.finish();
        assert_eq!(failed.len(), 1);
        assert_eq!(failed[0].0, dir.path().join("x/blocked.md"));
        assert!(failed[0].1.to_string().contains("blocked.md: cannot write"));
        assert_eq!(fs::read(dir.path().join("x/ok.md")).unwrap(), b"yes");
        // The temporary of the failed file is gone.
        assert_eq!(names(&dir.path().join("x")), ["blocked.md", "ok.md"]);
    }

    /// A disk that fills up midway: the file that did not fit fails, with
    /// the system's reason, and leaves nothing, not even a partial
    /// temporary; the files written before it land.
    #[test]
    fn a_full_disk_fails_the_file_that_did_not_fit_and_leaves_nothing_partial() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::with_faults(
            dir.path(),
            Faults {
                space: Some(AtomicUsize::new(10)),
                flush_fails: false,
            },
        );
        staged.write(&dir.path().join("a/1.md"), b"12345").unwrap();
        let e = staged
            .write(&dir.path().join("a/2.md"), b"1234567890")
            .unwrap_err();
        assert!(
            e.to_string().starts_with(&format!(
                "{}: cannot write: ",
                dir.path().join("a/2.md").display()
            )),
            "{e}"
        );
        assert_eq!(temporaries(&dir.path().join("a")).len(), 1);
        assert!(staged.finish().is_empty());
        assert_eq!(names(&dir.path().join("a")), ["1.md"]);
    }

    /// A flush that fails: no file gets its real name (it may not be on
    /// disk), every one of them is reported, and no temporary is left.
    #[test]
    fn a_failed_flush_renames_nothing_and_reports_every_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("old.md"), b"old").unwrap();
        let staged = Staged::with_faults(
            dir.path(),
            Faults {
                space: None,
                flush_fails: true,
            },
        );
        for n in ["old.md", "a/1.md", "a/2.md"] {
            staged.write(&dir.path().join(n), b"new").unwrap();
        }
        let mut failed: Vec<PathBuf> = staged.finish().into_iter().map(|(p, _)| p).collect();
        failed.sort();
        assert_eq!(
            failed,
            [
                dir.path().to_path_buf(),
                dir.path().join("a/1.md"),
                dir.path().join("a/2.md"),
                dir.path().join("old.md"),
            ]
        );
        assert_eq!(names(dir.path()), ["a", "old.md"]);
        assert!(names(&dir.path().join("a")).is_empty());
        assert_eq!(fs::read(dir.path().join("old.md")).unwrap(), b"old");
    }

    /// A link planted at a folder below the root, or at a file's name:
    /// nothing is written through it.
    #[test]
    fn a_planted_link_takes_no_write_elsewhere() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim");
        fs::write(&victim, b"keep").unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        symlink(outside.path(), out.join("hanoi")).unwrap();
        symlink(&victim, out.join("2024.md")).unwrap();
        let staged = Staged::new(&out);
        let e = staged.write(&out.join("hanoi/victim"), b"x").unwrap_err();
        assert!(matches!(e, DriverError::Link { .. }), "{e}");
        staged.write(&out.join("2024.md"), b"report").unwrap();
        assert!(staged.finish().is_empty());
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        assert_eq!(names(outside.path()), ["victim"]);
        // The link at the file's name was replaced by the file.
        assert!(fs::symlink_metadata(out.join("2024.md")).unwrap().is_file());
    }

    #[test]
    fn leftover_temporaries_are_removed_at_every_level_and_only_ours() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let theirs = outside.path().join(".x.0123456789abcdef.baocao-tmp");
        fs::write(&theirs, b"not ours to remove").unwrap();
        let out = dir.path();
        fs::create_dir(out.join("hanoi")).unwrap();
        symlink(outside.path(), out.join("linked")).unwrap();
        for f in [
            ".index.html.0123456789abcdef.baocao-tmp",
            "hanoi/.2024.md.fedcba9876543210.baocao-tmp",
            "hanoi/.2024.md.1234.tmp",
            "hanoi/2024.md",
            ".notes",
        ] {
            fs::write(out.join(f), b"").unwrap();
        }
        remove_temporaries(&Folder::chosen(out).unwrap());
        assert_eq!(names(out), [".notes", "hanoi", "linked"]);
        assert_eq!(names(&out.join("hanoi")), [".2024.md.1234.tmp", "2024.md"]);
        assert!(theirs.exists());
    }
}
