//! The C ABI between baocao and an exporter plugin.
//!
//! A plugin is a shared library exporting one function, [`ENTRY_SYMBOL`],
//! that returns a pointer to a static [`Descriptor`]. The host checks the
//! descriptor's [`MAGIC`], its [`ABI_MAJOR`] and its size before it reads
//! anything else. Everything else crosses as bytes: the document as JSON of
//! the shared serde model, options as JSON, the output as a buffer the
//! plugin owns and frees.
//!
//! Versioning: fields are only ever appended to the descriptor (which raises
//! [`ABI_MINOR`] and the descriptor's size); anything else is a new major
//! version, and a new major version renames the entry symbol, so an old host
//! never even finds a new plugin's descriptor.
//!
//! | version | appended | size on 64-bit |
//! | --- | --- | --- |
//! | 1.0 | the descriptor up to `reserved` | [`DESCRIPTOR_SIZE_1_0`], 120 bytes |
//! | 1.1 | [`Descriptor::validate_options`] | [`DESCRIPTOR_SIZE_1_1`], 128 bytes |
//!
//! This module holds only data definitions (and the JSON of
//! [`BadOptions`]); it has no `unsafe`.

use std::ffi::c_void;

/// The first bytes of every descriptor.
pub const MAGIC: [u8; 8] = *b"BAOCAO\x00\x01";

/// The ABI's major version: a host loads only plugins of its own major.
pub const ABI_MAJOR: u16 = 1;

/// The ABI's minor version: grows when fields are appended to [`Descriptor`].
/// 1.1 appended [`Descriptor::validate_options`].
pub const ABI_MINOR: u16 = 1;

/// The name of the entry function, NUL-terminated; renamed on a major change.
pub const ENTRY_SYMBOL: &[u8] = b"baocao_plugin_v1\0";

/// The entry symbol of ABI major version `major`, NUL-terminated:
/// `baocao_plugin_v<major>` ([`ENTRY_SYMBOL`] for [`ABI_MAJOR`]).
///
/// A host looks for other majors' symbols in a library without its own,
/// only to tell the user which ABI the library was built for; it never
/// calls one, since another major's entry may have another signature.
pub fn entry_symbol(major: u16) -> String {
    format!("baocao_plugin_v{major}\0")
}

/// The size of a version 1.0 descriptor: the least a host of ABI 1 needs.
///
/// A host compares a plugin's declared size with this, not with its own
/// `size_of::<Descriptor>()`: when a later minor version appends fields, a
/// 1.0 plugin is still loaded, and the host reads an appended field only
/// when the plugin's size covers it.
///
/// The 1.0 descriptor ended with `reserved`, a pointer; the first field
/// 1.1 appended is a pointer too, so it starts where 1.0 ended, with no
/// padding between: the offset of that field is the size of 1.0 (120 bytes
/// on 64-bit platforms, 68 on 32-bit ones; a test holds it).
pub const DESCRIPTOR_SIZE_1_0: usize = std::mem::offset_of!(Descriptor, validate_options);

/// The size of a version 1.1 descriptor: a plugin whose declared size is
/// at least this has [`Descriptor::validate_options`].
pub const DESCRIPTOR_SIZE_1_1: usize = std::mem::offset_of!(Descriptor, validate_options)
    + std::mem::size_of::<Option<ValidateOptionsFn>>();

/// The signature of the entry function.
pub type EntryFn = unsafe extern "C" fn() -> *const Descriptor;

/// Renders a document. `doc` and `options` are JSON bytes that stay valid
/// for the call only. On return `out` holds the rendered bytes (status
/// [`STATUS_OK`]) or a UTF-8 message (any other status); the host copies them
/// and hands the buffer back to [`Descriptor::free_buf`].
pub type RenderFn = unsafe extern "C" fn(
    doc: *const u8,
    doc_len: usize,
    options: *const u8,
    options_len: usize,
    out: *mut Buffer,
) -> u32;

