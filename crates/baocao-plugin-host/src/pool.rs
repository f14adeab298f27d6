//! The host's side of isolation: worker processes, started, asked and
//! stopped.
//!
//! A worker is the program of [`Isolation`] (`baocao plugin-worker`), its
//! standard input one end of a Unix socket pair over which it speaks
//! [`crate::frame`]; its standard output is this process's standard error,
//! so that what a plugin prints reaches the user without ever mixing with
//! this process's standard output; its standard error is this process's.
//!
//! Each plugin has a [`Pool`] of workers, each serving one request at a
//! time. A render takes an idle worker, or starts one when all are busy,
//! and gives it back when it answered: the pool grows to the number of
//! threads rendering at once (a batch's `--jobs`) and no further, and no
//! thread ever waits for another's worker, so nothing can deadlock. A
//! worker that stopped (exited, crashed, hung past the time limit) is
//! reaped and dropped; the next render starts a new one.

use std::io::{self, BufReader, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::net::UnixStream;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::frame::{self, Message};
use crate::{Described, Isolation, Reason, Stop};

/// How long a worker whose channel closed has to finish exiting before it
/// is killed: it is normally gone already.
const EXIT_GRACE: Duration = Duration::from_secs(5);

/// What a request to a worker gives: the rendered bytes (none for a check
/// of options), or the plugin's status and message.
pub(crate) type Answer = Result<Vec<u8>, (u32, Vec<u8>)>;

/// One worker process and its channel.
struct Worker {
    child: Child,
    channel: UnixStream,
}

/// Why talking to a worker failed, before it is turned into a [`Stop`].
enum Trouble {
    /// No answer in time.
    TimedOut,
    /// The channel closed or broke: the worker is gone or going.
    Gone(io::Error),
    /// It answered something that is not the protocol.
    Garbage(io::Error),
}

impl From<io::Error> for Trouble {
    fn from(e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Trouble::TimedOut,
            io::ErrorKind::InvalidData => Trouble::Garbage(e),
            _ => Trouble::Gone(e),
        }
    }
}

impl Worker {
    /// Starts a worker.
    fn spawn(isolation: &Isolation) -> Result<Worker, Stop> {
        let unavailable = |e: io::Error| {
            Stop::Unavailable(format!(
                "could not start its worker process ({}): {e}",
                isolation.program.display()
            ))
        };
        let (ours, theirs) = UnixStream::pair().map_err(unavailable)?;
        // A write blocks only while the worker has not read the message
        // before; a worker reads every message whole before it renders.
        ours.set_write_timeout(Some(isolation.time_limit))
            .map_err(unavailable)?;
        // What the plugin prints goes where this process's problems go.
        let stdout = io::stderr()
            .as_fd()
            .try_clone_to_owned()
            .map_err(unavailable)?;
        let child = Command::new(&isolation.program)
            .args(&isolation.args)
            .stdin(Stdio::from(OwnedFd::from(theirs)))
            .stdout(Stdio::from(stdout))
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(unavailable)?;
        Ok(Worker {
            child,
            channel: ours,
        })
    }

    /// Asks the worker to load a library (the answer is read by
    /// [`Worker::loaded`]).
    fn load(&mut self, library: &Path, isolation: &Isolation) -> Result<(), Stop> {
        let path = library.as_os_str().as_bytes();
        let limit = isolation.memory_limit.to_le_bytes();
        let sent = self.send(frame::LOAD, &[frame::PROTOCOL, path, &limit]);
        sent.map_err(|t| self.stop(t, isolation))
    }

    /// The worker's answer to [`Worker::load`]: the plugin's descriptor,
    /// or why the library is not a plugin.
    fn loaded(&mut self, isolation: &Isolation) -> Result<Result<Described, Reason>, Stop> {
        let deadline = Instant::now() + isolation.time_limit;
        let answer = self
            .receive(deadline)
            .and_then(|m| read_loaded(m).map_err(Trouble::from));
        answer.map_err(|t| self.stop(t, isolation))
    }

