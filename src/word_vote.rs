//! A vote of common words on the language of a text's opening, before
//! whatlang is asked.
//!
//! Target detection ran whatlang on every document, and that was a tenth of
//! a run's time: it counts the trigrams of the sample and compares them
//! with the profile of every candidate language. Most documents leave no
//! doubt: forty words of English hold a dozen of its commonest words and
//! none of German, Spanish, Italian, Portuguese or French. The vote decides
//! those only; any other document is left to whatlang.
//!
//! The words are data (`rules/lang/common-words.toml`): each belongs to one
//! language only.

use std::borrow::Cow;
use std::collections::BTreeMap;

use foldhash::HashMap;
use serde::Deserialize;

use crate::rules::{RuleError, locate};

/// The embedded word lists' path under `rules/`.
pub const PATH: &str = "lang/common-words.toml";

/// The winner needs this many votes, and the other languages together at
/// most a fifth of them: an English opening naming “von der Leyen” or “El
/// Salvador” is still decided.
const MIN_VOTES: usize = 5;
const DISSENT_SHARE: usize = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommonWords {
    /// ISO 639-1 code → its common words, in lower case.
    words: BTreeMap<String, Vec<toml::Spanned<String>>>,
}

pub struct WordVote {
    /// ISO 639-1 codes.
    languages: Vec<String>,
    /// Each word's language, as an index into `languages`.
    words: HashMap<String, usize>,
}

impl WordVote {
    /// The embedded lists.
    pub fn embedded() -> Result<WordVote, RuleError> {
        let text = crate::rules::embedded::get(PATH).unwrap_or_default();
        WordVote::parse(&format!("rules/{PATH}"), text)
    }

    /// Reads the lists of `text` (a file at `path`, for errors): a word in
    /// two lists or not in lower case is an error, since it would be a vote
    /// for the wrong language.
    pub fn parse(path: &str, text: &str) -> Result<WordVote, RuleError> {
        let file: CommonWords = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            locate(path, text, offset, e.message().to_string())
        })?;
        let mut vote = WordVote {
            languages: Vec::new(),
            words: HashMap::default(),
        };
        for (code, words) in file.words {
            let index = vote.languages.len();
            for word in words {
                let span = word.span();
                let word = word.into_inner();
                let one_word = !word.is_empty() && word.chars().all(char::is_alphabetic);
                let error = if word != word.to_lowercase() || !one_word {
                    Some(format!(
                        "`{word}` ({code}): a common word is one lower-case word"
                    ))
                } else if let Some(&other) = vote.words.get(&word) {
                    let other = &vote.languages[other];
                    Some(format!("`{word}` is listed for both {other} and {code}"))
                } else {
                    None
                };
                if let Some(message) = error {
                    return Err(locate(path, text, span.start, message));
                }
                vote.words.insert(word, index);
            }
            vote.languages.push(code);
        }
        Ok(vote)
    }

    /// The language (ISO 639-1) of most of the words that end within the
    /// first `limit` bytes of `text`, if they leave no doubt.
    pub fn winner(&self, text: &str, limit: usize) -> Option<&str> {
        let mut votes = vec![0; self.languages.len()];
        for word in text.split(|c: char| !c.is_alphabetic()) {
            let end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
            if end > limit {
                break;
            }
            let word = match word.chars().any(char::is_uppercase) {
                true => Cow::Owned(word.to_lowercase()),
                false => Cow::Borrowed(word),
            };
            if let Some(&language) = self.words.get(word.as_ref()) {
                votes[language] += 1;
            }
        }
        let (winner, &most) = votes.iter().enumerate().max_by_key(|&(_, n)| n)?;
        let others: usize = votes.iter().sum::<usize>() - most;
        (most >= MIN_VOTES && others * DISSENT_SHARE <= most)
            .then(|| self.languages[winner].as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vote(text: &str) -> Option<String> {
        let vote = WordVote::embedded().unwrap();
        vote.winner(text, text.len()).map(str::to_string)
    }

    #[test]
    fn a_clear_opening_is_decided() {
        for (text, code) in [
            (
                "The minister said on Monday that the talks with the unions would resume after the summer.",
                "en",
            ),
            (
                "Der Minister sagte am Montag, dass die Gespräche mit den Gewerkschaften nach dem Sommer wieder aufgenommen werden.",
                "de",
            ),
            (
                "El ministro dijo el lunes que las conversaciones con los sindicatos se reanudarán después del verano, según fuentes del gobierno.",
                "es",
            ),
            (
                "Il ministro ha detto lunedì che i colloqui con i sindacati riprenderanno dopo l'estate, anche se la data della riunione non è stata fissata.",
                "it",
            ),
            (
                "O ministro disse na segunda-feira que as conversas com os sindicatos serão retomadas depois do verão, mas a data ainda não foi fixada.",
                "pt",
            ),
            (
                "Le ministre a déclaré lundi que les discussions avec les syndicats reprendront après l'été, selon un communiqué publié dans la soirée.",
                "fr",
            ),
        ] {
            assert_eq!(vote(text).as_deref(), Some(code), "{text}");
        }
    }

    #[test]
    fn capitals_are_lowered_and_names_from_other_languages_tolerated() {
        let text = "THE PRESIDENT OF THE COMMISSION, Ursula von der Leyen, said that the plan would be presented to the member states after the summit.";
        assert_eq!(vote(text).as_deref(), Some("en"));
    }

    #[test]
    fn a_mixed_or_short_opening_is_left_to_whatlang() {
        // Half English, half French.
        let mixed = "The minister said that the talks were over, et les syndicats ont été reçus avec leur délégation pour une réunion.";
        assert_eq!(vote(mixed), None);
        assert_eq!(vote("The talks and the strike."), None);
        assert_eq!(vote("12/03/2024 14:05 | 13/03/2024 15:30"), None);
        assert_eq!(vote(""), None);
    }

    #[test]
    fn only_words_ending_within_the_limit_vote() {
        let vote = WordVote::embedded().unwrap();
        let text = "Figures only: 12, 14, 16. The minister said that the talks with the unions would resume.";
        assert_eq!(vote.winner(text, 30), None);
        assert_eq!(vote.winner(text, text.len()), Some("en"));
        // The fifth “the”, cut to “th” at the limit, is not a vote.
        let five = "the the the the the";
        assert_eq!(vote.winner(five, five.len()), Some("en"));
        assert_eq!(vote.winner(five, five.len() - 1), None);
    }

    #[test]
    fn a_word_listed_twice_or_with_capitals_is_an_error() {
        let twice = "[words]\nen = [\"the\"]\nfr = [\"les\",\n  \"the\"]\n";
        let error = WordVote::parse("x.toml", twice).err().unwrap();
        assert_eq!(error.position, Some((4, 3)));
        assert!(
            error.message.contains("`the` is listed for both en and fr"),
            "{}",
            error.message
        );
        for list in ["[\"The\"]", "[\"of the\"]", "[\"\"]"] {
            let text = format!("[words]\nen = {list}\n");
            let error = WordVote::parse("x.toml", &text).err().unwrap();
            assert!(
                error.message.contains("one lower-case word"),
                "{list}: {}",
                error.message
            );
        }
        let unknown = "[words]\nen = [\"the\"]\n[other]\n";
        let error = WordVote::parse("x.toml", unknown).err().unwrap();
        assert_eq!(error.position.map(|p| p.0), Some(3));
    }
}
