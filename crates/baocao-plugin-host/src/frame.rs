//! The messages between the host and a worker process.
//!
//! A message is a tag byte, a count of fields (one byte), then each field
//! as a little-endian `u64` length followed by that many bytes. Numbers
//! travel as little-endian fields of their own size. A message is written
//! with one gathering `writev`, and a reader reserves at most 16 MiB
//! before the bytes actually arrive, so a wrong length cannot make it
//! reserve gigabytes.
//!
//! | from | tag | fields |
//! | --- | --- | --- |
//! | host | [`LOAD`] | [`PROTOCOL`], the library's path, the memory limit (`u64`) |
//! | worker | [`LOADED`] | ABI minor (`u16`), name, version, format id, extension, MIME type, whether it checks options (`u8`, 0 or 1) |
//! | worker | [`REJECTED`] | the reason's kind, its detail (see [`crate::Reason`]) |
//! | host | [`RENDER`] | the document (JSON), the options (JSON or empty) |
//! | worker | [`RENDERED`] | the file's bytes |
//! | host | [`VALIDATE`] | the options (JSON or empty) |
//! | worker | [`ACCEPTED`] | none |
//! | worker | [`FAILED`] | the plugin's status (`u32`), its message |
//!
//! The first message is always [`LOAD`]; after [`LOADED`] the host sends
//! any number of [`RENDER`]s and [`VALIDATE`]s, one at a time, each
//! answered before the next: a render by [`RENDERED`] or [`FAILED`], a
//! check of options by [`ACCEPTED`] or [`FAILED`]. The host closing its
//! end is the worker's signal to exit.
//!
//! The worker is the same program as the host, so both sides change
//! together; [`PROTOCOL`] names the version, so that a program file
//! replaced during a run is told apart at [`LOAD`] rather than by a
//! message the other side cannot read.

use std::io::{self, IoSlice, Read, Write};

/// Names the protocol and its version in [`LOAD`]: the worker is the same
/// program as the host, but the file may have been replaced during a run.
/// Version 2 added [`VALIDATE`], [`ACCEPTED`] and the last field of
/// [`LOADED`].
pub(crate) const PROTOCOL: &[u8] = b"baocao plugin worker 2";

/// Host: load this library.
pub(crate) const LOAD: u8 = b'L';
/// Worker: the library loaded; its descriptor.
pub(crate) const LOADED: u8 = b'D';
/// Worker: the library is not a usable plugin.
pub(crate) const REJECTED: u8 = b'X';
/// Host: render this document with these options.
pub(crate) const RENDER: u8 = b'R';
/// Worker: the rendered bytes.
pub(crate) const RENDERED: u8 = b'O';
/// Host: check these options without rendering.
pub(crate) const VALIDATE: u8 = b'V';
/// Worker: the options would be accepted by a render.
pub(crate) const ACCEPTED: u8 = b'A';
/// Worker: the plugin refused, panicked or could not read its input.
pub(crate) const FAILED: u8 = b'F';

/// The read buffer of each side: a report's document or file in one or
/// two reads rather than a read per 8 KiB.
pub(crate) const BUFFER: usize = 64 << 10;

/// How much of a field's announced length a reader reserves at once
/// (more than any report's document or file).
const TRUSTED_LENGTH: u64 = 16 << 20;

/// More fields than any message has: a count above it is garbage.
const MAX_FIELDS: u8 = 8;

/// A message read from the other side.
#[derive(Debug)]
pub(crate) struct Message {
    /// What it is.
    pub(crate) tag: u8,
    /// Its fields, in order.
    pub(crate) fields: Vec<Vec<u8>>,
}

impl Message {
    /// The fields, when the message has this tag and exactly `N` of them.
    pub(crate) fn take<const N: usize>(self, tag: u8) -> io::Result<[Vec<u8>; N]> {
        if self.tag != tag {
            return Err(garbage(format!(
                "expected a message `{}`, got `{}`",
                char::from(tag),
                char::from(self.tag)
            )));
        }
        let count = self.fields.len();
        self.fields.try_into().map_err(|_| {
            garbage(format!(
                "message `{}` has {count} fields instead of {N}",
                char::from(tag)
            ))
        })
    }
}

