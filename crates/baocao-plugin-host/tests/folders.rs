//! Which files of which folders are loaded, and which plugin wins a format.

use baocao_plugin_host::{PluginSet, Reason};

use crate::{MARKDOWN, PluginDir, assert_markdown_renders, document_json, render_text};

#[test]
fn markdown_loads_with_its_metadata() {
    let dir = PluginDir::new();
    let path = dir.plugin(MARKDOWN, "markdown");
    let set = dir.load();
    assert_eq!(set.rejected(), []);
    let [markdown] = set.plugins() else {
        panic!("want one plugin, got {:?}", set.plugins());
    };
    assert_eq!(markdown.name, "Markdown");
    assert_eq!(markdown.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(markdown.format_id, "md");
    assert_eq!(markdown.extension, "md");
    assert_eq!(markdown.mime_type, "text/markdown; charset=utf-8");
    assert_eq!(markdown.abi_minor, baocao_plugin_api::abi::ABI_MINOR);
    assert_eq!(markdown.path, path);
    assert_markdown_renders(&set);
}

#[test]
fn a_folder_that_does_not_exist_is_skipped() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    let missing = dir.path().join("no-such-folder");
    let set = PluginSet::load(&[missing, dir.path().to_path_buf()]);
    assert_eq!(set.rejected(), []);
    assert_markdown_renders(&set);
}

/// A "folder" that is a file is not silently skipped like a missing one:
/// the user named it, so they are told.
#[test]
fn a_folder_that_is_a_file_is_unreadable() {
    let dir = PluginDir::new();
    let file = dir.write("plugins", b"not a folder");
    let set = PluginSet::load(std::slice::from_ref(&file));
    let [rejected] = set.rejected() else {
        panic!("want one rejected, got {:?}", set.rejected());
    };
    assert_eq!(rejected.path, file);
    assert!(
        matches!(rejected.reason, Reason::Unreadable(_)),
        "{:?}",
        rejected.reason
    );
    assert!(set.plugins().is_empty());
}

/// Only `libbaocao_<name>.so` is opened: a working plugin under another
/// name is not loaded, and a broken one under another name is not even
/// rejected, because opening a library runs its code.
#[test]
fn files_not_named_like_plugins_are_ignored() {
    let dir = PluginDir::new();
    dir.copy(MARKDOWN, "libother.so");
    dir.copy(MARKDOWN, "baocao_markdown.so");
    dir.copy(MARKDOWN, "libbaocao_markdown.so.1");
    dir.copy(MARKDOWN, "libbaocao_.so");
    dir.copy("fault_wrong_magic", "libbaocao_wrong_magic.so.bak");
    dir.copy("fault_wrong_magic", "libfault_wrong_magic.so");
    dir.write("libbaocao_notes.txt", b"not a library");
    std::fs::create_dir(dir.path().join("libbaocao_folder.so")).unwrap();
    let set = dir.load();
    assert!(set.plugins().is_empty(), "{:?}", set.plugins());
    assert_eq!(set.rejected(), []);
}

/// Two plugins for `md` in one folder: the first file in sorted order
/// loads and the other is rejected naming it, whichever of the two is the
/// real Markdown plugin.
#[test]
fn a_duplicate_format_loses_to_the_first_file_in_sorted_order() {
    for (markdown_name, impostor_name, markdown_first) in [
        ("markdown", "md_copy", true),
        ("markdown", "another_markdown", false),
    ] {
        let dir = PluginDir::new();
        let markdown = dir.plugin(MARKDOWN, markdown_name);
        let impostor = dir.plugin("fault_duplicate", impostor_name);
        let (first, second) = if markdown_first {
            (&markdown, &impostor)
        } else {
            (&impostor, &markdown)
        };
        let set = dir.load();

        let [loaded] = set.plugins() else {
            panic!("want one plugin, got {:?}", set.plugins());
        };
        assert_eq!(&loaded.path, first);
        let [rejected] = set.rejected() else {
            panic!("want one rejected, got {:?}", set.rejected());
        };
        assert_eq!(&rejected.path, second);
        assert_eq!(
            rejected.reason,
            Reason::Duplicate {
                format_id: "md".into(),
                first: first.clone(),
            }
        );
        let message = rejected.reason.to_string();
        assert!(message.contains(&first.display().to_string()), "{message}");

        // The loaded one is the one that renders `md`.
        let out = render_text(set.get("md").unwrap(), &document_json(), b"").unwrap();
        if markdown_first {
            assert_markdown_renders(&set);
        } else {
            assert_eq!(out, "output of the fault-duplicate test fixture");
        }
    }
}

/// Across folders the order given wins over file names: a folder from the
/// command line comes before the executable's, so a plugin there replaces
/// the shipped one.
#[test]
fn an_earlier_folder_wins_a_format() {
    let override_dir = PluginDir::new();
    let impostor = override_dir.plugin("fault_duplicate", "zz_markdown");
    let shipped_dir = PluginDir::new();
    let markdown = shipped_dir.plugin(MARKDOWN, "markdown");
    let set = PluginSet::load(&[
        override_dir.path().to_path_buf(),
        shipped_dir.path().to_path_buf(),
    ]);
    assert_eq!(set.get("md").unwrap().path, impostor);
    let [rejected] = set.rejected() else {
        panic!("want one rejected, got {:?}", set.rejected());
    };
    assert_eq!(rejected.path, markdown);
    assert!(matches!(&rejected.reason, Reason::Duplicate { first, .. } if *first == impostor));
}
