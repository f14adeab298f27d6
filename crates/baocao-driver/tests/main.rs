//! Integration tests of the driver through its public API: what a batch
//! writes, and where it never writes.

#![allow(clippy::unwrap_used, reason = "tests")]

mod writes;
