//! `lone-credit`: an author or photographer credit left alone among the last
//! lines of the page (“David Bache”), after the article has ended. Web pages
//! put bylines there; pasted into a body they read as a stray heading.
//!
//! Bad: an article ending with the line `Amadou Kane`
//! Good: the credit moved to the byline, or removed

use serde::Deserialize;

use super::Check;
use crate::diagnostic::Diagnostic;
use crate::document::{BlockKind, Document};
use crate::rules::RuleMeta;

pub const KIND: &str = "lone-credit";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Most words in a name line.
    #[serde(default = "default_max_words")]
    pub max_words: usize,
    /// Lower-case name particles (de, el, ben…).
    #[serde(default)]
    pub particles: Vec<String>,
}

fn default_max_words() -> usize {
    4
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_words: default_max_words(),
            particles: Vec::new(),
        }
    }
}

pub struct LoneCredit {
    meta: RuleMeta,
    options: Options,
}

impl LoneCredit {
    pub fn new(meta: RuleMeta, options: Options) -> Self {
        LoneCredit { meta, options }
    }

    fn is_name(&self, line: &str) -> bool {
        let words: Vec<&str> = line.split_whitespace().collect();
        let capitalised = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'))
        };
        (2..=self.options.max_words).contains(&words.len())
            && words.iter().filter(|w| capitalised(w)).count() >= 2
            && words
                .iter()
                .all(|w| capitalised(w) || self.options.particles.iter().any(|p| p == w))
    }
}

impl Check for LoneCredit {
    fn check(&self, doc: &Document, out: &mut Vec<Diagnostic>) {
        // Only the trailing run of short lines after the last paragraph.
        let Some(last_paragraph) = doc
            .blocks
            .iter()
            .rposition(|b| b.kind == BlockKind::Paragraph)
        else {
            return;
        };
        for block in &doc.blocks[last_paragraph + 1..] {
            if block.kind == BlockKind::Heading && self.is_name(doc.slice(block.span)) {
                out.push(self.meta.diagnostic(
                    block.span,
                    "credit line left at the end of the article".to_string(),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::flagged;

    #[test]
    fn name_after_the_last_paragraph() {
        let text = "Title\n\nThe body of the article.\n\nAmadou Kane\n\n► Read also: more\n";
        assert_eq!(flagged("lone-credit", text), vec!["Amadou Kane"]);
    }

    #[test]
    fn headings_followed_by_text_are_not_credits() {
        let text = "Title\n\nInternational Mediation\n\nThe body of the article.\n";
        assert!(flagged("lone-credit", text).is_empty());
        assert!(flagged("lone-credit", "Title\n\nBody.\n\nThe end is near\n").is_empty());
    }
}
