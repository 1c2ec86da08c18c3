//! One segmentation pass: a text becomes a `Document` of blocks, sentences and
//! words, each a byte `Span` into the original text. Checks read it and never
//! re-split the text.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use crate::span::Span;

/// How block structure is written in the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Paragraphs separated by blank lines; a short unpunctuated line standing
    /// alone is a heading.
    Plain,
    /// Like plain text, but only ATX lines (`# Heading`) are headings and
    /// fenced code is skipped.
    Markdown,
}

impl Format {
    /// The format implied by a file name: Markdown for `.md`/`.markdown`.
    pub fn from_path(path: &std::path::Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Heading,
    Paragraph,
}

impl BlockKind {
    pub fn is_heading(self) -> bool {
        matches!(self, BlockKind::Title | BlockKind::Heading)
    }
}

#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's text, without Markdown markers and surrounding white space.
    pub span: Span,
    pub sentences: Range<usize>,
}

#[derive(Clone, Debug)]
pub struct Sentence {
    pub span: Span,
    pub words: Range<usize>,
}

/// A word in the Unicode (UAX #29) sense: letters or digits, with inner
/// apostrophes kept (`Mali’s`, `d’hommes`).
#[derive(Clone, Copy, Debug)]
pub struct Word {
    pub span: Span,
}

/// Longest plain-text line, in words and bytes, that can be a heading.
const HEADING_MAX_WORDS: usize = 20;
const HEADING_MAX_BYTES: usize = 200;

pub struct Document<'a> {
    pub text: &'a str,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub words: Vec<Word>,
    /// Text that is not prose, sorted: web addresses, and Markdown inline
    /// code. Findings touching it are dropped.
    pub verbatim: Vec<Span>,
    /// Ranges where rules are switched off by comments (Markdown).
    pub suppressions: Vec<Suppression>,
    /// `text` in ASCII lower case (`lower`).
    lower: OnceLock<String>,
}

/// Rules switched off over a range by `<!-- mtlint-disable RULE -->` …
/// `<!-- mtlint-enable RULE -->` or `<!-- mtlint-disable-next-line RULE -->`;
/// no rule named means every rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    pub rules: Vec<String>,
    pub span: Span,
}

impl Suppression {
    pub fn covers(&self, rule: &str, offset: usize) -> bool {
        self.span.start <= offset
            && offset < self.span.end
            && (self.rules.is_empty() || self.rules.iter().any(|r| r == rule))
    }
}

/// The suppression comments of a Markdown text.
fn suppressions(text: &str) -> Vec<Suppression> {
    static COMMENT: OnceLock<Regex> = OnceLock::new();
    let comment = COMMENT.get_or_init(|| {
        Regex::new(r"<!--\s*mtlint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->")
            .expect("static regex")
    });
    let mut out = Vec::new();
    // Open `disable` ranges: (rules, start).
    let mut open: Vec<(Vec<String>, usize)> = Vec::new();
    for caps in comment.captures_iter(text) {
        let end = caps.get(0).expect("group 0").end();
        let rules: Vec<String> = caps[2]
            .split([',', ' '])
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        match &caps[1] {
            "disable" => open.push((rules, end)),
            "enable" => {
                // Closes the ranges it names (all of them when it names none).
                let (closed, still): (Vec<_>, Vec<_>) = open.drain(..).partition(|(r, _)| {
                    rules.is_empty() || r.iter().any(|x| rules.contains(x)) || r.is_empty()
                });
                open = still;
                out.extend(closed.into_iter().map(|(rules, start)| Suppression {
                    rules,
                    span: Span::new(start, end),
                }));
            }
            _ => {
                // The next line that holds something.
                let rest = &text[end..];
                let skip = rest.len() - rest.trim_start().len();
                let line_start = end + skip;
                let line_end = text[line_start..]
                    .find('\n')
                    .map_or(text.len(), |i| line_start + i);
                out.push(Suppression {
                    rules,
                    span: Span::new(line_start, line_end),
                });
            }
        }
    }
    out.extend(open.into_iter().map(|(rules, start)| Suppression {
        rules,
        span: Span::new(start, text.len()),
    }));
    out
}

