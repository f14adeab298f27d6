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
/// `buffer` must come from this plugin's `render` or `validate_options`
/// and be freed once.
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
    let options = options_of::<E>(options)?;
    E::default()
        .render(&doc, &options)
        .map_err(|e| (STATUS_ERROR, e.to_string()))
}

/// The body of a plugin's `validate_options` (ABI 1.1): the options
/// decoded as [`render`] decodes them, by the same function, so that what
/// `baocao check` accepts a render accepts, and what it refuses a render
/// refuses with the same message.
///
/// # Safety
/// The pointers must follow the ABI contract of
/// [`crate::abi::ValidateOptionsFn`].
pub unsafe fn validate_options<E: Exporter + Default>(
    options: *const u8,
    options_len: usize,
    out: *mut Buffer,
) -> u32 {
    if out.is_null() {
        return STATUS_BAD_INPUT;
    }
    // SAFETY: see `bytes`; the region is valid for this call.
    let options = unsafe { bytes(options, options_len) };
    // A `Deserialize` of the plugin's own may panic as well as a render.
    let (status, bytes) = match panics::catch(|| options_of::<E>(options)) {
        Ok(Ok(_)) => (STATUS_OK, Vec::new()),
        Ok(Err((status, message))) => (status, message.into_bytes()),
        Err(panicked) => (STATUS_PANIC, panicked.into_bytes()),
    };
    // SAFETY: `out` is non-null and points to a Buffer the host owns for
    // this call (the ABI contract).
    unsafe { out.write(into_buffer(bytes)) };
    status
}

/// The exporter's options from the bytes the host sent: the defaults for
/// none or `{}`, else decoded by `options::decode`; a failure is the
/// status and message buffer the host is answered with.
fn options_of<E: Exporter>(options: &[u8]) -> Result<E::Options, (u32, String)> {
    if options.is_empty() || is_empty_object(options) {
        return Ok(E::Options::default());
    }
    let format = E::METADATA.format_id;
    match options::decode(options, format) {
        Decoded::Options(o) => Ok(o),
        Decoded::NotJson(e) => Err((
            STATUS_BAD_INPUT,
            format!("bad options for {format}: not JSON: {e}"),
        )),
        Decoded::Bad(bad) => {
            let json = String::from_utf8(bad.to_json()).expect("serde_json writes UTF-8");
            Err((STATUS_BAD_OPTIONS, json))
        }
    }
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
    (status, taken(out))
}

/// The bytes of a buffer an `extern` body of this library filled, copied,
/// and the buffer freed, as a host does.
fn taken(out: Buffer) -> Vec<u8> {
    let bytes = if out.ptr.is_null() || out.len == 0 {
        Vec::new()
    } else {
        // SAFETY: the body filled `out` with `len` initialised bytes at
        // `ptr` (a Vec of this allocator), valid until it is freed below.
        unsafe { std::slice::from_raw_parts(out.ptr, out.len) }.to_vec()
    };
    // SAFETY: `out` was filled by a body of this same library, freed once.
    unsafe { free_buf(out) };
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ExportError, Metadata};

    /// An exporter with one option, declared as the docs ask.
    #[derive(Default)]
    struct WithSize;

    #[derive(Default, serde::Deserialize)]
    #[serde(default, deny_unknown_fields)]
    struct SizeOptions {
        size: u8,
    }

    impl Exporter for WithSize {
        type Options = SizeOptions;
        const METADATA: Metadata = Metadata {
            name: "Sized",
            version: "0.1.0",
            format_id: "sized",
            extension: "txt",
            mime_type: "text/plain",
        };

        fn render(&self, _: &Document<'_>, options: &SizeOptions) -> Result<Vec<u8>, ExportError> {
            Ok(options.size.to_string().into_bytes())
        }
    }

    /// Calls an `extern` body as the host would: its status and the
    /// message buffer, copied and handed back to `free_buf`.
    fn answer(call: impl FnOnce(*mut Buffer) -> u32) -> (u32, String) {
        let mut out = Buffer::EMPTY;
        let status = call(&mut out);
        (status, String::from_utf8(taken(out)).unwrap())
    }

    fn validate(options: &[u8]) -> (u32, String) {
        // SAFETY: `options` is valid for the call and `out` is writable.
        answer(|out| unsafe { validate_options::<WithSize>(options.as_ptr(), options.len(), out) })
    }

    fn render_with(options: &[u8]) -> (u32, String) {
        let doc = br#"{"blocks": []}"#;
        // SAFETY: both inputs are valid for the call and `out` is writable.
        answer(|out| unsafe {
            render::<WithSize>(
                doc.as_ptr(),
                doc.len(),
                options.as_ptr(),
                options.len(),
                out,
            )
        })
    }

    /// What `validate_options` says of options is what `render` says of
    /// them, status and message, whether it accepts or refuses them.
    #[test]
    fn validating_answers_as_rendering_would() {
        let cases: [(&[u8], u32); 6] = [
            (b"", STATUS_OK),
            (b"{}", STATUS_OK),
            (br#"{"size": 13}"#, STATUS_OK),
            (br#"{"sise": 13}"#, STATUS_BAD_OPTIONS),
            (br#"{"size": "13"}"#, STATUS_BAD_OPTIONS),
            (b"{size", STATUS_BAD_INPUT),
        ];
        for (options, want) in cases {
            let what = String::from_utf8_lossy(options);
            let (status, message) = validate(options);
            assert_eq!(status, want, "{what}: {message}");
            let (rendered, rendered_message) = render_with(options);
            assert_eq!(rendered, status, "{what}");
            if status == STATUS_OK {
                assert_eq!(message, "", "{what}");
            } else {
                assert_eq!(message, rendered_message, "{what}");
            }
        }
        let (_, message) = validate(br#"{"sise": 13}"#);
        let bad = crate::abi::BadOptions::from_json(message.as_bytes()).unwrap();
        assert_eq!(
            bad,
            crate::abi::BadOptions {
                key: "sise".to_owned(),
                message: "unknown option `sise` of the sized format".to_owned(),
                expected: "`size`".to_owned(),
            }
        );
    }

    #[test]
    fn validating_into_no_buffer_is_bad_input() {
        let options = br#"{"size": 13}"#;
        // SAFETY: a null `out` is answered without being written.
        let status = unsafe {
            validate_options::<WithSize>(options.as_ptr(), options.len(), std::ptr::null_mut())
        };
        assert_eq!(status, STATUS_BAD_INPUT);
    }
}
