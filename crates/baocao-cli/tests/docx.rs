//! The Word report as a department uses it: its options and its reference
//! document change the output at run time, and a wrong option is shown at
//! its key in `department.toml`.

use std::io::Write as _;
use std::path::Path;

use crate::{baocao, docx_part as part, workspace};

/// A copy of the Hà Nội department with `extra` appended to its
/// `department.toml`.
fn department(extra: &str) -> tempfile::TempDir {
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap() {
            let e = e.unwrap();
            let target = to.join(e.file_name());
            if e.file_type().unwrap().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&workspace().join("config/hanoi"), dir.path());
    let toml = dir.path().join("department.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n{extra}")).unwrap();
    dir
}

/// The Word report of `dept` for 2024.
fn render(dept: &Path) -> Vec<u8> {
    let out = dept.join("bao-cao.docx");
    let run = baocao(&[
        "render",
        dept.to_str().unwrap(),
        "--year",
        "2024",
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::read(out).unwrap()
}

#[test]
fn a_departments_options_change_the_word_report() {
    let plain = department("");
    let styled = department(
        "[formats.options.docx]\nsize = 13\ncaption_prefix = \"Bảng\"\ntable_borders = \"none\"\nheader_shading = \"D9D9D9\"\n",
    );
    let (before, after) = (render(plain.path()), render(styled.path()));
    let (body, styles) = (
        part(&after, "word/document.xml"),
        part(&after, "word/styles.xml"),
    );
    assert!(part(&before, "word/document.xml").contains(">Biểu </w:t>"));
    assert!(body.contains(">Bảng </w:t>") && !body.contains(">Biểu </w:t>"));
    assert!(body.contains("w:fill=\"D9D9D9\"") && !body.contains("<w:insideV w:val=\"single\""));
    assert!(styles.contains("<w:sz w:val=\"26\"/>") && !styles.contains("<w:sz w:val=\"28\"/>"));
}

#[test]
fn a_reference_document_gives_the_departments_styles() {
    // A clerk's reference: baocao's own report, with Normal in dark blue
    // and 13 pt, saved as mau.docx in the department folder.
    let plain = department("");
    let styles = part(&render(plain.path()), "word/styles.xml").replace(
        "w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>",
        "w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:rPr><w:color w:val=\"1F3864\"/></w:rPr>",
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/styles.xml", deflated).unwrap();
    zip.write_all(styles.as_bytes()).unwrap();
    let reference = zip.finish().unwrap().into_inner();

    let dept = department("[formats.options.docx]\nreference_file = \"mau.docx\"\n");
    std::fs::write(dept.path().join("mau.docx"), &reference).unwrap();
    let used = part(&render(dept.path()), "word/styles.xml");
    assert!(used.contains("1F3864"), "the reference's Normal");
    // Changed and rendered again: the new look, with nothing rebuilt.
    std::fs::write(dept.path().join("mau.docx"), b"PK\x03\x04 not a docx").unwrap();
    let run = baocao(&[
        "render",
        dept.path().to_str().unwrap(),
        "--format",
        "docx",
        "--out",
        dept.path().join("x.docx").to_str().unwrap(),
    ]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains("not a Word .docx file"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_wrong_option_is_shown_at_its_key_in_department_toml() {
    for (option, says) in [
        ("fnt = \"Arial\"", "fnt"),
        ("size = 12", "13 or 14"),
        ("line_spacing = 2", "from 1 to 1.5"),
    ] {
        let dept = department(&format!("[formats.options.docx]\n{option}\n"));
        let run = baocao(&[
            "render",
            dept.path().to_str().unwrap(),
            "--format",
            "docx",
            "--out",
            dept.path().join("x.docx").to_str().unwrap(),
        ]);
        assert_ne!(run.code, 0, "{option}");
        assert!(
            run.stderr.contains("department.toml:"),
            "{option}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(says), "{option}: {}", run.stderr);
        assert!(!dept.path().join("x.docx").exists(), "{option}");
    }
}

/// A note written with the notes' markup (`tests/datasets/cases/notes-markup-2024.toml`:
/// "- " items, "a)" points under "# " sub-headings, "1." items, bold) comes
/// out as real lists and emphasis in every format, the Word report's lists
/// as Word lists.
#[test]
fn notes_with_list_markup_are_lists_in_every_format() {
    let data = workspace().join("tests/datasets/cases/notes-markup-2024.toml");
    let dir = tempfile::tempdir().unwrap();
    let run = baocao(&[
        "render",
        "--data",
        data.to_str().unwrap(),
        "--year",
        "2024",
        "--format",
        "md,html,txt,docx",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |ext: &str| std::fs::read_to_string(dir.path().join(format!("2024.{ext}"))).unwrap();
    let bullet = "phát triển công nghiệp, sản phẩm công nghiệp chủ lực";
    let point = "Thu hút đầu tư để có những dự án công nghiệp lớn";
    let numbered = "năm cuối thực hiện Kế hoạch";

    let md = read("md");
    assert!(md.contains(&format!("\n- {bullet}")), "{md}");
    assert!(md.contains(&format!("\nb) {point}")), "{md}");
    assert!(md.contains(&format!("\n1. {numbered}")), "{md}");
    assert!(md.contains("**13 nhóm nhiệm vụ, giải pháp trọng tâm**"));

    let html = read("html");
    assert!(html.contains(&format!("<ul>\n<li>{bullet}")), "{html}");
    assert!(html.contains("<ol type=\"a\">\n<li>Phát triển"), "{html}");
    assert!(html.contains(&format!("<li>{point}")));
    assert!(html.contains("<strong>13 nhóm nhiệm vụ, giải pháp trọng tâm</strong>"));

    let txt = read("txt");
    for marker in [
        "- phát triển công nghiệp",
        "b) Thu hút đầu tư",
        "1. năm cuối",
    ] {
        assert!(
            txt.lines().any(|l| l.trim_start().starts_with(marker)),
            "{marker}\n{txt}"
        );
    }

    // In Word: each item a paragraph numbered by numbering.xml, the
    // lettered lists restarting at "a)", the bold run bold.
    let docx = std::fs::read(dir.path().join("2024.docx")).unwrap();
    let body = part(&docx, "word/document.xml");
    let numbering = part(&docx, "word/numbering.xml");
    let item = |text: &str| {
        body.split("<w:p>")
            .find(|p| p.contains(text))
            .unwrap_or_else(|| panic!("no paragraph with {text}"))
            .to_owned()
    };
    for text in [bullet, point, numbered] {
        let p = item(text);
        assert!(
            p.contains("ListParagraph") && p.contains("<w:numId "),
            "{p}"
        );
        assert!(
            !p.contains(&format!(">- {text}")) && !p.contains(">b) "),
            "typed marker: {p}"
        );
    }
    assert!(numbering.contains("<w:numFmt w:val=\"lowerLetter\"/>"));
    // two lettered lists and one numbered, each its own instance from 1
    assert_eq!(
        numbering.matches("<w:startOverride w:val=\"1\"/>").count(),
        3,
        "{numbering}"
    );
    assert!(body.contains("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">13 nhóm nhiệm vụ"));
}
