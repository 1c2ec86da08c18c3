//! The whole pipeline on arbitrary bytes: segmentation, every check of
//! every pack, fixes, bilingual pairs and the segmented formats
//! (`mtlint::exercise::run`). A broken promise panics, which the fuzzer
//! reports as a crash.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use mtlint::{Linter, LoadOptions, exercise};

fn linter() -> &'static Linter {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    LINTER.get_or_init(|| {
        let options = LoadOptions {
            target: String::new(),
            ..LoadOptions::default()
        };
        let linter = Linter::load(&options).expect("embedded rules load");
        for (_, rules) in linter.targets() {
            rules.compile_patterns().expect("embedded patterns compile");
        }
        linter
    })
}

fuzz_target!(|data: &[u8]| {
    // Files that are not UTF-8 are refused before checking; their text as
    // the lossy decoding gives it is still worth checking.
    let text = String::from_utf8_lossy(data);
    if let Err(problem) = exercise::run(linter(), &text) {
        panic!("{problem}");
    }
});
