//! The rules of one source language for each target language it has a pack
//! for, and the choice of target for each document.

use whatlang::{Detector, Lang};

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Format};
use crate::rules::{self, LoadOptions, RuleError, RuleMeta, RuleSet};
use crate::segmented::{self, SegmentedFormat};
use crate::word_vote::WordVote;

/// ISO 639-1 codes (used in pack names) → whatlang languages, for the
/// languages mtlint can detect as a target.
const LANGUAGES: &[(&str, Lang)] = &[
    ("en", Lang::Eng),
    ("fr", Lang::Fra),
    ("es", Lang::Spa),
    ("de", Lang::Deu),
    ("it", Lang::Ita),
    ("pt", Lang::Por),
    ("nl", Lang::Nld),
];

/// How much of a document is read to detect its language: some eighty
/// words are enough for whatlang to tell the target languages apart, and
/// detection on 1 KB still took 8% of a run (4 KB, an eighth).
const DETECTION_SAMPLE: usize = 512;
/// Detection first reads this much, and reads `DETECTION_SAMPLE` only when
/// whatlang is not confident: forty words of one language are enough, and
/// detection was still a tenth of a run's instructions.
const FIRST_SAMPLE: usize = 256;

pub struct Linter {
    /// The source language (ISO 639-1).
    source: String,
    /// (target code, its rules), in `rules::pairs()` order.
    packs: Vec<(&'static str, RuleSet)>,
    /// Detection: the common-word vote, then whatlang.
    detector: Option<(WordVote, Detector)>,
}

impl Linter {
    /// With `options.target` empty, loads every pack of `options.source` and
    /// detects the target of each document; otherwise loads that pair only.
    pub fn load(options: &LoadOptions) -> Result<Linter, RuleError> {
        let targets: Vec<&'static str> = rules::pairs()
            .into_iter()
            .filter(|(s, t)| {
                *s == options.source && (options.target.is_empty() || *t == options.target)
            })
            .map(|(_, t)| t)
            .collect();
        if targets.is_empty() {
            let target = if options.target.is_empty() {
                "*"
            } else {
                &options.target
            };
            return Err(rules::no_pack(&format!("{}-{target}", options.source)));
        }
        // Packs compile independently: a one-article run waits for the
        // largest only.
        let loaded = rules::map_largest_first(
            &targets,
            |target| rules::pack_size(&options.source, target),
            |target| {
                RuleSet::load_lenient(&LoadOptions {
                    target: target.to_string(),
                    ..options.clone()
                })
            },
        );
        let packs = targets
            .iter()
            .copied()
            .zip(loaded)
            .map(|(target, set)| set.map(|set| (target, set)))
            .collect::<Result<Vec<_>, _>>()?;
        rules::check_disabled(
            &options.disabled,
            &packs.iter().map(|(_, set)| set).collect::<Vec<_>>(),
        )?;
        let langs: Vec<Lang> = targets
            .iter()
            .filter_map(|t| {
                LANGUAGES
                    .iter()
                    .find(|(code, _)| code == t)
                    .map(|&(_, lang)| lang)
            })
            .collect();
        let detector = match packs.len() > 1 {
            true => Some((WordVote::embedded()?, Detector::with_allowlist(langs))),
            false => None,
        };
        Ok(Linter {
            source: options.source.clone(),
            packs,
            detector,
        })
    }

    /// Every rule of every loaded pack, once each (by id), in order.
    pub fn rules(&self) -> Vec<RuleMeta> {
        self.unique_rules().cloned().collect()
    }

    /// The ids of `rules()`, without copying the rest of them.
    pub fn rule_ids(&self) -> Vec<String> {
        self.unique_rules().map(|rule| rule.id.clone()).collect()
    }

    fn unique_rules(&self) -> impl Iterator<Item = &RuleMeta> {
        let mut seen = foldhash::HashSet::default();
        self.packs
            .iter()
            .flat_map(|(_, set)| &set.rules)
            .filter(move |rule| seen.insert(rule.id.as_str()))
    }

    /// The target languages this linter has rules for.
    pub fn targets(&self) -> impl Iterator<Item = (&str, &RuleSet)> {
        self.packs.iter().map(|(target, set)| (*target, set))
    }

    /// The target language of `text`: detected among the loaded packs, or the
    /// first pack when there is one only or detection fails.
    pub fn target_of(&self, text: &str) -> (&str, &RuleSet) {
        let detected = self.detector.as_ref().and_then(|(vote, detector)| {
            let pack = |code: &str| self.packs.iter().find(|(target, _)| *target == code);
            if let Some(pack) = vote.winner(text, FIRST_SAMPLE).and_then(pack) {
                return Some(pack);
            }
            let sample = |size: usize| {
                let mut end = text.len().min(size);
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                &text[..end]
            };
            let lang = match detector.detect(sample(FIRST_SAMPLE)) {
                Some(info) if info.is_reliable() => info.lang(),
                _ => detector.detect_lang(sample(DETECTION_SAMPLE))?,
            };
            pack(LANGUAGES.iter().find(|(_, l)| *l == lang)?.0)
        });
        let (target, set) = detected.unwrap_or(&self.packs[0]);
        (target, set)
    }

