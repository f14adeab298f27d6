//! Files that are not usable plugins: each is rejected with its reason, and
//! the Markdown plugin in the same folder still loads and renders.

use std::path::PathBuf;

use baocao_plugin_host::Reason;

use crate::{MARKDOWN, PluginDir, assert_markdown_renders};

/// Puts a broken file (made by `broken`) beside the Markdown plugin, loads
/// the folder, and checks that the broken file alone is rejected, for a
/// reason `want` accepts and with a message that says `cause`, and that
/// Markdown still loads and renders.
fn check(
    broken: impl FnOnce(&PluginDir) -> PathBuf,
    want: impl FnOnce(&Reason) -> bool,
    cause: &str,
) {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    let broken = broken(&dir);
    let set = dir.load();
    let [rejected] = set.rejected() else {
        panic!(
            "want exactly {} rejected, got {:?}",
            broken.display(),
            set.rejected()
        );
    };
    assert_eq!(rejected.path, broken);
    assert!(
        want(&rejected.reason),
        "wrong reason: {:?}",
        rejected.reason
    );
    let message = rejected.reason.to_string();
    assert!(
        message.contains(cause),
        "{message:?} does not say {cause:?}"
    );
    assert_eq!(set.plugins().len(), 1, "only Markdown loads");
    assert_markdown_renders(&set);
}

#[test]
fn wrong_abi_major() {
    check(
        |dir| dir.plugin("fault_wrong_abi", "wrong_abi"),
        |reason| matches!(reason, Reason::WrongAbi { found: 99 }),
        "built for plugin ABI 99, but this baocao speaks ABI 1",
    );
}

#[test]
fn wrong_magic() {
    check(
        |dir| dir.plugin("fault_wrong_magic", "wrong_magic"),
        |reason| matches!(reason, Reason::WrongMagic),
        "does not start with baocao's magic bytes",
    );
}

#[test]
fn metadata_that_is_not_utf8() {
    check(
        |dir| dir.plugin("fault_bad_utf8", "bad_utf8"),
        |reason| matches!(reason, Reason::BadMetadata(m) if m.contains("`name`")),
        "bad metadata: `name` is not UTF-8",
    );
}

/// C lets a plugin leave a function null; the host must refuse it at load,
/// not call through it (or even read it as a Rust `fn`) at render time.
#[test]
fn null_render_function() {
    check(
        |dir| dir.plugin("fault_null_render", "null_render"),
        |reason| matches!(reason, Reason::BadMetadata(m) if m.contains("`render`")),
        "bad metadata: `render` is missing",
    );
}

/// A plugin of a later ABI exports that ABI's entry symbol only: the host
/// says which ABI, without calling it.
#[test]
fn another_abi_s_entry_symbol() {
    check(
        |dir| dir.plugin("fault_abi_v2", "abi_v2"),
        |reason| matches!(reason, Reason::WrongAbi { found: 2 }),
        "built for plugin ABI 2, but this baocao speaks ABI 1; it needs a newer baocao, \
         or a build against baocao-plugin-api 1.x",
    );
}

#[test]
fn no_entry_symbol() {
    check(
        |dir| dir.plugin("fault_no_entry", "no_entry"),
        |reason| matches!(reason, Reason::NoEntrySymbol),
        "no `baocao_plugin_v1` symbol",
    );
}

#[test]
fn garbage_named_like_a_plugin() {
    check(
        |dir| dir.write("libbaocao_garbage.so", &garbage(4096)),
        |reason| matches!(reason, Reason::NotALibrary(_)),
        "not a loadable shared library",
    );
}

#[test]
fn empty_file_named_like_a_plugin() {
    check(
        |dir| dir.write("libbaocao_empty.so", b""),
        |reason| matches!(reason, Reason::NotALibrary(_)),
        "not a loadable shared library",
    );
}

/// A file that starts like an ELF shared library and then is garbage: the
/// loader must refuse it from its headers, without running anything.
#[test]
fn garbage_with_an_elf_header() {
    let mut bytes = b"\x7fELF\x02\x01\x01\x00".to_vec();
    bytes.extend(garbage(4096));
    check(
        |dir| dir.write("libbaocao_elf.so", &bytes),
        |reason| matches!(reason, Reason::NotALibrary(_)),
        "not a loadable shared library",
    );
}

/// All the broken libraries in one folder with Markdown: each is rejected
/// for its own reason, in sorted order, and none disturbs another.
#[test]
fn every_fault_in_one_folder() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    for name in [
        "wrong_abi",
        "wrong_magic",
        "bad_utf8",
        "no_entry",
        "null_render",
        "abi_v2",
    ] {
        dir.plugin(&format!("fault_{name}"), name);
    }
    dir.write("libbaocao_garbage.so", &garbage(4096));
    let set = dir.load();
    let got: Vec<(String, &Reason)> = set
        .rejected()
        .iter()
        .map(|r| {
            (
                r.path.file_name().unwrap().to_string_lossy().into_owned(),
                &r.reason,
            )
        })
        .collect();
    let names: Vec<&str> = got.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "libbaocao_abi_v2.so",
            "libbaocao_bad_utf8.so",
            "libbaocao_garbage.so",
            "libbaocao_no_entry.so",
            "libbaocao_null_render.so",
            "libbaocao_wrong_abi.so",
            "libbaocao_wrong_magic.so",
        ]
    );
    assert!(matches!(got[0].1, Reason::WrongAbi { found: 2 }));
    assert!(matches!(got[1].1, Reason::BadMetadata(_)));
    assert!(matches!(got[2].1, Reason::NotALibrary(_)));
    assert!(matches!(got[3].1, Reason::NoEntrySymbol));
    assert!(matches!(got[4].1, Reason::BadMetadata(_)));
    assert!(matches!(got[5].1, Reason::WrongAbi { found: 99 }));
    assert!(matches!(got[6].1, Reason::WrongMagic));
    assert_markdown_renders(&set);
}

/// Bytes that look random but are the same on every run, so that a failure
/// reproduces (xorshift64).
pub(crate) fn garbage(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect()
}
