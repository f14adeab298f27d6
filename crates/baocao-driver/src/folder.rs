//! The folders baocao writes into, entered without following links.
//!
//! The folder a user names (`--out` of a batch or of `render`, the folder
//! of `render --out FILE`, the part of a department's `output.path` before
//! its first `{…}`) is opened as given, links included: the user chose
//! that path. Every folder below it is created and entered by name,
//! relative to the folder above (`mkdirat`, then `openat` with
//! `O_NOFOLLOW`), so that a link planted inside never takes a write
//! elsewhere: it is refused, with a message that names it. Files are only
//! ever created exclusively (`O_CREAT | O_EXCL`, which fails on any
//! existing name, a link included) and renamed within their folder
//! (`renameat` replaces a link at the target name instead of writing
//! through it).
//!
//! On systems without `openat` (Windows), the same is done by path: each
//! folder below the chosen one is checked with `symlink_metadata` before it
//! is used, files are created with `create_new`.

use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};

use crate::DriverError;

#[cfg(unix)]
pub(crate) use self::unix::Folder;

#[cfg(not(unix))]
pub(crate) use self::portable::Folder;

/// What a name in a folder is, as far as cleaning it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// A regular file.
    File,
    /// A folder (never a link to one).
    Folder,
    /// A link, a device, anything else.
    Other,
}

/// The names of a relative path, each a plain name: a path that climbs out
/// (`..`) or starts anew (`/`, `C:`) would leave the folder it is under.
pub(crate) fn names<'p>(rel: &'p Path, shown: &Path) -> Result<Vec<&'p OsStr>, DriverError> {
    rel.components()
        .filter(|c| *c != Component::CurDir)
        .map(|c| match c {
            Component::Normal(name) => Ok(name),
            _ => Err(DriverError::Write {
                path: shown.to_path_buf(),
                reason: std::io::Error::other(
                    "the path leaves the output folder; baocao writes only inside it",
                ),
            }),
        })
        .collect()
}

/// The folder the user named, made with its parents when missing.
fn make_chosen(path: &Path) -> Result<PathBuf, DriverError> {
    let path = if path.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        path.to_path_buf()
    };
    std::fs::create_dir_all(&path).map_err(|reason| DriverError::Write {
        path: path.clone(),
        reason,
    })?;
    Ok(path)
}

#[cfg(unix)]
mod unix {
    use std::fs;
    use std::io::Read;
    use std::os::fd::OwnedFd;

    use rustix::fs::{AtFlags, FileType, Mode, OFlags};
    use rustix::io::Errno;

    use super::*;

    /// An open folder: every name in it is reached through this handle,
    /// never through a path that could have changed since.
    #[derive(Debug)]
    pub(crate) struct Folder {
        path: PathBuf,
        fd: OwnedFd,
    }

    const DIRECTORY: OFlags = OFlags::RDONLY
        .union(OFlags::DIRECTORY)
        .union(OFlags::NOFOLLOW)
        .union(OFlags::CLOEXEC);

    impl Folder {
        /// The folder the user named (made if missing): links in its path
        /// are followed, the user chose them.
        pub(crate) fn chosen(path: &Path) -> Result<Folder, DriverError> {
            let path = make_chosen(path)?;
            let err = |reason| DriverError::Write {
                path: path.clone(),
                reason,
            };
            let fd = rustix::fs::open(
                &path,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(|e| err(e.into()))?;
            Ok(Folder { path, fd })
        }

        /// The folder's path, for messages.
        pub(crate) fn path(&self) -> &Path {
            &self.path
        }

        /// The folder `name` in this one, made when missing and `make`;
        /// `None` when it is missing and not to be made. A link is refused.
        pub(crate) fn sub(&self, name: &OsStr, make: bool) -> Result<Option<Folder>, DriverError> {
            let path = self.path.join(name);
            let fd = match rustix::fs::openat(&self.fd, name, DIRECTORY, Mode::empty()) {
                Ok(fd) => fd,
                Err(Errno::NOENT) if !make => return Ok(None),
                Err(Errno::NOENT) => {
                    match rustix::fs::mkdirat(&self.fd, name, Mode::from_raw_mode(0o777)) {
                        Ok(()) | Err(Errno::EXIST) => {}
                        Err(e) => {
                            return Err(DriverError::Write {
                                path,
                                reason: e.into(),
                            });
                        }
                    }
                    rustix::fs::openat(&self.fd, name, DIRECTORY, Mode::empty())
                        .map_err(|e| self.refused(name, path.clone(), e))?
                }
                Err(e) => return Err(self.refused(name, path, e)),
            };
            Ok(Some(Folder { path, fd }))
        }

        /// Why the folder `name` could not be entered: it is a link (named
        /// as such), or the system's reason.
        fn refused(&self, name: &OsStr, path: PathBuf, e: Errno) -> DriverError {
            let link = rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW)
                .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink);
            if link {
                DriverError::Link { path }
            } else {
                DriverError::Write {
                    path,
                    reason: e.into(),
                }
            }
        }

