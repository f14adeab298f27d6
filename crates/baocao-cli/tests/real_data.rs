//! Real releases of other provinces and of the whole country
//! (`tests/datasets/real/`, each file citing its source): the built-in
//! department's report of each file's latest period, as a snapshot whose
//! header records the input, so that the wording is read on data nobody on
//! the team wrote. Every department, period and format of the same files
//! is rendered by `any_dataset::real_releases_make_every_report`.

use crate::{baocao, workspace};

#[test]
fn the_built_in_department_words_each_real_release() {
    insta::glob!("../../../tests/datasets/real", "*.toml", |path| {
        let run = baocao(&[
            "render",
            "--data",
            path.to_str().unwrap(),
            "--format",
            "md",
            "--out",
            "-",
        ]);
        assert_eq!(run.code, 0, "{}: {}", path.display(), run.stderr);
        // The body only: the letterhead and the closing (recipients, then
        // signature) are Hà Nội's and the same in every snapshot.
        let body: String = run
            .stdout
            .lines()
            .skip_while(|l| {
                !l.starts_with("**") || l.contains("SỞ CÔNG THƯƠNG") || l.contains("CỘNG HÒA")
            })
            .take_while(|l| !l.starts_with("***Nơi nhận:***") && !l.starts_with("**KT. GIÁM ĐỐC**"))
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(body);
    });
    assert!(workspace().join("tests/datasets/real/README.md").is_file());
}
