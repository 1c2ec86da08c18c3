//! What the rules need to know of a pattern before it is compiled: the
//! literals one of which every match holds, those one of which it begins
//! with if anchored, whether it needs a digit (`crate::literals`), and the
//! index of its `flag` group, read from its syntax tree.
//!
//! Parsing the syntax trees of the English pack's patterns took a third of
//! its load, so `build.rs` also runs this module on every embedded pattern
//! and compiles the answers into the binary (`crate::rules::embedded`): a run
//! parses only the patterns of rule files given to it.

use regex_syntax::ast::{Ast, GroupKind};

/// The name of the capture group holding the part of a match to report.
const FLAG_GROUP: &str = "flag";

#[derive(Debug, PartialEq)]
pub struct PatternFacts {
    /// Literals one of which every match contains, if worth a scan.
    pub required: Option<Vec<Vec<u8>>>,
    /// Further sets of literals, one of each of which every match contains
    /// too (`crate::literals::also_required`).
    pub also: Vec<Vec<Vec<u8>>>,
    /// Literals one of which a block must begin with, after whitespace, if
    /// the pattern is anchored there (`crate::literals::anchored_prefixes`).
    pub anchored: Option<Vec<Vec<u8>>>,
    /// Whether every match holds a decimal digit
    /// (`crate::literals::requires_digit`).
    pub digit: bool,
    /// The index of the `flag` group, if the pattern has one.
    pub flag: Option<usize>,
}

/// Parses `source`; the error is the parser's message on one line.
pub fn analyse(source: &str) -> Result<PatternFacts, String> {
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(source)
        .map_err(|e| one_line(&e.to_string()))?;
    Ok(PatternFacts {
        required: crate::literals::required(&ast),
        also: crate::literals::also_required(&ast),
        anchored: crate::literals::anchored_prefixes(&ast),
        digit: crate::literals::requires_digit(&ast),
        flag: flag_index(&ast),
    })
}

pub fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn flag_index(ast: &Ast) -> Option<usize> {
    match ast {
        Ast::Group(group) => match &group.kind {
            GroupKind::CaptureName { name, .. } if name.name == FLAG_GROUP => {
                usize::try_from(name.index).ok()
            }
            _ => flag_index(&group.ast),
        },
        Ast::Repetition(repetition) => flag_index(&repetition.ast),
        Ast::Concat(concat) => concat.asts.iter().find_map(flag_index),
        Ast::Alternation(alternation) => alternation.asts.iter().find_map(flag_index),
        _ => None,
    }
}
