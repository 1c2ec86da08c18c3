//! The rule packs, profiles and lexicons under `rules/`, compiled into the
//! binary by `build.rs` so that mtlint works from any directory with no set-up.

pub struct EmbeddedFile {
    /// Path relative to `rules/`, with `/` separators.
    pub path: &'static str,
    pub text: &'static str,
}

pub static FILES: &[EmbeddedFile] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

pub fn get(path: &str) -> Option<&'static str> {
    FILES.iter().find(|f| f.path == path).map(|f| f.text)
}
