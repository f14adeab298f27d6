//! The format-agnostic report `Document`, as baocao's own crates see it.
//!
//! The model itself is [`baocao_plugin_api::document`]: it lives in the
//! exporter SDK so that the SDK is one crate that builds on its own, copied
//! out of this repository or depended on by path or git, without the
//! workspace around it. The crates that make documents rather than render
//! them (the narrative, the driver) depend on this crate, not on the SDK,
//! so that what they use is named for what it is; it adds nothing to the
//! model and must never do so (a type here would be one that plugins
//! cannot see).
//!
//! Dependencies point one way: this crate → the SDK, never back.
//!
//! ```
//! use baocao_document::{Block, Document, Inline};
//!
//! let mut doc = Document::default();
//! doc.blocks.push(Block::Paragraph {
//!     content: vec![Inline::text("Chỉ số IIP ước tăng 5,9%.")],
//! });
//! assert_eq!(doc.plain_text(), "Chỉ số IIP ước tăng 5,9%.");
//! ```

pub use baocao_plugin_api::document::*;
