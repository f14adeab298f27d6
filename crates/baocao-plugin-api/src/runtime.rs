//! What `export_plugin!` expands to call: the `extern "C"` bodies.
//!
//! This is the SDK half of the boundary, and with the host the only place
//! with `unsafe`. Every entry point catches panics, so no unwinding ever
//! crosses into the host (which would be undefined behaviour).

#![allow(unsafe_code, reason = "the plugin side of the C ABI")]

use crate::abi::{
    Buffer, STATUS_BAD_INPUT, STATUS_BAD_OPTIONS, STATUS_ERROR, STATUS_OK, STATUS_PANIC, Str,
};
use crate::options::{self, Decoded};
use crate::panics;
use crate::{Document, Exporter};

/// Static text as an ABI string.
pub const fn str_of(s: &'static str) -> Str {
    Str {
        ptr: s.as_ptr(),
        len: s.len(),
    }
}

/// A `Vec` handed over to the host; [`free_buf`] takes it back.
fn into_buffer(bytes: Vec<u8>) -> Buffer {
    let mut bytes = std::mem::ManuallyDrop::new(bytes);
    Buffer {
        ptr: bytes.as_mut_ptr(),
        len: bytes.len(),
        cap: bytes.capacity(),
    }
}

/// Frees a buffer made by `into_buffer` in this same plugin.
///
/// # Safety
/// `buffer` must come from this plugin's `render` and be freed once.
pub unsafe fn free_buf(buffer: Buffer) {
    if buffer.ptr.is_null() {
        return;
    }
    // SAFETY: the buffer was made by `into_buffer` from a Vec<u8> of this
    // allocator with exactly this pointer, length and capacity, and the host
    // frees each buffer once (the ABI contract).
    drop(unsafe { Vec::from_raw_parts(buffer.ptr, buffer.len, buffer.cap) });
}

/// Slices from the ABI's (pointer, length) pairs.
///
/// # Safety
/// `ptr` must point to `len` readable bytes for the call (or `len` be 0).
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if ptr.is_null() || len == 0 {
        return &[];
    }
    // SAFETY: the host guarantees `len` readable bytes at `ptr` for the
    // duration of the call (the ABI contract), and the slice does not
    // outlive the call.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

/// The body of a plugin's `render`.
///
/// # Safety
/// The pointers must follow the ABI contract of [`crate::abi::RenderFn`].
pub unsafe fn render<E: Exporter + Default>(
    doc: *const u8,
    doc_len: usize,
    options: *const u8,
    options_len: usize,
    out: *mut Buffer,
) -> u32 {
    if out.is_null() {
        return STATUS_BAD_INPUT;
    }
    // SAFETY: see `bytes`; both regions are valid for this call.
    let (doc, options) = unsafe { (bytes(doc, doc_len), bytes(options, options_len)) };
    // A panic's message says where it happened, and the hook that records
    // it prints nothing (see `panics.rs`).
    let (status, bytes) = match panics::catch(|| run::<E>(doc, options)) {
        Ok(Ok(bytes)) => (STATUS_OK, bytes),
        Ok(Err((status, message))) => (status, message.into_bytes()),
        Err(panicked) => (STATUS_PANIC, panicked.into_bytes()),
    };
    // SAFETY: `out` is non-null and points to a Buffer the host owns for
    // this call (the ABI contract).
    unsafe { out.write(into_buffer(bytes)) };
    status
}

fn run<E: Exporter + Default>(doc: &[u8], options: &[u8]) -> Result<Vec<u8>, (u32, String)> {
    // Checking the UTF-8 of the whole input once lets serde_json borrow
    // every string without checking each again: a measurable part of the
    // boundary's cost (docs/performance.md).
    let doc = std::str::from_utf8(doc).map_err(|e| {
        (
            STATUS_BAD_INPUT,
            format!("cannot decode the document: it is not UTF-8 ({e})"),
        )
    })?;
    let doc: Document<'_> = serde_json::from_str(doc)
        .map_err(|e| (STATUS_BAD_INPUT, format!("cannot decode the document: {e}")))?;
    let format = E::METADATA.format_id;
    let options: E::Options = if options.is_empty() || is_empty_object(options) {
        E::Options::default()
    } else {
        match options::decode(options, format) {
            Decoded::Options(o) => o,
            Decoded::NotJson(e) => {
                return Err((
                    STATUS_BAD_INPUT,
                    format!("bad options for {format}: not JSON: {e}"),
                ));
            }
            Decoded::Bad(bad) => {
                let json = String::from_utf8(bad.to_json()).expect("serde_json writes UTF-8");
                return Err((STATUS_BAD_OPTIONS, json));
            }
        }
    };
    E::default()
        .render(&doc, &options)
        .map_err(|e| (STATUS_ERROR, e.to_string()))
}

/// Whether JSON text is an empty object (`{}`, with any whitespace). The
/// driver sends one for a department's empty options table, and serde would
/// read `()`, the options of an exporter that has none, only from `null`.
fn is_empty_object(json: &[u8]) -> bool {
    let mut tokens = json
        .iter()
        .filter(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    tokens.next() == Some(&b'{') && tokens.next() == Some(&b'}') && tokens.next().is_none()
}

/// Calls [`render`] as a host does, through the C ABI in this process
/// (the SDK's test kit, [`crate::testkit`]): the status, and the bytes of
/// the buffer, which is freed as a host frees it.
pub fn call<E: Exporter + Default>(doc: &[u8], options: &[u8]) -> (u32, Vec<u8>) {
    let mut out = Buffer::EMPTY;
    // SAFETY: both slices are valid for the call, with their lengths, and
    // `out` is a Buffer this frame owns: the contract of `RenderFn`.
    let status = unsafe {
        render::<E>(
            doc.as_ptr(),
            doc.len(),
            options.as_ptr(),
            options.len(),
            &raw mut out,
        )
    };
    let bytes = if out.ptr.is_null() || out.len == 0 {
        Vec::new()
    } else {
        // SAFETY: `render` filled `out` with `len` initialised bytes at
        // `ptr` (a Vec of this allocator), valid until it is freed below.
        unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec()
    };
    // SAFETY: `out` was filled by `render` of this same library, freed once.
    unsafe { free_buf(out) };
    (status, bytes)
}