/// Writes a message: its header and fields gathered in one `writev`, so
/// that a document or a file is never copied on its way into the channel.
pub(crate) fn write(to: &mut impl Write, tag: u8, fields: &[&[u8]]) -> io::Result<()> {
    let count = u8::try_from(fields.len())
        .ok()
        .filter(|&n| n <= MAX_FIELDS)
        .ok_or_else(|| io::Error::other(format!("{} fields in one message", fields.len())))?;
    let head = [tag, count];
    let lengths: Vec<[u8; 8]> = fields
        .iter()
        .map(|f| (f.len() as u64).to_le_bytes())
        .collect();
    let mut slices = Vec::with_capacity(1 + 2 * fields.len());
    slices.push(IoSlice::new(&head));
    for (length, field) in lengths.iter().zip(fields) {
        slices.push(IoSlice::new(length));
        slices.push(IoSlice::new(field));
    }
    let mut slices = slices.as_mut_slice();
    while !slices.is_empty() {
        match to.write_vectored(slices) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => IoSlice::advance_slices(&mut slices, n),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    to.flush()
}

/// Reads a message; `None` when the other side closed the channel
/// between messages.
pub(crate) fn read(from: &mut impl Read) -> io::Result<Option<Message>> {
    let mut head = [0u8; 2];
    let got = read_some(from, &mut head)?;
    if got == 0 {
        return Ok(None);
    }
    if got < head.len() {
        from.read_exact(&mut head[got..])?;
    }
    let [tag, count] = head;
    if count > MAX_FIELDS {
        return Err(garbage(format!(
            "message `{}` claims {count} fields",
            char::from(tag)
        )));
    }
    let mut fields = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        let mut len = [0u8; 8];
        from.read_exact(&mut len)?;
        let len = u64::from_le_bytes(len);
        // Room for what the length says, up to a bound: beyond it the
        // vector grows with what arrives, so a length that is garbage
        // cannot make the reader reserve gigabytes.
        let mut field = Vec::with_capacity(usize::try_from(len.min(TRUSTED_LENGTH)).unwrap_or(0));
        let got = from.by_ref().take(len).read_to_end(&mut field)?;
        if got as u64 != len {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        fields.push(field);
    }
    Ok(Some(Message { tag, fields }))
}

/// One `read` that retries on interruption.
fn read_some(from: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        match from.read(buf) {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// A message that breaks the protocol.
pub(crate) fn garbage(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

/// A flag field: one byte, 0 or 1.
pub(crate) fn flag_of(field: &[u8]) -> io::Result<bool> {
    match field {
        [0] => Ok(false),
        [1] => Ok(true),
        _ => Err(garbage(format!("a flag field of {} bytes", field.len()))),
    }
}

/// A `u16` field.
pub(crate) fn u16_of(field: &[u8]) -> io::Result<u16> {
    field
        .try_into()
        .map(u16::from_le_bytes)
        .map_err(|_| garbage(format!("a u16 field of {} bytes", field.len())))
}

/// A `u32` field.
pub(crate) fn u32_of(field: &[u8]) -> io::Result<u32> {
    field
        .try_into()
        .map(u32::from_le_bytes)
        .map_err(|_| garbage(format!("a u32 field of {} bytes", field.len())))
}

/// A `u64` field.
pub(crate) fn u64_of(field: &[u8]) -> io::Result<u64> {
    field
        .try_into()
        .map(u64::from_le_bytes)
        .map_err(|_| garbage(format!("a u64 field of {} bytes", field.len())))
}

/// A UTF-8 field.
pub(crate) fn text_of(field: Vec<u8>) -> io::Result<String> {
    String::from_utf8(field).map_err(|_| garbage("a text field that is not UTF-8".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_reads_back_as_written() {
        let mut bytes = Vec::new();
        write(&mut bytes, RENDER, &[b"{\"blocks\":[]}", b""]).unwrap();
        write(&mut bytes, RENDERED, &[b"# out"]).unwrap();
        let mut from = bytes.as_slice();
        let [doc, options] = read(&mut from).unwrap().unwrap().take(RENDER).unwrap();
        assert_eq!(
            (doc.as_slice(), options.as_slice()),
            (&b"{\"blocks\":[]}"[..], &b""[..])
        );
        let [out] = read(&mut from).unwrap().unwrap().take(RENDERED).unwrap();
        assert_eq!(out, b"# out");
        assert!(read(&mut from).unwrap().is_none(), "end of the channel");
    }

    #[test]
    fn garbage_is_an_error_not_an_allocation() {
        // A field that claims 2^63 bytes and brings 3.
        let mut bytes = vec![RENDERED, 1];
        bytes.extend_from_slice(&(1u64 << 63).to_le_bytes());
        bytes.extend_from_slice(b"abc");
        let err = read(&mut bytes.as_slice()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);

        let err = read(&mut [RENDERED, 200].as_slice()).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);

        let mut bytes = Vec::new();
        write(&mut bytes, RENDERED, &[b"x"]).unwrap();
        let err = read(&mut bytes.as_slice())
            .unwrap()
            .unwrap()
            .take::<1>(LOADED)
            .unwrap_err();
        assert!(err.to_string().contains("expected a message `D`"), "{err}");
    }
}
