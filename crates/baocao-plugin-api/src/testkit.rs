//! Testing an exporter as baocao will call it. Enabled by the `fixture`
//! feature (a dev-dependency with `features = ["fixture"]`):
//!
//! - [`render`] runs an exporter through the real C ABI in this process:
//!   the document and options as the JSON bytes a host sends, the output
//!   or the status and message as a host reads them (panics caught and
//!   located, options decoded as in a real render);
//! - [`same_bytes`] renders twice and on two threads at once and asserts
//!   that every output is the same: baocao's batches are byte-identical
//!   whatever the thread count, and each plugin's output must be;
//! - [`conformance`] runs both over the documents of
//!   [`crate::fixture`]: the report baocao really sends for its built-in
//!   department, a document with every kind of block and inline, and one
//!   with kinds of a later version.
//!
//! `baocao plugins --verify FILE` checks the built library the same way,
//! and more (in a worker process, under limits).
//!
//! ```
//! use baocao_plugin_api::{Document, ExportError, Exporter, Metadata, testkit};
//!
//! #[derive(Default)]
//! struct Words;
//!
//! impl Exporter for Words {
//!     type Options = ();
//!     const METADATA: Metadata = Metadata {
//!         name: "Word count",
//!         version: "0.1.0",
//!         format_id: "words",
//!         extension: "txt",
//!         mime_type: "text/plain",
//!     };
//!     fn render(&self, doc: &Document<'_>, _: &()) -> Result<Vec<u8>, ExportError> {
//!         Ok(doc.plain_text().split_whitespace().count().to_string().into_bytes())
//!     }
//! }
//!
//! testkit::conformance::<Words>();
//! let json = baocao_plugin_api::fixture::RENDERED_HANOI_2024;
//! let words = testkit::render::<Words>(json.as_bytes(), b"{}").unwrap();
//! assert!(String::from_utf8(words).unwrap().parse::<u32>().unwrap() > 1000);
//! ```

use crate::abi::STATUS_OK;
use crate::{Exporter, fixture};

/// What a host reads when a render fails: its status (`abi::STATUS_*`)
/// and its message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The status, never `STATUS_OK`.
    pub status: u32,
    /// The message, as text (for `STATUS_BAD_OPTIONS`, the JSON of
    /// [`crate::abi::BadOptions`]).
    pub message: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "status {}: {}", self.status, self.message)
    }
}

/// Renders `document_json` with `options_json` (empty or `{}` for the
/// defaults) through the exporter's C entry, as baocao does.
pub fn render<E: Exporter + Default>(
    document_json: &[u8],
    options_json: &[u8],
) -> Result<Vec<u8>, Refused> {
    let (status, bytes) = crate::runtime::call::<E>(document_json, options_json);
    if status == STATUS_OK {
        Ok(bytes)
    } else {
        Err(Refused {
            status,
            message: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }
}

/// Renders twice, then on two threads at once, and panics unless every
/// render succeeds with the same bytes; returns them.
pub fn same_bytes<E: Exporter + Default>(document_json: &[u8], options_json: &[u8]) -> Vec<u8> {
    let once = |what: &str| match render::<E>(document_json, options_json) {
        Ok(bytes) => bytes,
        Err(refused) => panic!("{} {what} failed: {refused}", E::METADATA.format_id),
    };
    let first = once("the first render");
    let second = once("the second render");
    assert!(
        first == second,
        "{}: the same document gave other bytes the second time",
        E::METADATA.format_id
    );
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| once("a render on another thread"));
        let b = s.spawn(|| once("a render on a third thread"));
        (a.join(), b.join())
    });
    for (thread, bytes) in [("another", a), ("a third", b)] {
        match bytes {
            Ok(bytes) => assert!(
                bytes == first,
                "{}: a render on {thread} thread gave other bytes",
                E::METADATA.format_id
            ),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }
    first
}

/// [`same_bytes`] over every document of [`crate::fixture`], with the
/// default options; panics at the first that fails, naming it.
pub fn conformance<E: Exporter + Default>() {
    for (what, json) in fixture::documents() {
        let bytes =
            std::panic::catch_unwind(|| same_bytes::<E>(&json, b"")).unwrap_or_else(|panic| {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                panic!("{what}: {why}")
            });
        assert!(!bytes.is_empty(), "{what}: the exporter wrote nothing");
    }
}
