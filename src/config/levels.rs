//! `rules:`: a level for each rule's code, read from the tree, so that one wrong level does not
//! hide an unknown code; retired codes are ignored and told once.

use super::{ConfigDoc, ConfigError, ConfigFile, Level, only_start};
use crate::catalogue::Catalogue;
use crate::finding::Text;
use crate::load::Doc;
use crate::load::tree::{self, Node};
use crate::load::typed::{Likeness, closest, closest_by};
use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::ops::Range;

/// How a mistake of the file is made: its place, what, and what to do.
type Mistake<'a> = dyn Fn(Option<Range<usize>>, Text, Option<Text>) -> ConfigError + 'a;

impl ConfigFile {
    /// The level of each code `rules:` names, and the retired codes it names with what became of
    /// each; each mistake is pushed onto `mistakes`, in the file's order.
    pub(super) fn rule_levels(
        &self,
        doc: &Doc<ConfigDoc>,
        source: &SourceFile,
        catalogue: &Catalogue,
        mistake: &Mistake<'_>,
        mistakes: &mut Vec<ConfigError>,
    ) -> (BTreeMap<String, Level>, Vec<(String, Text)>) {
        let mut rules = BTreeMap::new();
        let mut retired = Vec::new();
        let Some(tree::Kind::Map(entries)) = doc.root.get("rules").map(|n| &n.kind) else {
            return (rules, retired);
        };
        for (key, value) in entries {
            let code = key.text.trim();
            if let Some(what) = catalogue.retirement(code) {
                // Still usable: the entry is ignored, and the run says so once.
                retired.push((code.to_owned(), what.clone()));
                continue;
            }
            if let Some(e) = self.rule_code_mistake(code, key.span.clone(), catalogue, mistake) {
                mistakes.push(e);
                continue;
            }
            match rule_level(value, source, mistake) {
                Ok(level) => {
                    rules.insert(code.to_owned(), level);
                }
                Err(e) => mistakes.push(e),
            }
        }
        (rules, retired)
    }

    /// What is wrong with `code` as a key of `rules:` (at `span`), if anything: no rule has it, or
    /// it is a document finding that a seller's own file may not change.
    fn rule_code_mistake(
        &self,
        code: &str,
        span: Range<usize>,
        catalogue: &Catalogue,
        mistake: &Mistake<'_>,
    ) -> Option<ConfigError> {
        if catalogue.get(code).is_none() {
            let help = closest_by(
                code,
                catalogue.entries.keys().map(String::as_str),
                Likeness::Code,
            )
            .map(|c| text!("did you mean `{c}`?", "是否应为 `{c}`？"));
            return Some(mistake(
                Some(span),
                text!(
                    "no rule has the code `{code}`",
                    "没有代码为 `{code}` 的规则"
                ),
                help,
            ));
        }
        if self.sellers && code.starts_with("SUB") {
            return Some(mistake(
                Some(span),
                text!(
                    "`{code}` is a document finding: a seller's own configuration may not change it; document findings are the agency's to relax",
                    "`{code}` 是文档类问题：卖家自带的配置不能修改它；文档类问题只能由代理商放宽"
                ),
                Some(text!(
                    "remove `{code}` from this file; fix the document instead",
                    "请从本文件中删除 `{code}`，并修正文档本身"
                )),
            ));
        }
        None
    }
}

/// The level a rule's `value` says, or the mistake of a value that is not one.
fn rule_level(
    value: &Node,
    source: &SourceFile,
    mistake: &Mistake<'_>,
) -> Result<Level, ConfigError> {
    // As written: YAML 1.1 reads a bare `off` as a boolean.
    let written = match &value.kind {
        tree::Kind::Str(level) => level.trim(),
        tree::Kind::Seq(_) | tree::Kind::Map(_) => "",
        _ => source
            .text
            .as_deref()
            .and_then(|t| t.get(value.span.clone()))
            .unwrap_or("")
            .trim(),
    };
    if let Some(level) = Level::parse(written) {
        return Ok(level);
    }
    let shown = source
        .text
        .as_deref()
        .and_then(|t| t.get(value.span.clone()))
        .unwrap_or("");
    let near = closest(&written.to_lowercase(), Level::VALUES)
        .or_else(|| only_start(&written.to_lowercase(), Level::VALUES));
    let help = near
        .map(|c| text!("did you mean `{c}`?", "是否应为 `{c}`？"))
        .unwrap_or_else(|| {
            text!(
                "a rule's level is `off`, `info`, `warning` or `error`",
                "规则的级别为 `off`、`info`、`warning` 或 `error`"
            )
        });
    Err(mistake(
        Some(value.span.clone()),
        text!(
            "`{shown}` is not a level: one of `off`, `info`, `warning`, `error`",
            "`{shown}` 不是级别：应为 `off`、`info`、`warning`、`error` 之一"
        ),
        Some(help),
    ))
}
