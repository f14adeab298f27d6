//! A fixture for `baocao-plugin-host`'s tests: a plugin built for ABI 1.0,
//! before ABI 1.1 appended `validate_options` to the descriptor. It is not
//! broken: a host of ABI 1.1 must load it, render with it, and, asked to
//! check options ahead of a render, answer for it that there is nothing to
//! ask, without calling anything of it.
//!
//! Its descriptor declares the 1.0 size. What lies in memory right after
//! it is, on purpose, a function where 1.1's `validate_options` would be:
//! a host that read past the declared size would find it and call it, and
//! it refuses every option with a message that says what happened, so a
//! test sees the host's mistake rather than a crash. Its `render` refuses
//! any option too, as a plugin of ABI 1.0 checks its options only when it
//! renders: options that a check let through still fail there.
//!
//! It imitates a plugin written without the SDK (in C, say, against the
//! 1.0 header), so it does not use `export_plugin!`; it takes the ABI's
//! constants, its string and buffer types and its function types from
//! `baocao_plugin_api::abi`, and declares the 1.0 descriptor itself.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file, `libfault_abi_1_0.so`,
//! is not named like a plugin, so the host loads it only when a test
//! copies it into a plugin folder under a plugin name.

#![allow(
    unsafe_code,
    reason = "a foreign plugin of an older ABI, for the host's tests"
)]

use std::ffi::c_void;

// What the tests expect of this plugin, in a file of its own that they
// read as a module of theirs rather than linking this crate (see
// `crates/baocao-plugin-host/Cargo.toml`).
mod expected;
pub use expected::{FORMAT_ID, OUTPUT, READ_PAST_THE_END};
use std::ptr;

use baocao_plugin_api::abi::{
    self, Buffer, FreeFn, RenderFn, STATUS_BAD_OPTIONS, STATUS_OK, Str, ValidateOptionsFn,
};

/// What `render` answers for any option (the plugin takes none).
const NO_OPTIONS: &str =
    r#"{"key": "", "message": "the abi-1-0 format takes no options", "expected": "no options"}"#;

/// `abi::Descriptor` of ABI 1.0, as its C header declared it.
#[repr(C)]
struct Descriptor {
    magic: [u8; 8],
    abi_major: u16,
    abi_minor: u16,
    size: u32,
    name: Str,
    version: Str,
    format_id: Str,
    extension: Str,
    mime_type: Str,
    render: RenderFn,
    free_buf: FreeFn,
    reserved: *const c_void,
}

/// The descriptor and what follows it in memory.
#[repr(C)]
struct Laid {
    descriptor: Descriptor,
    /// Where 1.1's `validate_options` is; not part of the descriptor.
    beyond: Option<ValidateOptionsFn>,
}

// The descriptor is 1.0's, and what follows it sits exactly where a 1.1
// host that ignored the declared size would look for `validate_options`.
const _: () = assert!(size_of::<Descriptor>() == abi::DESCRIPTOR_SIZE_1_0);
const _: () = assert!(
    std::mem::offset_of!(Laid, beyond) == std::mem::offset_of!(abi::Descriptor, validate_options)
);

/// The descriptor lives in a static; raw pointers are not `Sync`, so it is
/// wrapped.
struct Static(Laid);

// SAFETY: the descriptor is never written and its pointers refer to
// `'static` byte literals, so sharing it between threads is sound.
unsafe impl Sync for Static {}

/// Static bytes as an ABI string.
const fn text(bytes: &'static str) -> Str {
    Str {
        ptr: bytes.as_ptr(),
        len: bytes.len(),
    }
}

static LAID: Static = Static(Laid {
    descriptor: Descriptor {
        magic: abi::MAGIC,
        abi_major: abi::ABI_MAJOR,
        abi_minor: 0,
        size: size_of::<Descriptor>() as u32,
        name: text("ABI 1.0"),
        version: text("0.1.0"),
        format_id: text(FORMAT_ID),
        extension: text("txt"),
        mime_type: text("text/plain"),
        render,
        free_buf,
        reserved: ptr::null(),
    },
    beyond: Some(beyond_the_descriptor),
});

/// Static text handed out as the output buffer: the host only reads it,
/// and `free_buf` leaves it alone.
fn static_buffer(text: &'static str) -> Buffer {
    Buffer {
        ptr: text.as_ptr().cast_mut(),
        len: text.len(),
        cap: 0,
    }
}

/// Writes the answer to a call, when the host gave somewhere to write it.
///
/// # Safety
/// `out` must be null or point to a writable `Buffer` (the ABI contract).
unsafe fn answer(out: *mut Buffer, text: &'static str) {
    if !out.is_null() {
        // SAFETY: non-null, and writable by the caller's contract.
        unsafe { out.write(static_buffer(text)) };
    }
}

/// [`OUTPUT`] for no options (none at all, or `{}`); any option refused,
/// as the SDK of 1.0 would have.
///
/// # Safety
/// The pointers follow the ABI contract of `abi::RenderFn`.
unsafe extern "C" fn render(
    _doc: *const u8,
    _doc_len: usize,
    options: *const u8,
    options_len: usize,
    out: *mut Buffer,
) -> u32 {
    let options: &[u8] = if options.is_null() || options_len == 0 {
        &[]
    } else {
        // SAFETY: the host guarantees `options_len` readable bytes at
        // `options` for the call.
        unsafe { std::slice::from_raw_parts(options, options_len) }
    };
    let none = options.iter().all(|b| b" \t\r\n{}".contains(b));
    // SAFETY: `out` follows the ABI contract.
    unsafe { answer(out, if none { OUTPUT } else { NO_OPTIONS }) };
    if none { STATUS_OK } else { STATUS_BAD_OPTIONS }
}

/// Not part of the descriptor: a correct host never calls it.
///
/// # Safety
/// The pointers follow the ABI contract of `abi::ValidateOptionsFn`.
unsafe extern "C" fn beyond_the_descriptor(
    _options: *const u8,
    _options_len: usize,
    out: *mut Buffer,
) -> u32 {
    // SAFETY: `out` follows the ABI contract.
    unsafe { answer(out, READ_PAST_THE_END) };
    STATUS_BAD_OPTIONS
}

/// Nothing to free: every buffer is static text.
extern "C" fn free_buf(_buffer: Buffer) {}

/// The entry point, under the name of ABI 1.
// SAFETY: the only unmangled symbol of this library, with the signature of
// `abi::EntryFn` (the descriptor starts the `Laid` static and has ABI 1.0's
// layout, asserted above); the host opens plugins with `RTLD_LOCAL`, so it
// clashes with no other library's entry point.
#[unsafe(no_mangle)]
pub extern "C" fn baocao_plugin_v1() -> *const abi::Descriptor {
    ptr::from_ref(&LAID.0.descriptor).cast()
}
