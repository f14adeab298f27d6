//! This process's standard output, kept apart from what plugins print.
//!
//! A plugin loaded in process shares file descriptor 1 with its host: a
//! stray `println!` in an exporter would land in the middle of a report
//! sent to standard output (`baocao render --out -`) or of a batch's JSON
//! summary. Pointing descriptor 1 elsewhere during each plugin call cannot
//! work in a batch, whose threads call plugins while another thread
//! writes: the descriptor table is the process's, not the thread's. So
//! [`shield_stdout`] moves the real standard output once, for the whole
//! run, to a descriptor of its own, and points descriptor 1 at standard
//! error; the program then writes its own output through [`stdout`], and
//! whatever else writes to descriptor 1 (a plugin, in any thread, at any
//! time) reaches standard error, where the user still sees it.
//!
//! Plugins in worker processes need none of this: a worker's standard
//! output is its host's standard error from the start.

use std::fs::File;
use std::io::{self, Write};
use std::sync::OnceLock;

/// The real standard output, once [`shield_stdout`] moved it.
static REAL_STDOUT: OnceLock<Option<File>> = OnceLock::new();

/// Moves this process's standard output out of the plugins' reach, for
/// the rest of the process: afterwards descriptor 1 is a copy of standard
/// error, and [`stdout`] writes to the real standard output. Call it once,
/// at the start, before any plugin is loaded; later calls do nothing.
///
/// Fails when standard output is closed or descriptors run out; nothing
/// is changed then.
pub fn shield_stdout() -> io::Result<()> {
    let mut failure = None;
    REAL_STDOUT.get_or_init(|| match shield() {
        Ok(real) => real,
        Err(e) => {
            failure = Some(e);
            None
        }
    });
    failure.map_or(Ok(()), Err)
}

#[cfg(unix)]
fn shield() -> io::Result<Option<File>> {
    use std::os::fd::AsFd;
    // Anything std buffered for descriptor 1 belongs to the real output.
    io::stdout().flush()?;
    // A new descriptor, closed on exec: workers and other children never
    // hold the real standard output.
    let real = io::stdout().as_fd().try_clone_to_owned()?;
    rustix::stdio::dup2_stdout(io::stderr().as_fd())?;
    Ok(Some(File::from(real)))
}

#[cfg(not(unix))]
fn shield() -> io::Result<Option<File>> {
    Ok(None)
}

/// This process's own standard output: the real one, also after
/// [`shield_stdout`]. Unbuffered; write whole texts.
pub fn stdout() -> Stdout {
    Stdout(())
}

/// See [`stdout`].
#[derive(Debug)]
pub struct Stdout(());

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match REAL_STDOUT.get() {
            Some(Some(real)) => {
                let mut real: &File = real;
                real.write(buf)
            }
            _ => io::stdout().write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match REAL_STDOUT.get() {
            Some(Some(real)) => {
                let mut real: &File = real;
                real.flush()
            }
            _ => io::stdout().flush(),
        }
    }
}

/// Runs `f` with descriptor 1 pointed at a file of its own, and returns
/// what was written to it: whether a plugin called in `f` prints, which
/// `baocao plugins --verify` tells. Only for a process that runs nothing
/// else meanwhile (descriptor 1 is the process's, not the thread's); the
/// descriptor is put back as it was, also when `f` panics.
#[cfg(unix)]
pub fn capture_descriptor_1<T>(f: impl FnOnce() -> T) -> io::Result<(T, Vec<u8>)> {
    use std::io::{Read, Seek};
    use std::os::fd::AsFd;

    /// Puts descriptor 1 back when dropped.
    struct Restore(std::os::fd::OwnedFd);
    impl Drop for Restore {
        fn drop(&mut self) {
            let _ = rustix::stdio::dup2_stdout(self.0.as_fd());
        }
    }

    io::stdout().flush()?;
    let mut file = tempfile_in_tmp()?;
    let saved = Restore(io::stdout().as_fd().try_clone_to_owned()?);
    rustix::stdio::dup2_stdout(file.as_fd())?;
    let value = f();
    io::stdout().flush()?;
    drop(saved);
    let mut printed = Vec::new();
    file.rewind()?;
    file.read_to_end(&mut printed)?;
    Ok((value, printed))
}

/// An unnamed file for [`capture_descriptor_1`], removed as soon as made.
#[cfg(unix)]
fn tempfile_in_tmp() -> io::Result<File> {
    let dir = std::env::temp_dir();
    for n in 0..100_u32 {
        let path = dir.join(format!("baocao-stdout-{}-{n}", std::process::id()));
        match std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => {
                let _ = std::fs::remove_file(&path);
                return Ok(file);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no temporary file could be made"))
}
