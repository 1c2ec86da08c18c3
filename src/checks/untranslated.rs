//! `untranslated` (bilingual): a target sentence left in the source
//! language, or identical to the source sentence it is aligned with.
//! whatlang decides between the two languages of the pair, on sentences only
//! (short ones are too uncertain).
//!
//! Bad: source `Le convoi est parti lundi.`, target `Le convoi est parti lundi.`
//! Good: source `Le convoi est parti lundi.`, target `The convoy left on Monday.`

use serde::Deserialize;
use whatlang::{Detector, Lang};

use super::{Pair, PairCheck};
use crate::diagnostic::{Diagnostic, Related};
use crate::rules::RuleMeta;

pub const KIND: &str = "untranslated";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// ISO 639-3 codes of the pair, for whatlang.
    pub source: String,
    pub target: String,
    /// Fewest words a sentence needs to be judged.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
}

fn default_min_words() -> usize {
    4
}

pub struct Untranslated {
    meta: RuleMeta,
    detector: Detector,
    source: Lang,
    min_words: usize,
}

fn lang(code: &str) -> Result<Lang, String> {
    Lang::from_code(code).ok_or_else(|| format!("unknown language code `{code}` (ISO 639-3)"))
}

impl Untranslated {
    pub fn new(meta: RuleMeta, options: Options) -> Result<Self, String> {
        let source = lang(&options.source)?;
        let target = lang(&options.target)?;
        Ok(Untranslated {
            meta,
            detector: Detector::with_allowlist(vec![source, target]),
            source,
            min_words: options.min_words,
        })
    }
}

/// Letters and digits only, lower case: what "identical" compares.
fn comparable(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl PairCheck for Untranslated {
    fn check_pair(&self, pair: &Pair, out: &mut Vec<Diagnostic>) {
        for (t, sentence) in pair.target.sentences.iter().enumerate() {
            if pair.target.words_of(sentence).len() < self.min_words {
                continue;
            }
            let text = pair.target.slice(sentence.span);
            let linked = pair
                .alignment
                .source_of(t)
                .and_then(|link| pair.source_text(link.source.clone()));
            let identical =
                linked.is_some_and(|(_, source)| comparable(source) == comparable(text));
            let in_source_language = self
                .detector
                .detect(text)
                .is_some_and(|info| info.lang() == self.source && info.is_reliable());
            if !(identical || in_source_language) {
                continue;
            }
            let message = if identical {
                "sentence identical to its source: left untranslated".to_string()
            } else {
                format!("sentence left in {}", self.source.eng_name())
            };
            let mut diagnostic = self.meta.diagnostic(sentence.span, message);
            if let Some((span, _)) = linked {
                diagnostic.related.push(Related {
                    span,
                    message: "source sentence".to_string(),
                    in_source: true,
                });
            }
            out.push(diagnostic);
        }
    }
}
