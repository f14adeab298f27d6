//! The worker's side of isolation: [`serve`], what `baocao plugin-worker`
//! runs.
//!
//! The host starts the worker with one end of a Unix socket pair as its
//! standard input and speaks the messages of `frame.rs` over it: first
//! which library to load and the memory limit, then one request after
//! another, each a render or a check of options. The worker
//! limits its own address space, loads the library exactly as the host
//! would in its own process (the same checks, the same reasons), answers
//! with the descriptor, and then renders each document, or checks each
//! set of options, it is sent, until the host closes the channel.

use std::fs::File;
use std::io::{self, BufReader};
use std::os::fd::AsFd;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;

use crate::frame::{self, Message};
use crate::{Failure, Plugin, RenderError};

/// Serves one plugin to the host over standard input, until the host
/// closes it. An error is a broken channel or protocol; a library that is
/// not a plugin, or a render that fails, is an answer, not an error.
///
/// Meant to be all a worker process does: it redirects the process's
/// standard input, limits its address space, and on Linux ends the
/// process (status 0) as soon as the host is gone, even in the middle of
/// a render that would never return, the one place a library of baocao
/// exits a process.
pub fn serve() -> io::Result<()> {
    let channel = UnixStream::from(io::stdin().as_fd().try_clone_to_owned()?);
    // A plugin that reads its standard input must not swallow the host's
    // messages: from now on it reads nothing there.
    let null = File::open("/dev/null")?;
    rustix::stdio::dup2_stdin(&null)?;
    drop(null);
    #[cfg(target_os = "linux")]
    exit_with_the_host(&channel)?;

    let mut from = BufReader::with_capacity(frame::BUFFER, &channel);
    let Some(first) = frame::read(&mut from)? else {
        return Ok(());
    };
    let Some(plugin) = load(first, &mut &channel)? else {
        return Ok(());
    };
    while let Some(message) = frame::read(&mut from)? {
        let answer = if message.tag == frame::VALIDATE {
            let [options] = message.take(frame::VALIDATE)?;
            plugin
                .validate_options(&options)
                .map(|()| (frame::ACCEPTED, Vec::new()))
        } else {
            let [document, options] = message.take(frame::RENDER)?;
            plugin
                .render(&document, &options)
                .map(|bytes| (frame::RENDERED, vec![bytes]))
        };
        match answer {
            Ok((tag, fields)) => {
                let fields: Vec<&[u8]> = fields.iter().map(Vec::as_slice).collect();
                frame::write(&mut &channel, tag, &fields)?;
            }
            Err(e) => {
                let (status, message) = failed(e);
                let fields: [&[u8]; 2] = [&status.to_le_bytes(), &message];
                frame::write(&mut &channel, frame::FAILED, &fields)?;
            }
        }
    }
    Ok(())
}

/// A failed render or check as the plugin's status and message buffer,
/// which the host decodes as it would have in its own process: the same
/// failure either way.
fn failed(e: RenderError) -> (u32, Vec<u8>) {
    use baocao_plugin_api::abi::{
        BadOptions, STATUS_BAD_INPUT, STATUS_BAD_OPTIONS, STATUS_ERROR, STATUS_PANIC,
    };
    let status = match e.failure {
        Failure::Error => STATUS_ERROR,
        Failure::Panic => STATUS_PANIC,
        Failure::BadInput => STATUS_BAD_INPUT,
        Failure::BadOptions { key, expected } => {
            let bad = BadOptions {
                key,
                message: e.message,
                expected,
            };
            return (STATUS_BAD_OPTIONS, bad.to_json());
        }
        Failure::Unknown(status) => status,
        // Only isolated plugins stop; this one is in process.
        Failure::Stopped(_) => u32::MAX,
    };
    (status, e.message.into_bytes())
}

/// Handles the first message: limits the address space, loads the
/// library and answers. `None` when the library was rejected.
fn load(message: Message, to: &mut &UnixStream) -> io::Result<Option<Plugin>> {
    let [protocol, path, limit] = message.take(frame::LOAD)?;
    if protocol != frame::PROTOCOL {
        return Err(frame::garbage(format!(
            "the host speaks `{}`, this worker `{}`: is the program file being replaced?",
            String::from_utf8_lossy(&protocol),
            String::from_utf8_lossy(frame::PROTOCOL)
        )));
    }
    let limit = frame::u64_of(&limit)?;
    rustix::process::setrlimit(
        rustix::process::Resource::As,
        rustix::process::Rlimit {
            current: Some(limit),
            maximum: Some(limit),
        },
    )
    .map_err(|e| {
        io::Error::other(format!(
            "cannot limit the address space to {limit} bytes: {e}"
        ))
    })?;
    // The host sent the bytes of a path of this same platform.
    let path = PathBuf::from(std::ffi::OsString::from_vec(path));
    match crate::load(&path) {
        Ok(plugin) => {
            let minor = plugin.abi_minor.to_le_bytes();
            let validates = [u8::from(plugin.validates_options())];
            frame::write(
                to,
                frame::LOADED,
                &[
                    &minor,
                    plugin.name.as_bytes(),
                    plugin.version.as_bytes(),
                    plugin.format_id.as_bytes(),
                    plugin.extension.as_bytes(),
                    plugin.mime_type.as_bytes(),
                    &validates,
                ],
            )?;
            Ok(Some(plugin))
        }
        Err(reason) => {
            let (kind, detail) = reason.encode();
            frame::write(to, frame::REJECTED, &[kind.as_bytes(), detail.as_bytes()])?;
            Ok(None)
        }
    }
}

/// A worker must not outlive its host: if the host dies while a plugin
/// spins, nobody is left to stop it. A thread waits for the host's end of
/// the channel to close and then ends the process. (The parent-death
/// signal of `prctl` would not do: it fires when the thread that started
/// the worker ends, and a batch's threads end before its plugins do.)
#[cfg(target_os = "linux")]
fn exit_with_the_host(channel: &UnixStream) -> io::Result<()> {
    use rustix::event::{PollFd, PollFlags, poll};
    let watched = channel.try_clone()?;
    std::thread::Builder::new()
        .name("host watch".to_owned())
        .spawn(move || {
            let mut fds = [PollFd::new(&watched, PollFlags::RDHUP)];
            loop {
                match poll(&mut fds, None) {
                    Ok(_) if !fds[0].revents().is_empty() => std::process::exit(0),
                    Ok(_) | Err(rustix::io::Errno::INTR) => {}
                    Err(_) => return,
                }
            }
        })?;
    Ok(())
}
