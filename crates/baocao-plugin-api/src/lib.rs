//! The exporter SDK of baocao.
//!
//! An exporter turns a [`Document`] into bytes: Markdown, HTML, a
//! spreadsheet, anything. This crate is all an exporter depends on: the
//! document model ([`document`]), the [`Exporter`] trait, and
//! [`export_plugin!`], which makes a `cdylib` crate a plugin that `baocao`
//! loads at run time. A plugin author writes no `unsafe`.
//!
//! Why a C ABI and JSON: Rust has no stable ABI, so passing Rust types or
//! trait objects between separately compiled libraries breaks on the next
//! compiler or dependency update. baocao passes one small `#[repr(C)]`
//! descriptor (magic bytes, versions, its size, metadata strings, function
//! pointers to render, to free what it returned and to check options; see
//! [`abi`]) and the document as JSON of the shared
//! serde model, encoded once per report by the host and decoded by the
//! plugin borrowing its strings from the input. The schema grows only by
//! adding fields with defaults, so old plugins keep reading new documents.
//!
//! It must never depend on any baocao crate: it builds on its own, copied
//! out of baocao's repository or depended on by path or git, which is why
//! the document model lives here (baocao's own crates see it through
//! `baocao-document`, a re-export). Its major version is the ABI's major
//! version ([`abi::ABI_MAJOR`]; see its `README.md`).
//!
//! ```
//! use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};
//!
//! #[derive(Default)]
//! struct Words;
//!
//! impl Exporter for Words {
//!     type Options = ();
//!     const METADATA: Metadata = Metadata {
//!         name: "Word count",
//!         version: env!("CARGO_PKG_VERSION"),
//!         format_id: "words",
//!         extension: "txt",
//!         mime_type: "text/plain",
//!     };
//!
//!     fn render(&self, doc: &Document<'_>, _: &()) -> Result<Vec<u8>, ExportError> {
//!         Ok(doc.plain_text().split_whitespace().count().to_string().into_bytes())
//!     }
//! }
//!
//! // In a `crate-type = ["cdylib"]` crate:
//! baocao_plugin_api::export_plugin!(Words);
//! # fn main() {}
//! ```

pub mod abi;
pub mod document;
#[cfg(feature = "fixture")]
pub mod fixture;
mod options;
mod panics;
#[doc(hidden)]
pub mod runtime;
#[cfg(feature = "fixture")]
pub mod testkit;

pub use options::{FileContents, MAX_FILE_SIZE};
pub use panics::BACKTRACE_VARIABLE;

pub use document::{
    Align, Block, Chart, ChartKind, Document, HeaderGroup, Inline, ListStyle, Meta, Point, Series,
    Signature, Source, Table, plain_text,
};
#[doc(hidden)]
pub use serde;

/// What a plugin says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metadata {
    /// Human name ("Markdown").
    pub name: &'static str,
    /// The exporter's version.
    pub version: &'static str,
    /// The id used in `--format` (`md`): lowercase letters, digits, `-`, `_`.
    pub format_id: &'static str,
    /// File extension without the dot.
    pub extension: &'static str,
    /// MIME type.
    pub mime_type: &'static str,
}

/// Why an exporter could not render a document; the message reaches the
/// user, prefixed with the plugin's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError(String);

