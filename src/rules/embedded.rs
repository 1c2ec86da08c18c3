//! The default rule packs, compiled into the binary so that mtlint works from
//! any directory with no set-up. `tests` checks that every file under
//! `rules/` is listed here.

pub struct EmbeddedFile {
    /// Path relative to `rules/`.
    pub path: &'static str,
    pub text: &'static str,
}

macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(EmbeddedFile { path: $path, text: include_str!(concat!("../../rules/", $path)) }),*]
    };
}

pub static FILES: &[EmbeddedFile] = embed![
    "fr-en/acronyms.toml",
    "fr-en/calques.toml",
    "fr-en/furniture.toml",
    "fr-en/quotes.toml",
    "fr-en/source-fragment.toml",
    "fr-en/structure.toml",
    "fr-en/typography.toml",
    "lexicons/fr-not-en.txt",
];

pub fn get(path: &str) -> Option<&'static str> {
    FILES.iter().find(|f| f.path == path).map(|f| f.text)
}
