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
//! name: at worst the newest files are still temporaries
//! (`.<name>.<pid>.tmp`), which the next batch removes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread;

use crate::DriverError;

/// A file written under its temporary name: (temporary, target).
type Move = (PathBuf, PathBuf);

/// Files that could not be put in place, and why.
type Failures = Vec<(PathBuf, DriverError)>;

/// Files written under temporary names, waiting to be renamed into place.
#[derive(Debug)]
pub struct Staged {
    /// A folder on the file system the files go to (what is flushed).
    root: PathBuf,
    /// The files written and not yet handed to a commit.
    pending: Mutex<Vec<Move>>,
    /// Where full chunks go: the committer thread, or, when it could not
    /// be started, nowhere (the writer commits them itself).
    committer: Option<Committer>,
    /// What the writers' own commits could not put in place.
    failed: Mutex<Failures>,
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

    /// Stages files under `root`, which must exist; every file written must
    /// be on the same file system.
    pub fn new(root: &Path) -> Self {
        let (chunks, received) = mpsc::channel::<Vec<Move>>();
        let folder = root.to_path_buf();
        let committer = thread::Builder::new()
            .name("baocao-commit".to_owned())
            .spawn(move || {
                let mut failed = Failures::new();
                for files in received {
                    commit(&folder, files, &mut failed);
                }
                failed
            })
            .ok()
            .map(|thread| Committer { chunks, thread });
        Staged {
            root: root.to_path_buf(),
            pending: Mutex::new(Vec::new()),
            committer,
            failed: Mutex::new(Vec::new()),
        }
    }

    /// Writes `bytes` to a temporary file next to `path`, to be renamed to
    /// `path` by a later flush. An error is returned for the temporary file
    /// only; a failure to rename it later is returned by [`finish`](Self::finish).
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<(), DriverError> {
        let tmp = write_temporary(path, bytes)?;
        let full = {
            let mut pending = lock(&self.pending);
            pending.push((tmp, path.to_path_buf()));
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
                commit(&self.root, files, &mut lock(&self.failed));
            }
        }
        Ok(())
    }

    /// Waits for the committer, flushes and renames what is still pending,
    /// flushes the renames, and returns every file that could not be put in
    /// place, with the reason.
    pub fn finish(self) -> Vec<(PathBuf, DriverError)> {
        let Staged {
            root,
            pending,
            committer,
            failed,
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
        commit(&root, files, &mut failed);
        if let Err(reason) = flush_names(&root) {
            // The files are in place; only their names may not survive a
            // power cut. Say so, rather than claim they are safe.
            failed.push((root.clone(), DriverError::Write { path: root, reason }));
        }
        failed
    }
}

/// One flush, then the renames. On a failed flush nothing is renamed: a
/// file that may not be on disk never gets its real name.
fn commit(root: &Path, files: Vec<Move>, failed: &mut Failures) {
    if files.is_empty() {
        return;
    }
    let flushed = flush(root, files.iter().map(|(tmp, _)| tmp.as_path()));
    for (tmp, target) in files {
        let result = match &flushed {
            Ok(()) => fs::rename(&tmp, &target),
            Err(e) => Err(std::io::Error::new(e.kind(), e.to_string())),
        };
        if let Err(reason) = result {
            let _ = fs::remove_file(&tmp);
            failed.push((
                target.clone(),
                DriverError::Write {
                    path: target,
                    reason,
                },
            ));
        }
    }
}

/// The temporary name of `path`: hidden, in the same folder (a rename
/// across file systems is not atomic), with the process id so that two
/// processes writing the same folder do not write into each other's file.
pub(crate) fn temporary(path: &Path) -> PathBuf {
    let dir = parent(path);
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    dir.join(format!(".{name}.{}.tmp", pid()))
}

/// The process id, asked of the system once (glibc does not keep it).
fn pid() -> u32 {
    static PID: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *PID.get_or_init(std::process::id)
}

fn parent(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Writes the temporary file of `path` (its folder created if need be),
/// not flushed; removes it again on failure.
fn write_temporary(path: &Path, bytes: &[u8]) -> Result<PathBuf, DriverError> {
    let err = |reason| DriverError::Write {
        path: path.to_path_buf(),
        reason,
    };
    let tmp = temporary(path);
    // The folder usually exists (a batch writes several files to each):
    // it is made only when creating the file says it is missing.
    let file = match fs::File::create(&tmp) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::create_dir_all(parent(path)).map_err(err)?;
            fs::File::create(&tmp)
        }
        other => other,
    };
    let result = file.and_then(|mut f| f.write_all(bytes));
    if let Err(reason) = result {
        let _ = fs::remove_file(&tmp);
        return Err(err(reason));
    }
    Ok(tmp)
}

/// Flushes the file system of `root`, `files` included: one `syncfs`.
#[cfg(target_os = "linux")]
fn flush<'p>(root: &Path, _files: impl Iterator<Item = &'p Path>) -> std::io::Result<()> {
    syncfs(root)
}

/// Flushes the renames: one more `syncfs`.
#[cfg(target_os = "linux")]
fn flush_names(root: &Path) -> std::io::Result<()> {
    syncfs(root)
}

#[cfg(target_os = "linux")]
fn syncfs(root: &Path) -> std::io::Result<()> {
    let dir = fs::File::open(root)?;
    rustix::fs::syncfs(&dir).map_err(std::io::Error::from)
}

/// Without `syncfs`, each file is flushed on its own: correct, slower.
#[cfg(not(target_os = "linux"))]
fn flush<'p>(_root: &Path, files: impl Iterator<Item = &'p Path>) -> std::io::Result<()> {
    for f in files {
        fs::File::open(f)?.sync_all()?;
    }
    Ok(())
}

/// Without `syncfs`, the renames are left to the system's own write-back.
#[cfg(not(target_os = "linux"))]
fn flush_names(_root: &Path) -> std::io::Result<()> {
    Ok(())
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

    #[test]
    fn nothing_has_its_real_name_before_the_flush() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::new(dir.path());
        staged.write(&dir.path().join("a/1.md"), b"one").unwrap();
        staged.write(&dir.path().join("a/2.md"), b"two").unwrap();
        let pid = std::process::id();
        assert_eq!(
            names(&dir.path().join("a")),
            [format!(".1.md.{pid}.tmp"), format!(".2.md.{pid}.tmp")]
        );
        assert!(staged.finish().is_empty());
        assert_eq!(names(&dir.path().join("a")), ["1.md", "2.md"]);
        assert_eq!(fs::read(dir.path().join("a/2.md")).unwrap(), b"two");
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
        let in_place = |names: &[String]| names.iter().filter(|n| !n.ends_with(".tmp")).count();
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
        assert!(after.iter().all(|n| !n.ends_with(".tmp")));
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
}