        /// Creates the file `name`, which must not exist under any form (a
        /// link included): `AlreadyExists` when it does.
        pub(crate) fn create_new(&self, name: &OsStr) -> std::io::Result<fs::File> {
            let fd = rustix::fs::openat(
                &self.fd,
                name,
                OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o666),
            )?;
            Ok(fs::File::from(fd))
        }

        /// Renames `from` to `to` in this folder, replacing `to` (a link at
        /// `to` is replaced, never followed).
        pub(crate) fn rename(&self, from: &OsStr, to: &OsStr) -> std::io::Result<()> {
            Ok(rustix::fs::renameat(&self.fd, from, &self.fd, to)?)
        }

        /// Removes the file (or link) `name`.
        pub(crate) fn remove(&self, name: &OsStr) -> std::io::Result<()> {
            Ok(rustix::fs::unlinkat(&self.fd, name, AtFlags::empty())?)
        }

        /// The bytes of the regular file `name`; an error for a link.
        pub(crate) fn read(&self, name: &OsStr) -> std::io::Result<Vec<u8>> {
            let fd = rustix::fs::openat(
                &self.fd,
                name,
                OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            let mut bytes = Vec::new();
            fs::File::from(fd).read_to_end(&mut bytes)?;
            Ok(bytes)
        }

        /// Flushes the file `name` to disk.
        #[cfg_attr(
            target_os = "linux",
            allow(dead_code, reason = "Linux flushes the whole file system at once")
        )]
        pub(crate) fn sync_file(&self, name: &OsStr) -> std::io::Result<()> {
            let fd = rustix::fs::openat(
                &self.fd,
                name,
                OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )?;
            Ok(rustix::fs::fsync(fd)?)
        }

        /// Flushes the folder's file system (Linux: `syncfs`) or, elsewhere,
        /// the folder itself, so that its names are on disk.
        pub(crate) fn sync(&self) -> std::io::Result<()> {
            #[cfg(target_os = "linux")]
            let r = rustix::fs::syncfs(&self.fd);
            #[cfg(not(target_os = "linux"))]
            let r = rustix::fs::fsync(&self.fd);
            Ok(r?)
        }

        /// Every name in the folder, with what it is (links are `Other`).
        pub(crate) fn entries(&self) -> std::io::Result<Vec<(OsString, Kind)>> {
            use std::os::unix::ffi::OsStrExt;
            let mut out = Vec::new();
            for entry in rustix::fs::Dir::read_from(&self.fd)? {
                let entry = entry?;
                let name = OsStr::from_bytes(entry.file_name().to_bytes());
                if name == "." || name == ".." {
                    continue;
                }
                let kind = match entry.file_type() {
                    FileType::Unknown => {
                        rustix::fs::statat(&self.fd, name, AtFlags::SYMLINK_NOFOLLOW)
                            .map_or(FileType::Unknown, |st| FileType::from_raw_mode(st.st_mode))
                    }
                    known => known,
                };
                let kind = match kind {
                    FileType::RegularFile => Kind::File,
                    FileType::Directory => Kind::Folder,
                    _ => Kind::Other,
                };
                out.push((name.to_os_string(), kind));
            }
            Ok(out)
        }

        /// Takes the folder's advisory lock (`flock` on the folder itself,
        /// so that nothing is left in it), calling `waiting` first when
        /// another process holds it. The lock is let go when the returned
        /// guard is dropped, or the process ends however it ends.
        pub(crate) fn lock(&self, waiting: impl FnOnce()) -> Result<Lock, DriverError> {
            let err = |reason| DriverError::Write {
                path: self.path.clone(),
                reason,
            };
            // A description of its own: a lock taken through it is not
            // shared with this handle, nor with another batch of this process.
            let fd = rustix::fs::openat(&self.fd, ".", DIRECTORY, Mode::empty())
                .map_err(|e| err(e.into()))?;
            let file = fs::File::from(fd);
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    waiting();
                    file.lock().map_err(err)?;
                }
                // A file system without locks (some network and FUSE ones):
                // the batch goes on unlocked rather than not at all.
                Err(fs::TryLockError::Error(e)) if cannot_lock(&e) => {}
                Err(fs::TryLockError::Error(e)) => return Err(err(e)),
            }
            Ok(Lock { _file: file })
        }
    }

    /// Whether a lock failed because the file system has none.
    fn cannot_lock(e: &std::io::Error) -> bool {
        e.kind() == std::io::ErrorKind::Unsupported
            || e.raw_os_error().is_some_and(|n| {
                [Errno::NOLCK, Errno::OPNOTSUPP, Errno::NOSYS]
                    .iter()
                    .any(|x| x.raw_os_error() == n)
            })
    }

    /// A held lock of a folder; dropping it lets go.
    #[derive(Debug)]
    pub(crate) struct Lock {
        _file: fs::File,
    }
}

