//! Options checked without rendering (ABI 1.1's `validate_options`): a
//! plugin built with the SDK answers as its render would, in process and
//! in a worker; a plugin of ABI 1.0 still loads, and is not asked.

use baocao_plugin_api::abi::{ABI_MINOR, BadOptions};
use baocao_plugin_host::{Failure, PluginSet};

use crate::isolation::isolated;
use crate::{MARKDOWN, PluginDir, assert_markdown_renders, document_json, render_text};

/// Options of the Markdown plugin and whether a render takes them.
const MARKDOWN_OPTIONS: [(&str, bool); 6] = [
    ("", true),
    ("{}", true),
    (r#"{"flavour": "commonmark"}"#, true),
    (r#"{"flavor": "commonmark"}"#, false),
    (r#"{"flavour": "gfmx"}"#, false),
    ("not json", false),
];

/// What checking each of [`MARKDOWN_OPTIONS`] gives, beside what
/// rendering with them gives, in one set.
fn check_markdown(set: &PluginSet) {
    let md = set.get("md").unwrap();
    assert!(md.validates_options());
    assert_eq!(md.abi_minor, ABI_MINOR);
    for (options, accepted) in MARKDOWN_OPTIONS {
        let checked = md.validate_options(options.as_bytes());
        let rendered = md.render(&document_json(), options.as_bytes());
        assert_eq!(checked.is_ok(), accepted, "{options}: {checked:?}");
        assert_eq!(rendered.is_ok(), accepted, "{options}: {rendered:?}");
        if let (Err(checked), Err(rendered)) = (checked, rendered) {
            // The same refusal, word for word, from the same decoding.
            assert_eq!(checked, rendered, "{options}");
        }
    }
    let err = md
        .validate_options(br#"{"flavor": "commonmark"}"#)
        .unwrap_err();
    assert_eq!(
        err.failure,
        Failure::BadOptions {
            key: "flavor".to_owned(),
            expected: "`flavour`".to_owned(),
        }
    );
    assert_eq!(err.message, "unknown option `flavor` of the md format");
    assert!(
        err.to_string().ends_with(
            "(format `md`) refused its options: unknown option `flavor` of the md format"
        ),
        "{err}"
    );
    let err = md.validate_options(b"not json").unwrap_err();
    assert_eq!(err.failure, Failure::BadInput, "{err}");
}

#[test]
fn a_plugin_of_abi_1_1_checks_options_as_its_render_would() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    check_markdown(&dir.load());
}

#[test]
fn a_worker_checks_options_as_the_plugin_in_process() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    let there = isolated(&dir);
    check_markdown(&there);
    let here = dir.load();
    for (options, _) in MARKDOWN_OPTIONS {
        let options = options.as_bytes();
        assert_eq!(
            there.get("md").unwrap().validate_options(options),
            here.get("md").unwrap().validate_options(options),
        );
    }
    // The worker that checked still renders.
    assert_markdown_renders(&there);
}

/// A plugin of ABI 1.0 and what it must give: loaded, rendering, and
/// `Ok` to any options without a call. Its render refuses every option,
/// and what lies after its descriptor in memory refuses every option with
/// `READ_PAST_THE_END`: an `Ok` is the host's own.
fn check_abi_1_0(set: &PluginSet) {
    assert_eq!(set.rejected(), []);
    let old = set.get(crate::expected_abi_1_0::FORMAT_ID).unwrap();
    assert_eq!(old.abi_minor, 0);
    assert!(!old.validates_options());
    for options in ["", "{}", r#"{"no_such_option": 1}"#, "not json"] {
        assert_eq!(
            old.validate_options(options.as_bytes()),
            Ok(()),
            "{options}"
        );
    }
    assert_eq!(
        render_text(old, &document_json(), b"").unwrap(),
        crate::expected_abi_1_0::OUTPUT
    );
    let refused = old
        .render(&document_json(), br#"{"no_such_option": 1}"#)
        .unwrap_err();
    assert_eq!(refused.message, "the abi-1-0 format takes no options");
    // The message it would have given had the host called what follows
    // its descriptor reads as the JSON of a refusal, so a host that did
    // would have failed the loop above with it.
    assert!(BadOptions::from_json(crate::expected_abi_1_0::READ_PAST_THE_END.as_bytes()).is_some());
    assert_markdown_renders(set);
}

#[test]
fn a_plugin_of_abi_1_0_loads_and_is_not_asked() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    dir.plugin("fault_abi_1_0", "abi_1_0");
    check_abi_1_0(&dir.load());
}

#[test]
fn a_plugin_of_abi_1_0_in_a_worker_is_not_asked_either() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    dir.plugin("fault_abi_1_0", "abi_1_0");
    check_abi_1_0(&isolated(&dir));
}