impl ExportError {
    /// An error with a message (lowercase, no trailing period).
    pub fn new(message: impl Into<String>) -> Self {
        ExportError(message.into())
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ExportError {}

/// An output format.
///
/// `render` may be called from several threads at once (a batch renders
/// reports in parallel), hence `Send + Sync`; a plugin keeps no state
/// between calls that the output depends on, so the same document and
/// options always give the same bytes.
pub trait Exporter: Send + Sync {
    /// Options read from the department's configuration (JSON); an absent
    /// or empty options object gives `Default::default()`.
    ///
    /// Declare it `#[serde(default, deny_unknown_fields)]`: a misspelt
    /// option is then reported to the user at its line of
    /// `department.toml`, naming the options this type accepts, rather
    /// than ignored, by `baocao check` as well as by a render (both decode
    /// the options with this type, and nothing else: a check that must
    /// see the document belongs in `render`). A `*_file` option arrives
    /// under the key without `_file`; declare it as a [`FileContents`] (or
    /// a `String` when only text makes sense). See `docs/plugins.md`,
    /// "Options".
    type Options: serde::de::DeserializeOwned + Default;

    /// Name, version, format id, extension, MIME type.
    const METADATA: Metadata;

    /// Renders a document.
    fn render(&self, doc: &Document<'_>, options: &Self::Options) -> Result<Vec<u8>, ExportError>;
}

/// Makes the crate a baocao plugin exporting `$exporter` (a type that
/// implements [`Exporter`] and `Default`).
///
/// It emits the entry symbol, a static descriptor and the `extern "C"`
/// functions, each catching panics: `render`, `free_buf` and (ABI 1.1)
/// `validate_options`, which decodes the options as `render` does, so that
/// `baocao check` finds a misspelt option before any render. The crate must be built as a `cdylib`
/// with `panic = "unwind"` (the default); `panic = "abort"` is a compile
/// error, because a panic could not be caught and would abort baocao.
#[macro_export]
macro_rules! export_plugin {
    ($exporter:ty) => {
        #[cfg(panic = "abort")]
        compile_error!(
            "baocao plugins must be built with panic = \"unwind\": with panic = \"abort\" a panic in the exporter would abort baocao"
        );

        #[doc(hidden)]
        #[allow(unsafe_code, reason = "the plugin side of the C ABI")]
        mod __baocao_plugin {
            use super::*;
            use $crate::abi::{Buffer, Descriptor};
            use $crate::Exporter as _;

            /// The descriptor lives in a static; raw pointers are not `Sync`,
            /// so it is wrapped.
            #[repr(transparent)]
            struct Static(Descriptor);
            // SAFETY: the descriptor is immutable and its pointers refer to
            // `'static` string literals, so sharing it between threads is sound.
            unsafe impl Sync for Static {}

            const META: $crate::Metadata = <$exporter as $crate::Exporter>::METADATA;

            static DESCRIPTOR: Static = Static(Descriptor {
                magic: $crate::abi::MAGIC,
                abi_major: $crate::abi::ABI_MAJOR,
                abi_minor: $crate::abi::ABI_MINOR,
                size: ::core::mem::size_of::<Descriptor>() as u32,
                name: $crate::runtime::str_of(META.name),
                version: $crate::runtime::str_of(META.version),
                format_id: $crate::runtime::str_of(META.format_id),
                extension: $crate::runtime::str_of(META.extension),
                mime_type: $crate::runtime::str_of(META.mime_type),
                render,
                free_buf,
                reserved: ::core::ptr::null(),
                validate_options: ::core::option::Option::Some(validate_options),
            });

            unsafe extern "C" fn render(
                doc: *const u8,
                doc_len: usize,
                options: *const u8,
                options_len: usize,
                out: *mut Buffer,
            ) -> u32 {
                // SAFETY: the host calls with pointers that follow the ABI
                // contract of `RenderFn`; the runtime catches every panic.
                unsafe { $crate::runtime::render::<$exporter>(doc, doc_len, options, options_len, out) }
            }

            unsafe extern "C" fn validate_options(
                options: *const u8,
                options_len: usize,
                out: *mut Buffer,
            ) -> u32 {
                // SAFETY: the host calls with pointers that follow the ABI
                // contract of `ValidateOptionsFn`; the runtime catches every
                // panic.
                unsafe { $crate::runtime::validate_options::<$exporter>(options, options_len, out) }
            }

            unsafe extern "C" fn free_buf(buffer: Buffer) {
                // SAFETY: the host hands back each buffer from `render` and
                // `validate_options` once.
                unsafe { $crate::runtime::free_buf(buffer) }
            }

            /// The entry point the host looks up.
            #[unsafe(no_mangle)]
            pub extern "C" fn baocao_plugin_v1() -> *const Descriptor {
                &DESCRIPTOR.0
            }
        }
    };
}
