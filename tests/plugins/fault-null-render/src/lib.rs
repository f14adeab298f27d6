//! A fault fixture for `baocao-plugin-host`'s tests: a plugin whose
//! descriptor is well-formed except that its `render` function is null.
//!
//! C has no non-null function pointers, so a foreign plugin can leave a
//! function out; in Rust a null `fn` is an invalid value, so the host must
//! reject the descriptor before it reads the field as one.
//!
//! It imitates a plugin written without the SDK (in C, say), so it does not
//! use `export_plugin!`. It takes the ABI's constants and string type from
//! `baocao_plugin_api::abi`, but declares the descriptor itself, with
//! nullable functions, as a C header would.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file,
//! `libfault_null_render.so`, is not named like a plugin, so the host loads
//! it only when a test copies it into a plugin folder under a plugin name.

#![allow(
    unsafe_code,
    reason = "a deliberately broken foreign plugin, for the host's fault tests"
)]

use std::ffi::c_void;
use std::ptr;

use baocao_plugin_api::abi::{self, Buffer, FreeFn, RenderFn, Str};

/// `abi::Descriptor` of ABI 1.0 as C declares it: the same layout up to
/// `reserved`, with functions that may be null.
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
    render: Option<RenderFn>,
    free_buf: Option<FreeFn>,
    reserved: *const c_void,
}

// The host must see ABI 1.0's layout, so that the null function is the only
// fault.
const _: () = assert!(size_of::<Descriptor>() == abi::DESCRIPTOR_SIZE_1_0);
const _: () = assert!(
    std::mem::offset_of!(Descriptor, render) == std::mem::offset_of!(abi::Descriptor, render)
);

/// The descriptor lives in a static; raw pointers are not `Sync`, so it is
/// wrapped.
struct Static(Descriptor);

// SAFETY: the descriptor is never written and its pointers refer to
// `'static` byte literals, so sharing it between threads is sound.
unsafe impl Sync for Static {}

/// Static bytes as an ABI string.
const fn text(bytes: &'static [u8]) -> Str {
    Str {
        ptr: bytes.as_ptr(),
        len: bytes.len(),
    }
}

static DESCRIPTOR: Static = Static(Descriptor {
    magic: abi::MAGIC,
    abi_major: abi::ABI_MAJOR,
    abi_minor: 0,
    size: size_of::<Descriptor>() as u32,
    name: text(b"Null render"),
    version: text(b"0.1.0"),
    format_id: text(b"null-render"),
    extension: text(b"txt"),
    mime_type: text(b"text/plain"),
    render: None,
    free_buf: Some(free_buf),
    reserved: ptr::null(),
});

/// Nothing to free: there is no `render` to allocate.
extern "C" fn free_buf(_buffer: Buffer) {}

/// The entry point, under the name of ABI 1.
// SAFETY: the only unmangled symbol of this library, with the signature of
// `abi::EntryFn` (the descriptor has `abi::Descriptor`'s layout, asserted
// above); the host opens plugins with `RTLD_LOCAL`, so it clashes with no
// other library's entry point.
#[unsafe(no_mangle)]
pub extern "C" fn baocao_plugin_v1() -> *const abi::Descriptor {
    ptr::from_ref(&DESCRIPTOR.0).cast()
}