/// The same by path, for systems without `openat` (compiled on Unix for
/// its tests).
#[cfg(any(not(unix), test))]
mod portable {
    use std::fs;

    use super::*;

    /// A folder known by its path, checked not to be a link before use.
    #[derive(Debug)]
    pub(crate) struct Folder {
        path: PathBuf,
    }

    #[cfg_attr(
        unix,
        allow(dead_code, reason = "Unix uses `openat`; this is tested there")
    )]
    impl Folder {
        pub(crate) fn chosen(path: &Path) -> Result<Folder, DriverError> {
            let path = make_chosen(path)?;
            if !path.is_dir() {
                return Err(DriverError::Write {
                    path,
                    reason: std::io::Error::from(std::io::ErrorKind::NotADirectory),
                });
            }
            Ok(Folder { path })
        }

        pub(crate) fn path(&self) -> &Path {
            &self.path
        }

        pub(crate) fn sub(&self, name: &OsStr, make: bool) -> Result<Option<Folder>, DriverError> {
            let path = self.path.join(name);
            let write = |path: PathBuf, reason| DriverError::Write { path, reason };
            let check = |path: PathBuf| match fs::symlink_metadata(&path) {
                Ok(m) if m.file_type().is_symlink() => Err(DriverError::Link { path }),
                Ok(m) if m.is_dir() => Ok(Some(Folder { path })),
                Ok(_) => Err(write(
                    path,
                    std::io::Error::from(std::io::ErrorKind::NotADirectory),
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(write(path, e)),
            };
            match check(path.clone())? {
                Some(f) => Ok(Some(f)),
                None if !make => Ok(None),
                None => {
                    match fs::create_dir(&path) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                        Err(e) => return Err(write(path, e)),
                    }
                    check(path.clone())?
                        .ok_or_else(|| {
                            write(path, std::io::Error::from(std::io::ErrorKind::NotFound))
                        })
                        .map(Some)
                }
            }
        }

        pub(crate) fn create_new(&self, name: &OsStr) -> std::io::Result<fs::File> {
            fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(self.path.join(name))
        }

        pub(crate) fn rename(&self, from: &OsStr, to: &OsStr) -> std::io::Result<()> {
            fs::rename(self.path.join(from), self.path.join(to))
        }

        pub(crate) fn remove(&self, name: &OsStr) -> std::io::Result<()> {
            fs::remove_file(self.path.join(name))
        }

        pub(crate) fn read(&self, name: &OsStr) -> std::io::Result<Vec<u8>> {
            let path = self.path.join(name);
            if fs::symlink_metadata(&path)?.file_type().is_symlink() {
                return Err(std::io::Error::other("a link, not read"));
            }
            fs::read(path)
        }

        pub(crate) fn sync_file(&self, name: &OsStr) -> std::io::Result<()> {
            fs::File::open(self.path.join(name))?.sync_all()
        }

        pub(crate) fn sync(&self) -> std::io::Result<()> {
            // Windows cannot flush a folder; its renames are journaled.
            Ok(())
        }

        pub(crate) fn entries(&self) -> std::io::Result<Vec<(OsString, Kind)>> {
            let mut out = Vec::new();
            for entry in fs::read_dir(&self.path)? {
                let entry = entry?;
                let t = entry.file_type()?;
                let kind = if t.is_symlink() {
                    Kind::Other
                } else if t.is_file() {
                    Kind::File
                } else if t.is_dir() {
                    Kind::Folder
                } else {
                    Kind::Other
                };
                out.push((entry.file_name(), kind));
            }
            Ok(out)
        }

        /// The lock is a file here, `.baocao.lock`: a folder cannot be
        /// locked on every system.
        pub(crate) fn lock(&self, waiting: impl FnOnce()) -> Result<Lock, DriverError> {
            let path = self.path.join(".baocao.lock");
            let err = |reason| DriverError::Write {
                path: path.clone(),
                reason,
            };
            if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
                return Err(DriverError::Link { path });
            }
            let file = fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
                .map_err(err)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => {
                    waiting();
                    file.lock().map_err(err)?;
                }
                Err(fs::TryLockError::Error(e)) => return Err(err(e)),
            }
            Ok(Lock { _file: file })
        }
    }

    /// A held lock; dropping it lets go.
    #[derive(Debug)]
    pub(crate) struct Lock {
        _file: fs::File,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    /// The behaviour both implementations owe.
    macro_rules! behaves {
        ($m:ident, $Folder:ty) => {
            mod $m {
                use super::*;
                use std::fs;
                use std::os::unix::fs::symlink;

                #[test]
                fn a_link_below_the_chosen_folder_is_refused_by_name() {
                    let dir = tempfile::tempdir().unwrap();
                    let outside = tempfile::tempdir().unwrap();
                    let root = dir.path().join("out");
                    fs::create_dir(&root).unwrap();
                    symlink(outside.path(), root.join("hanoi")).unwrap();
                    let out = <$Folder>::chosen(&root).unwrap();
                    let e = out.sub(OsStr::new("hanoi"), true).unwrap_err();
                    assert_eq!(
                        e.to_string(),
                        format!(
                            "{} is a symbolic link; baocao does not write through links: remove it",
                            root.join("hanoi").display()
                        )
                    );
                    assert!(out.sub(OsStr::new("hanoi"), false).is_err());
                }

                #[test]
                fn the_chosen_folder_may_be_a_link() {
                    let dir = tempfile::tempdir().unwrap();
                    let real = dir.path().join("real");
                    fs::create_dir(&real).unwrap();
                    symlink(&real, dir.path().join("out")).unwrap();
                    let out = <$Folder>::chosen(&dir.path().join("out")).unwrap();
                    let sub = out.sub(OsStr::new("a"), true).unwrap().unwrap();
                    sub.create_new(OsStr::new("x")).unwrap();
                    assert!(real.join("a/x").is_file());
                }

                #[test]
                fn a_new_file_never_takes_an_existing_name_or_link() {
                    let dir = tempfile::tempdir().unwrap();
                    let outside = dir.path().join("outside");
                    fs::write(&outside, b"keep").unwrap();
                    let out = <$Folder>::chosen(&dir.path().join("out")).unwrap();
                    symlink(&outside, dir.path().join("out/planted")).unwrap();
                    let e = out.create_new(OsStr::new("planted")).unwrap_err();
                    assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
                    assert!(out.read(OsStr::new("planted")).is_err());
                    // A rename over the link replaces the link.
                    fs::write(dir.path().join("out/new"), b"new").unwrap();
                    out.rename(OsStr::new("new"), OsStr::new("planted"))
                        .unwrap();
                    assert_eq!(fs::read(&outside).unwrap(), b"keep");
                    assert_eq!(fs::read(dir.path().join("out/planted")).unwrap(), b"new");
                }

                #[test]
                fn entries_tell_files_folders_and_links_apart() {
                    let dir = tempfile::tempdir().unwrap();
                    let out = <$Folder>::chosen(dir.path()).unwrap();
                    fs::write(dir.path().join("f"), b"").unwrap();
                    fs::create_dir(dir.path().join("d")).unwrap();
                    symlink(dir.path().join("d"), dir.path().join("l")).unwrap();
                    let mut e = out.entries().unwrap();
                    e.sort();
                    assert_eq!(
                        e,
                        [
                            (OsString::from("d"), Kind::Folder),
                            (OsString::from("f"), Kind::File),
                            (OsString::from("l"), Kind::Other),
                        ]
                    );
                }
            }
        };
    }

    behaves!(with_openat, unix::Folder);
    behaves!(by_path, portable::Folder);

    #[test]
    fn names_refuse_a_path_that_climbs_out() {
        assert!(names(Path::new("a/../../b"), Path::new("x")).is_err());
        assert!(names(Path::new("/etc/passwd"), Path::new("x")).is_err());
        assert_eq!(
            names(Path::new("./a/b.md"), Path::new("x")).unwrap(),
            [OsStr::new("a"), OsStr::new("b.md")]
        );
    }
}