    /// Checks documents, each with the rules of its target language; those
    /// of one language together (`RuleSet::check_documents`).
    pub fn check_many(&self, texts: &[(&str, Format)]) -> Vec<Vec<Diagnostic>> {
        let docs: Vec<Document> = texts
            .iter()
            .map(|&(text, format)| Document::parse(text, format))
            .collect();
        let sets: Vec<&RuleSet> = texts
            .iter()
            .map(|(text, _)| self.target_of(text).1)
            .collect();
        let mut found = vec![Vec::new(); docs.len()];
        for (_, set) in &self.packs {
            let of_set: Vec<usize> = (0..docs.len())
                .filter(|&i| std::ptr::eq(sets[i], set))
                .collect();
            // Checking no document would still build the pack's word lists.
            if of_set.is_empty() {
                continue;
            }
            let of_set_docs: Vec<&Document> = of_set.iter().map(|&i| &docs[i]).collect();
            for (i, out) in of_set.into_iter().zip(set.check_documents(&of_set_docs)) {
                found[i] = out;
            }
        }
        found
    }

    /// Checks one document with the rules of its target language.
    pub fn check(&self, text: &str, format: Format) -> Vec<Diagnostic> {
        self.target_of(text).1.check(text, format)
    }

    /// Checks a translation against its source with the rules of the
    /// translation's language.
    pub fn check_pair(&self, source: (&str, Format), target: (&str, Format)) -> Vec<Diagnostic> {
        let source_doc = Document::parse(source.0, source.1);
        let target_doc = Document::parse(target.0, target.1);
        let alignment = crate::align::align(&source_doc, &target_doc);
        self.target_of(target.0)
            .1
            .check_pair(&source_doc, &target_doc, &alignment)
    }

    /// Checks a pre-segmented bilingual file (XLIFF, TMX, TSV): its target
    /// segments against their source segments, findings pointing into the
    /// file.
    pub fn check_segmented(
        &self,
        text: &str,
        format: SegmentedFormat,
    ) -> Result<Vec<Diagnostic>, String> {
        let segments = segmented::read(text, format, &self.source)?;
        let (source, target, links) = segments.documents(text);
        let alignment = crate::align::align_within(&source, &target, links);
        let targets: String = target
            .blocks
            .iter()
            .map(|b| target.slice(b.span))
            .collect::<Vec<_>>()
            .join("\n");
        Ok(self
            .target_of(&targets)
            .1
            .check_pair(&source, &target, &alignment))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Documents of several languages checked together get what each
    /// gets checked alone.
    #[test]
    fn check_many_finds_what_check_finds() {
        let linter = Linter::load(&LoadOptions {
            source: "fr".to_string(),
            ..Default::default()
        })
        .unwrap();
        let texts = [
            "It is about securing the area , said the minister .\n\nThe the convoy left.\n",
            "El ministro dijo que se trata de asegurar la zona con los soldados que \
             llegaron el lunes , según la prensa.\n",
            "Der Minister sagte , dass es darum geht , das Gebiet zu sichern .\n",
            "# Heading\n\n# Heading\n\nThe accord . It was signed.\n",
        ];
        let formats = [
            Format::Plain,
            Format::Plain,
            Format::Plain,
            Format::Markdown,
        ];
        let pairs: Vec<(&str, Format)> = texts.iter().copied().zip(formats).collect();
        let alone: Vec<Vec<Diagnostic>> = pairs.iter().map(|&(t, f)| linter.check(t, f)).collect();
        assert!(alone.iter().all(|found| !found.is_empty()), "{alone:?}");
        assert_eq!(linter.check_many(&pairs), alone);
    }

    #[test]
    fn detection_reads_further_when_the_start_is_not_telling() {
        let linter = Linter::load(&LoadOptions {
            source: "fr".to_string(),
            target: String::new(),
            ..Default::default()
        })
        .unwrap();
        // Figures first, then Spanish prose.
        let start = "12/03/2024 14:05 | 13/03/2024 15:30 | 14/03/2024 16:45 | ".repeat(5);
        assert!(start.len() >= FIRST_SAMPLE, "{}", start.len());
        let (_, detector) = linter.detector.as_ref().unwrap();
        let info = detector.detect(&start[..FIRST_SAMPLE]);
        assert!(!info.as_ref().is_some_and(|i| i.is_reliable()), "{info:?}");
        let text = format!(
            "{start}Las autoridades anunciaron el lunes que la reunión de los ministros \
             tendrá lugar en la capital durante la próxima semana, según un comunicado."
        );
        assert_eq!(linter.target_of(&text).0, "es");
    }
}