impl<'a> Document<'a> {
    pub fn parse(text: &'a str, format: Format) -> Document<'a> {
        let mut doc = Document {
            text,
            blocks: Vec::new(),
            sentences: Vec::new(),
            words: Vec::new(),
            verbatim: Vec::new(),
            suppressions: Vec::new(),
            lower: OnceLock::new(),
        };
        doc.push_blocks(block_spans(text, format));
        if let Some(first) = doc.blocks.first_mut()
            && first.kind == BlockKind::Heading
        {
            first.kind = BlockKind::Title;
        }
        doc.verbatim = verbatim_spans(text, &doc.blocks, format);
        if format == Format::Markdown {
            doc.suppressions = suppressions(text);
        }
        doc
    }

    /// A document whose blocks are given: each span a paragraph (the segments
    /// of a bilingual file). `verbatim` marks what is not prose inside them
    /// (XML tags and entities).
    pub fn from_blocks(text: &'a str, blocks: &[Span], verbatim: Vec<Span>) -> Document<'a> {
        let mut doc = Document {
            text,
            blocks: Vec::new(),
            sentences: Vec::new(),
            words: Vec::new(),
            verbatim,
            suppressions: Vec::new(),
            lower: OnceLock::new(),
        };
        doc.push_blocks(
            blocks
                .iter()
                .map(|&span| (BlockKind::Paragraph, span))
                .collect(),
        );
        doc
    }

    /// The text in ASCII lower case, at the same offsets, made on first use:
    /// the phrase check and source-fragment both search it, case aside.
    pub fn lower(&self) -> &str {
        self.lower.get_or_init(|| self.text.to_ascii_lowercase())
    }

    /// Whether `span` touches text that is not prose.
    pub fn touches_verbatim(&self, span: Span) -> bool {
        let i = self.verbatim.partition_point(|v| v.end <= span.start);
        self.verbatim
            .get(i)
            .is_some_and(|v| v.start < span.end.max(span.start + 1))
    }

    /// Segments the blocks into sentences and words: in parallel for a large
    /// document, since blocks are independent.
    fn push_blocks(&mut self, blocks: Vec<(BlockKind, Span)>) {
        let text = self.text;
        let runs = map_chunks(&blocks, |chunk| segment_blocks(text, chunk));
        let mut kinds = blocks.into_iter();
        for run in runs {
            let (first_sentence, first_word) = (self.sentences.len(), self.words.len());
            if first_sentence == 0 && first_word == 0 {
                // Most documents are one run: its vectors are the document's.
                self.sentences = run.sentences;
                self.words = run.words;
            } else {
                self.sentences
                    .extend(run.sentences.into_iter().map(|sentence| Sentence {
                        span: sentence.span,
                        words: first_word + sentence.words.start..first_word + sentence.words.end,
                    }));
                self.words.extend(run.words);
            }
            // The run's ranges first: `zip` takes from its left side first,
            // and would drop the next run's first block.
            for (sentences, (kind, span)) in run.blocks.into_iter().zip(kinds.by_ref()) {
                self.blocks.push(Block {
                    kind,
                    span,
                    sentences: first_sentence + sentences.start..first_sentence + sentences.end,
                });
            }
        }
    }

    pub fn slice(&self, span: Span) -> &'a str {
        span.text(self.text)
    }

    pub fn sentences_of(&self, block: &Block) -> &[Sentence] {
        &self.sentences[block.sentences.clone()]
    }

    pub fn words_of(&self, sentence: &Sentence) -> &[Word] {
        &self.words[sentence.words.clone()]
    }

    pub fn headings(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind.is_heading())
    }

    /// Whether the document is worth spreading over several cores: more
    /// blocks than one parallel chunk holds.
    pub fn is_large(&self) -> bool {
        self.blocks.len() > PARALLEL_CHUNK
    }
}

/// Items (blocks, sentences) per parallel job in a large document.
const PARALLEL_CHUNK: usize = 512;