/// Frees a buffer that [`RenderFn`] or [`ValidateOptionsFn`] filled.
pub type FreeFn = unsafe extern "C" fn(buffer: Buffer);

/// Checks options without rendering anything (ABI 1.1): what `baocao
/// check` asks of every format a department configures, so that a
/// misspelt option is found before the first render.
///
/// `options` is what [`RenderFn`] would be given (JSON bytes, or none,
/// valid for the call only). The plugin decodes them exactly as a render
/// would and returns [`STATUS_OK`] (with an empty buffer) when a render
/// would accept them, [`STATUS_BAD_OPTIONS`] with the [`BadOptions`] JSON
/// when it would refuse them, [`STATUS_BAD_INPUT`] when they are not JSON,
/// and [`STATUS_PANIC`] with its message if decoding panicked. As for
/// `render`, `out` is then handed back to [`Descriptor::free_buf`].
///
/// It must not depend on the document, which it is not given: an option
/// whose validity depends on the report is refused by `render` alone.
pub type ValidateOptionsFn =
    unsafe extern "C" fn(options: *const u8, options_len: usize, out: *mut Buffer) -> u32;

/// The document was rendered.
pub const STATUS_OK: u32 = 0;
/// The exporter returned an error.
pub const STATUS_ERROR: u32 = 1;
/// The exporter panicked; the panic was caught inside the plugin.
pub const STATUS_PANIC: u32 = 2;
/// The document could not be decoded, or the options were not JSON: the
/// host sent bytes that do not follow this contract.
pub const STATUS_BAD_INPUT: u32 = 3;
/// The options are JSON but not what the exporter accepts: an unknown
/// option, a value of the wrong kind, a missing option. The user wrote
/// them (`[formats.options.<format>]` of `department.toml`), so the
/// message buffer is a [`BadOptions`] as a JSON object, telling which key
/// is wrong, for the host to point at it:
///
/// ```json
/// {"key": "size", "message": "option `size` of the docx format must be a whole number, found text \"12\"", "expected": "a whole number"}
/// ```
///
/// Added in ABI 1.0 without a version change, because a host that does
/// not know it loses nothing it needs: the baocao hosts before it reported
/// any status they did not know as "returned unknown status 4" followed by
/// the message buffer as text, so their users still read the key and the
/// message, inside the JSON.
pub const STATUS_BAD_OPTIONS: u32 = 4;

/// The message of [`STATUS_BAD_OPTIONS`], a JSON object with these three
/// string fields (a host ignores fields it does not know, so more may be
/// added).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct BadOptions {
    /// The wrong option's key path, dotted (`margins.top`; a list item is
    /// `fonts[1]`), as written in the department's options table (for a
    /// `*_file` option, the key without `_file`); for a missing option,
    /// the key that is missing; empty when the options as a whole are wrong.
    pub key: String,
    /// What is wrong, for people: one sentence naming the option and the
    /// format, lowercase, no trailing period (`unknown option `fnt` of the
    /// docx format`).
    pub message: String,
    /// What the exporter accepts at that key, as words that complete
    /// "expected …": the option names for an unknown option (``"`font`,
    /// `size` or `style`"``), the kind of value otherwise (`a whole
    /// number`); empty when there is nothing to say.
    pub expected: String,
}

impl BadOptions {
    /// The object as the JSON bytes of the message buffer.
    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("three strings serialize")
    }

    /// The object a plugin sent; `None` when the bytes are not such an
    /// object (a plugin that got the contract wrong).
    pub fn from_json(bytes: &[u8]) -> Option<BadOptions> {
        serde_json::from_slice(bytes).ok()
    }
}

/// Borrowed UTF-8 text with a static lifetime inside the plugin.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Str {
    /// First byte.
    pub ptr: *const u8,
    /// Length in bytes.
    pub len: usize,
}