    /// Asks the worker (a render, or a check of options) and reads its
    /// answer, within the time limit.
    fn ask(&mut self, tag: u8, fields: &[&[u8]], isolation: &Isolation) -> Result<Answer, Stop> {
        let deadline = Instant::now() + isolation.time_limit;
        let answer = self
            .send(tag, fields)
            .and_then(|()| self.receive(deadline))
            .and_then(|m| read_answer(m, tag).map_err(Trouble::from));
        answer.map_err(|t| self.stop(t, isolation))
    }

    fn send(&mut self, tag: u8, fields: &[&[u8]]) -> Result<(), Trouble> {
        Ok(frame::write(&mut &self.channel, tag, fields)?)
    }

    fn receive(&mut self, deadline: Instant) -> Result<Message, Trouble> {
        let mut from = BufReader::with_capacity(
            frame::BUFFER,
            Before {
                channel: &self.channel,
                deadline,
            },
        );
        match frame::read(&mut from)? {
            Some(message) => Ok(message),
            None => Err(Trouble::Gone(io::ErrorKind::UnexpectedEof.into())),
        }
    }

    /// The worker is no use any more: why, once it is stopped and reaped.
    fn stop(&mut self, trouble: Trouble, isolation: &Isolation) -> Stop {
        match trouble {
            Trouble::TimedOut => {
                self.end();
                Stop::TimedOut(isolation.time_limit)
            }
            Trouble::Gone(e) => match self.exit_within(EXIT_GRACE) {
                Some(status) => stop_of(status),
                None => {
                    self.end();
                    Stop::Unavailable(format!(
                        "closed its channel without exiting, and was stopped: {e}"
                    ))
                }
            },
            Trouble::Garbage(e) => {
                self.end();
                Stop::Unavailable(format!(
                    "answered something that is not baocao's worker protocol, and was stopped: {e}"
                ))
            }
        }
    }

    /// Waits for the worker to exit by itself, at most `grace`.
    fn exit_within(&mut self, grace: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + grace;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return Some(status),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(1));
                }
                Ok(None) | Err(_) => return None,
            }
        }
    }

    /// Kills and reaps the worker (nothing happens to one already reaped).
    fn end(&mut self) {
        // Errors mean it is already gone, which is the point.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.end();
    }
}

/// How a worker's exit reads as a [`Stop`].
fn stop_of(status: ExitStatus) -> Stop {
    match (status.code(), status.signal()) {
        (Some(code), _) => Stop::Exited(code),
        (None, Some(signal)) => Stop::Killed { signal },
        (None, None) => Stop::Unavailable(format!("stopped: {status}")),
    }
}

/// Reads from the channel, each read waiting at most until the deadline.
struct Before<'a> {
    channel: &'a UnixStream,
    deadline: Instant,
}

impl Read for Before<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        self.channel.set_read_timeout(Some(left))?;
        let mut channel = self.channel;
        channel.read(buf)
    }
}

fn read_loaded(message: Message) -> io::Result<Result<Described, Reason>> {
    if message.tag == frame::REJECTED {
        let [kind, detail] = message.take(frame::REJECTED)?;
        let reason = Reason::decode(&frame::text_of(kind)?, frame::text_of(detail)?)
            .ok_or_else(|| frame::garbage("a rejection of an unknown kind".to_owned()))?;
        return Ok(Err(reason));
    }
    let [
        minor,
        name,
        version,
        format_id,
        extension,
        mime_type,
        validates,
    ] = message.take(frame::LOADED)?;
    Ok(Ok(Described {
        name: frame::text_of(name)?,
        version: frame::text_of(version)?,
        format_id: frame::text_of(format_id)?,
        extension: frame::text_of(extension)?,
        mime_type: frame::text_of(mime_type)?,
        abi_minor: frame::u16_of(&minor)?,
        validates: frame::flag_of(&validates)?,
    }))
}