/// `f` of each chunk of `items`, in order, the chunks on rayon's threads
/// when there are several: a single large file would otherwise use one core.
/// Segmentation and the checks whose items are independent use it.
pub(crate) fn map_chunks<T: Sync, R: Send>(items: &[T], f: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    use rayon::prelude::*;
    if items.len() <= PARALLEL_CHUNK {
        return vec![f(items)];
    }
    items.par_chunks(PARALLEL_CHUNK).map(&f).collect()
}

/// The sentences and words of a run of blocks, with the range of each
/// block's sentences; ranges count from the run's first sentence and word.
struct SegmentedRun {
    sentences: Vec<Sentence>,
    words: Vec<Word>,
    blocks: Vec<Range<usize>>,
}

/// Average bytes per word of news prose, rounded down: the run's words are
/// allocated once rather than grown block by block.
const BYTES_PER_WORD: usize = 5;

/// Sentences (a heading is one) and their words, as spans of `text`. The
/// buffers of the crate's boundaries are reused from block to block:
/// vectors per block were a sixth of segmenting.
fn segment_blocks(text: &str, blocks: &[(BlockKind, Span)]) -> SegmentedRun {
    let bytes: usize = blocks.iter().map(|(_, span)| span.end - span.start).sum();
    let mut run = SegmentedRun {
        sentences: Vec::new(),
        words: Vec::with_capacity(bytes / BYTES_PER_WORD),
        blocks: Vec::with_capacity(blocks.len()),
    };
    let (mut sentences, mut words) = (Vec::new(), Vec::new());
    for &(kind, span) in blocks {
        let block_text = span.text(text);
        sentences.clear();
        if kind.is_heading() {
            sentences.push((0, block_text));
        } else {
            crate::segmentation::sentence_bounds(block_text, &mut sentences);
        }
        let first_sentence = run.sentences.len();
        for &(offset, sentence) in &sentences {
            let trimmed = sentence.trim_end();
            let lead = trimmed.len() - trimmed.trim_start().len();
            if trimmed.len() == lead {
                continue;
            }
            let sentence_span = Span::new(
                span.start + offset + lead,
                span.start + offset + trimmed.len(),
            );
            let first_word = run.words.len();
            words.clear();
            crate::segmentation::word_bounds(sentence_span.text(text), &mut words);
            run.words.extend(words.iter().map(|&(i, w)| Word {
                span: Span::new(sentence_span.start + i, sentence_span.start + i + w.len()),
            }));
            run.sentences.push(Sentence {
                span: sentence_span,
                words: first_word..run.words.len(),
            });
        }
        run.blocks.push(first_sentence..run.sentences.len());
    }
    run
}

