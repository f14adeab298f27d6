//! A fault fixture for `baocao-plugin-host`'s tests: a plugin whose
//! descriptor has the right magic bytes but says ABI major version 99.
//!
//! A real plugin of another major version exports another entry symbol (a
//! major change renames it); this one claims ABI 1's entry, so the host
//! must catch it by the version field, before it reads any other field.
//!
//! It imitates a plugin written without the SDK (in C, say), so it does not
//! use `export_plugin!`; it takes only the data definitions of
//! `baocao_plugin_api::abi`, which a foreign plugin would copy from a
//! header, so that the one fault it has is the one its test is about.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate is
//! not a default workspace member), and its file, `libfault_wrong_abi.so`, is
//! not named like a plugin, so the host loads it only when a test copies it
//! into a plugin folder under a plugin name.

#![allow(
    unsafe_code,
    reason = "a deliberately broken foreign plugin, for the host's fault tests"
)]

use std::ptr;

use baocao_plugin_api::abi::{self, Buffer, Descriptor, STATUS_ERROR, Str};

/// The descriptor lives in a static; raw pointers are not `Sync`, so it is
/// wrapped.
#[repr(transparent)]
struct Static(Descriptor);

// SAFETY: the descriptor is never written and its pointers refer to
// `'static` byte literals, so sharing it between threads is sound.
unsafe impl Sync for Static {}

/// Static bytes as an ABI string, valid UTF-8 or not.
const fn text(bytes: &'static [u8]) -> Str {
    Str {
        ptr: bytes.as_ptr(),
        len: bytes.len(),
    }
}

static DESCRIPTOR: Static = Static(Descriptor {
    magic: abi::MAGIC,
    abi_major: 99,
    abi_minor: 0,
    size: size_of::<Descriptor>() as u32,
    name: text(b"Wrong ABI"),
    version: text(b"0.1.0"),
    format_id: text(b"wrong-abi"),
    extension: text(b"txt"),
    mime_type: text(b"text/plain"),
    render,
    free_buf,
    reserved: ptr::null(),
    validate_options: None,
});

/// Never called by a correct host, which rejects the descriptor first; if it
/// is, it reports an error and leaves `out` alone.
extern "C" fn render(
    _doc: *const u8,
    _doc_len: usize,
    _options: *const u8,
    _options_len: usize,
    _out: *mut Buffer,
) -> u32 {
    STATUS_ERROR
}

/// Nothing to free: `render` never allocates.
extern "C" fn free_buf(_buffer: Buffer) {}

/// The entry point, under the name of ABI 1.
// SAFETY: the only unmangled symbol of this library, with the signature of
// `abi::EntryFn`; the host opens plugins with `RTLD_LOCAL`, so it clashes
// with no other library's entry point.
#[unsafe(no_mangle)]
pub extern "C" fn baocao_plugin_v1() -> *const Descriptor {
    &DESCRIPTOR.0
}