/// Bytes allocated by the plugin; only the plugin's `free_buf` may free them.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct Buffer {
    /// First byte (null when empty).
    pub ptr: *mut u8,
    /// Length in bytes.
    pub len: usize,
    /// Allocated capacity, for the plugin's allocator.
    pub cap: usize,
}

impl Buffer {
    /// An empty buffer, for the host to pass in.
    pub const EMPTY: Buffer = Buffer {
        ptr: std::ptr::null_mut(),
        len: 0,
        cap: 0,
    };
}

/// What a plugin says about itself. Version 1.1 layout; fields are only
/// ever appended, and a host reads an appended field only when the
/// plugin's `size` covers it.
#[repr(C)]
#[derive(Debug)]
pub struct Descriptor {
    /// [`MAGIC`].
    pub magic: [u8; 8],
    /// [`ABI_MAJOR`] the plugin was built with.
    pub abi_major: u16,
    /// [`ABI_MINOR`] the plugin was built with.
    pub abi_minor: u16,
    /// `size_of::<Descriptor>()` in the plugin's version of this file.
    pub size: u32,
    /// Human name ("Markdown").
    pub name: Str,
    /// The plugin's own version ("0.1.0").
    pub version: Str,
    /// The format id used on the command line (`md`).
    pub format_id: Str,
    /// File extension without the dot (`md`).
    pub extension: Str,
    /// MIME type (`text/markdown`).
    pub mime_type: Str,
    /// Renders.
    pub render: RenderFn,
    /// Frees what `render` returned.
    pub free_buf: FreeFn,
    /// Reserved for the host; always null.
    pub reserved: *const c_void,
    /// ABI 1.1: checks options without rendering ([`ValidateOptionsFn`]).
    ///
    /// An `Option` because it is the one function a plugin may go without:
    /// `export_plugin!` always fills it, but a plugin written by hand (in
    /// C, where a function pointer may be null) can leave it null, and the
    /// host then treats the plugin as one of ABI 1.0, whose options are
    /// checked by `render` only. `Option` of a function pointer is a
    /// nullable pointer, the layout of the C field.
    pub validate_options: Option<ValidateOptionsFn>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entry_symbol_is_named_for_the_major_version() {
        assert_eq!(entry_symbol(ABI_MAJOR).as_bytes(), ENTRY_SYMBOL);
    }

    /// The host's messages say "rebuild it against baocao-plugin-api 1.x"
    /// for ABI 1: the crate's major version is the ABI's.
    #[test]
    fn the_crate_s_major_version_is_the_abi_s() {
        assert_eq!(env!("CARGO_PKG_VERSION_MAJOR"), ABI_MAJOR.to_string());
    }

    /// A release that raises `ABI_MINOR` raises the crate's minor version
    /// (README.md, "Versions"), so a plugin's `baocao-plugin-api = "1.N"`
    /// requirement asks for at least ABI 1.N.
    #[test]
    fn the_crate_s_minor_version_covers_the_abi_s() {
        let minor: u16 = env!("CARGO_PKG_VERSION_MINOR").parse().unwrap();
        assert!(
            minor >= ABI_MINOR,
            "ABI {ABI_MAJOR}.{ABI_MINOR} needs baocao-plugin-api {ABI_MAJOR}.{ABI_MINOR}.0 or later: \
             raise `version` in crates/baocao-plugin-api/Cargo.toml"
        );
    }

    /// The sizes `docs/plugins.md` gives, which plugins written in C were
    /// built with: 1.0 stays what it was when 1.1 appended its field, and
    /// 1.1 is this file's descriptor.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn the_descriptor_sizes_are_the_documented_ones() {
        assert_eq!(DESCRIPTOR_SIZE_1_0, 120);
        assert_eq!(std::mem::offset_of!(Descriptor, reserved), 112);
        assert_eq!(DESCRIPTOR_SIZE_1_1, 128);
        assert_eq!(std::mem::size_of::<Descriptor>(), DESCRIPTOR_SIZE_1_1);
    }
}