/// Web addresses anywhere, and `inline code` in Markdown, within blocks.
fn verbatim_spans(text: &str, blocks: &[Block], format: Format) -> Vec<Span> {
    static URL: OnceLock<Regex> = OnceLock::new();
    static CODE: OnceLock<Regex> = OnceLock::new();
    // No `\b` before an e-mail address: the leftmost match starts its
    // run of word characters anyway, and a Unicode `\b` would stop the lazy
    // DFA on any non-ASCII text. Compiled only for a text that needs it:
    // compiling it took a sixth of checking a 5 KB article.
    let url = || {
        URL.get_or_init(|| {
            Regex::new(r#"(?:https?://|www\.)[^\s<>"“”«»)\]]+|[\w.+-]+@[\w-]+\.[\w.-]+"#)
                .expect("static regex")
        })
    };
    let code = || CODE.get_or_init(|| Regex::new(r"(`+)[^`]+?`+").expect("static regex"));
    let mut spans = Vec::new();
    for block in blocks {
        let block_text = block.span.text(text);
        // Most blocks hold no address, and a byte search says so faster
        // than the regex, which has no literal to skip ahead to.
        let may_hold_address =
            block_text.contains('@') || block_text.contains("://") || block_text.contains("www.");
        if may_hold_address {
            spans.extend(
                url()
                    .find_iter(block_text)
                    .map(|m| Span::new(block.span.start + m.start(), block.span.start + m.end())),
            );
        }
        if format == Format::Markdown {
            spans.extend(
                code()
                    .find_iter(block_text)
                    .map(|m| Span::new(block.span.start + m.start(), block.span.start + m.end())),
            );
        }
    }
    spans.sort();
    // Merged, so that ends grow with starts and a binary search finds them.
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// Lines of the text with their byte offsets, line breaks (`\n`, `\r\n`) removed.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// Span of `inner` (a subslice of `outer`, which starts at `outer_start`).
fn subspan(outer_start: usize, outer: &str, inner: &str) -> Span {
    let start = outer_start + (inner.as_ptr() as usize - outer.as_ptr() as usize);
    Span::new(start, start + inner.len())
}

fn block_spans(text: &str, format: Format) -> Vec<(BlockKind, Span)> {
    let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut blocks = Vec::new();
    // Lines of the paragraph being gathered: (span of trimmed content).
    let mut pending: Vec<Span> = Vec::new();
    let mut in_fence = false;
    let flush = |pending: &mut Vec<Span>, blocks: &mut Vec<(BlockKind, Span)>| {
        if pending.is_empty() {
            return;
        }
        let span = pending[0].cover(*pending.last().unwrap());
        let kind =
            if format == Format::Plain && pending.len() == 1 && looks_like_heading(span.text(text))
            {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            };
        blocks.push((kind, span));
        pending.clear();
    };
    for (start, line) in lines(&text[body_start..]) {
        let start = start + body_start;
        let trimmed = line.trim();
        if format == Format::Markdown && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
        {
            flush(&mut pending, &mut blocks);
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        // A blank line, or in Markdown a line that is only an HTML comment
        // (where suppression comments live), ends a block.
        let comment =
            format == Format::Markdown && trimmed.starts_with("<!--") && trimmed.ends_with("-->");
        if trimmed.is_empty() || comment {
            flush(&mut pending, &mut blocks);
            continue;
        }
        if format == Format::Markdown
            && let Some(content) = atx_heading(trimmed)
        {
            flush(&mut pending, &mut blocks);
            if !content.is_empty() {
                blocks.push((BlockKind::Heading, subspan(start, line, content)));
            }
            continue;
        }
        pending.push(subspan(start, line, trimmed));
    }
    flush(&mut pending, &mut blocks);
    blocks
}

/// The content of a Markdown ATX heading line (`## Title ##` → `Title`).
fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let rest = &line[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    Some(rest.trim().trim_end_matches('#').trim_end())
}

/// A plain-text line is a heading when it is short and does not end like a sentence.
fn looks_like_heading(line: &str) -> bool {
    if line.len() > HEADING_MAX_BYTES || line.split_whitespace().count() > HEADING_MAX_WORDS {
        return false;
    }
    let core = line.trim_end_matches(['”', '»', '"', '’', '\'', ')', ']']);
    let quoted = core.len() != line.len();
    match core.chars().last() {
        None => false,
        Some('.' | '!' | '?' | '…') => false,
        // A heading may end with a quotation, but not with a quoted sentence.
        Some(';' | ':' | ',') => false,
        Some(_) => !(quoted && line.ends_with(['”', '"']) && core.ends_with(['.', '!', '?'])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &Document) -> Vec<(BlockKind, String)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, doc.slice(b.span).to_string()))
            .collect()
    }

    #[test]
    fn plain_text_headings_and_title() {
        let text = "Floods in Mopti\n\nThe river rose. Homes were lost.\n\nReactions in Bamako\n\nOfficials said: “We act.”\n";
        let doc = Document::parse(text, Format::Plain);
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Title, "Floods in Mopti".into()),
                (
                    BlockKind::Paragraph,
                    "The river rose. Homes were lost.".into()
                ),
                (BlockKind::Heading, "Reactions in Bamako".into()),
                (BlockKind::Paragraph, "Officials said: “We act.”".into()),
            ]
        );
        let paragraph = &doc.blocks[1];
        let sentences: Vec<&str> = doc
            .sentences_of(paragraph)
            .iter()
            .map(|s| doc.slice(s.span))
            .collect();
        assert_eq!(sentences, vec!["The river rose.", "Homes were lost."]);
    }

    #[test]
    fn markdown_headings_only_from_hashes() {
        let text =
            "# Title here #\n\nShort line\n\n## Section\nBody text.\n\n```\n# not a heading\n```\n";
        let doc = Document::parse(text, Format::Markdown);
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Title, "Title here".into()),
                (BlockKind::Paragraph, "Short line".into()),
                (BlockKind::Heading, "Section".into()),
                (BlockKind::Paragraph, "Body text.".into()),
            ]
        );
    }

    #[test]
    fn spans_survive_bom_and_crlf() {
        let text = "\u{feff}Titre\r\n\r\nL’armée a dit.\r\n";
        let doc = Document::parse(text, Format::Plain);
        assert_eq!(doc.slice(doc.blocks[0].span), "Titre");
        assert_eq!(doc.slice(doc.blocks[1].span), "L’armée a dit.");
        let words: Vec<&str> = doc.words.iter().map(|w| doc.slice(w.span)).collect();
        assert_eq!(words, vec!["Titre", "L’armée", "a", "dit"]);
    }

    #[test]
    fn wrapped_paragraph_is_one_block() {
        let text = "A long line that wraps\nonto the next line.\n";
        let doc = Document::parse(text, Format::Plain);
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn web_addresses_and_markdown_code_are_verbatim() {
        let text = "See https://example.org/a?b=c and `code et les` here.\n";
        let plain = Document::parse(text, Format::Plain);
        assert_eq!(plain.verbatim.len(), 1);
        assert_eq!(plain.slice(plain.verbatim[0]), "https://example.org/a?b=c");
        let markdown = Document::parse(text, Format::Markdown);
        assert_eq!(markdown.verbatim.len(), 2);
        assert!(markdown.touches_verbatim(Span::new(
            text.find("et").unwrap(),
            text.find("et").unwrap() + 2
        )));
        assert!(!markdown.touches_verbatim(Span::new(0, 3)));
    }

    #[test]
    fn suppression_comments() {
        let text = "# Title\n\n<!-- mtlint-disable doubled-word -->\nThe the a.\n<!-- mtlint-enable doubled-word -->\n\n<!-- mtlint-disable-next-line -->\nThe the b.\n\nThe the c.\n";
        let doc = Document::parse(text, Format::Markdown);
        let at = |s: &str| text.find(s).unwrap();
        assert!(
            doc.suppressions
                .iter()
                .any(|s| s.covers("doubled-word", at("The the a")))
        );
        assert!(
            !doc.suppressions
                .iter()
                .any(|s| s.covers("other-rule", at("The the a")))
        );
        assert!(
            doc.suppressions
                .iter()
                .any(|s| s.covers("any-rule", at("The the b")))
        );
        assert!(
            !doc.suppressions
                .iter()
                .any(|s| s.covers("doubled-word", at("The the c")))
        );
        assert_eq!(doc.blocks.len(), 4, "comment lines are not blocks");
    }

    #[test]
    fn a_document_segmented_in_runs_is_segmented_as_in_one() {
        // Three runs of `PARALLEL_CHUNK` blocks and a short one, blocks of
        // one, two or no sentences: each block's sentences and words are
        // those it has alone.
        let paragraphs: Vec<String> = (0..PARALLEL_CHUNK * 3 + 7)
            .map(|i| match i % 3 {
                0 => format!("Block {i} here. And a second one"),
                1 => format!("Heading {i}"),
                _ => "…".to_string(),
            })
            .collect();
        let text = paragraphs.join("\n\n");
        let doc = Document::parse(&text, Format::Plain);
        assert!(doc.is_large());
        assert_eq!(doc.blocks.len(), paragraphs.len());
        let shape = |doc: &Document, block: &Block| -> Vec<Vec<String>> {
            doc.sentences_of(block)
                .iter()
                .map(|s| {
                    doc.words_of(s)
                        .iter()
                        .map(|w| doc.slice(w.span).to_string())
                        .collect()
                })
                .collect()
        };
        for (block, paragraph) in doc.blocks.iter().zip(&paragraphs) {
            let alone = Document::parse(paragraph, Format::Plain);
            assert_eq!(doc.slice(block.span), paragraph.as_str());
            assert_eq!(shape(&doc, block), shape(&alone, &alone.blocks[0]));
        }
    }
}