/// The worker's answer to a request `asked` ([`frame::RENDER`] or
/// [`frame::VALIDATE`]): the file's bytes (none for a check), or the
/// plugin's failure.
fn read_answer(message: Message, asked: u8) -> io::Result<Answer> {
    if message.tag == frame::FAILED {
        let [status, text] = message.take(frame::FAILED)?;
        return Ok(Err((frame::u32_of(&status)?, text)));
    }
    if asked == frame::VALIDATE {
        let [] = message.take(frame::ACCEPTED)?;
        return Ok(Ok(Vec::new()));
    }
    let [bytes] = message.take(frame::RENDERED)?;
    Ok(Ok(bytes))
}

/// Loads each library in a worker of its own, all started before any
/// answer is awaited, so that the workers start in parallel. In the order
/// of `libraries`: the plugin's descriptor and its pool (holding the
/// worker that loaded it), or why it was rejected.
pub(crate) fn load_all(
    libraries: &[PathBuf],
    isolation: &Isolation,
) -> Vec<Result<(Described, Pool), Reason>> {
    let started: Vec<Result<Worker, Stop>> = libraries
        .iter()
        .map(|library| {
            let mut worker = Worker::spawn(isolation)?;
            worker.load(library, isolation)?;
            Ok(worker)
        })
        .collect();
    libraries
        .iter()
        .zip(started)
        .map(|(library, worker)| {
            let mut worker = worker.map_err(Reason::Worker)?;
            let described = worker.loaded(isolation).map_err(Reason::Worker)??;
            let pool = Pool {
                library: library.clone(),
                isolation: isolation.clone(),
                format_id: described.format_id.clone(),
                extension: described.extension.clone(),
                idle: Mutex::new(vec![worker]),
            };
            Ok((described, pool))
        })
        .collect()
}

/// The workers of one plugin.
pub(crate) struct Pool {
    library: PathBuf,
    isolation: Isolation,
    /// What every new worker must find the library to be.
    format_id: String,
    extension: String,
    idle: Mutex<Vec<Worker>>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("library", &self.library)
            .field("isolation", &self.isolation)
            .finish_non_exhaustive()
    }
}

impl Pool {
    /// The isolation its workers run under.
    pub(crate) fn isolation(&self) -> &Isolation {
        &self.isolation
    }

    /// Renders in an idle worker, or a new one.
    pub(crate) fn render(&self, document_json: &[u8], options_json: &[u8]) -> Result<Answer, Stop> {
        self.ask(frame::RENDER, &[document_json, options_json])
    }

    /// Checks options in an idle worker, or a new one; the bytes of the
    /// answer are none.
    pub(crate) fn validate_options(&self, options_json: &[u8]) -> Result<Answer, Stop> {
        self.ask(frame::VALIDATE, &[options_json])
    }

    /// Asks an idle worker, or a new one, and gives it back once it has
    /// answered (a worker that stopped is dropped instead).
    fn ask(&self, tag: u8, fields: &[&[u8]]) -> Result<Answer, Stop> {
        let idle = self.idle().pop();
        let mut worker = match idle {
            Some(worker) => worker,
            None => self.start()?,
        };
        let answer = worker.ask(tag, fields, &self.isolation)?;
        self.idle().push(worker);
        Ok(answer)
    }

    fn idle(&self) -> std::sync::MutexGuard<'_, Vec<Worker>> {
        // Nothing panics while holding the lock; a poisoned list of idle
        // workers is still a list of idle workers.
        self.idle.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new worker with the library loaded, checked to be the plugin it
    /// was when the set was loaded.
    fn start(&self) -> Result<Worker, Stop> {
        let mut worker = Worker::spawn(&self.isolation)?;
        worker.load(&self.library, &self.isolation)?;
        match worker.loaded(&self.isolation)? {
            Ok(d) if d.format_id == self.format_id && d.extension == self.extension => Ok(worker),
            Ok(d) => Err(Stop::Unavailable(format!(
                "changed since it was loaded: a new worker found format `{}` writing `.{}` files",
                d.format_id, d.extension
            ))),
            Err(reason) => Err(Stop::Unavailable(format!(
                "could not be loaded again in a new worker: {reason}"
            ))),
        }
    }
}
