//! The report of every corpus article, as a reviewed insta snapshot: a change
//! in what mtlint finds shows up as a snapshot diff (`cargo insta review`).

use mtlint::output::{FileReport, OutputFormat, PrinterOptions};
use mtlint::{Format, Linter, LoadOptions};

#[test]
fn corpus_reports() {
    let linter = Linter::load(&LoadOptions {
        target: String::new(),
        ..LoadOptions::default()
    })
    .unwrap();
    insta::glob!("../corpus", "**/*.{txt,md}", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let diagnostics = linter.check(&text, Format::from_path(path));
        let shown = path
            .strip_prefix(env!("CARGO_MANIFEST_DIR"))
            .unwrap()
            .display()
            .to_string();
        let mut rendered = Vec::new();
        let mut printer =
            OutputFormat::Pretty.printer(Box::new(&mut rendered), PrinterOptions::default());
        printer
            .file(&FileReport::new(&shown, &text, &diagnostics, None))
            .unwrap();
        printer.finish().unwrap();
        drop(printer);
        insta::assert_snapshot!(String::from_utf8(rendered).unwrap());
    });
}
