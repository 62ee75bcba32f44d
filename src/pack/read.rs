//! A pack file read into a [`PackRule`]: its YAML parsed, then each field checked in turn, the
//! first mistake an error that points into the file.

use super::given::check_path;
use super::{Check, DOCUMENTS, PackError, PackRule, PackSeverity, Segment};
use crate::finding::{Place, Severity, Text};
use crate::load::typed::{Field, List, Sp, closest, struct_fields};
use crate::model::Number;
use crate::source::{FileId, SourceDb, SourceFile, Span};
use regex::Regex;
use serde::Deserialize;
use std::path::Path;
use std::sync::Arc;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PackDoc {
    code: Field<String>,
    severity: Field<PackSeverity>,
    title: Field<TextDoc>,
    help: Field<TextDoc>,
    given: Field<String>,
    then: Field<Then>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TextDoc {
    en: Field<String>,
    zh: Field<String>,
}

/// The `then` functions; several in one `then` all apply.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Then {
    required: Field<bool>,
    pattern: Field<String>,
    not_pattern: Field<String>,
    #[serde(rename = "enum")]
    one_of: Field<List<String>>,
    min: Field<Number>,
    max: Field<Number>,
    min_length: Field<u64>,
    max_length: Field<u64>,
    min_days_after_as_of: Field<i64>,
    max_days_before_as_of: Field<i64>,
}

/// Reads the pack rule in `file_path`; `taken` are the codes already in use.
pub(super) fn load_file(file_path: &Path, taken: &[String]) -> Result<PackRule, PackError> {
    let text = std::fs::read_to_string(file_path).map_err(|e| {
        let crate::finding::Text { en, zh } = crate::finding::io_reason(&e);
        PackError::new(file_path, text!("cannot be read: {en}", "无法读取：{zh}"))
    })?;
    let mut db = SourceDb::default();
    let file = db.add("pack.yaml", Some(text.clone()));
    let pack = PackFile {
        path: file_path,
        source: db.get(file),
        file,
    };
    let doc = pack.doc(&text)?;
    let code = pack.code(&doc.code, taken)?;
    let severity = pack.severity(&doc.severity)?;
    let title = pack
        .bilingual(&doc.title, "title")?
        .ok_or_else(|| pack.required("title"))?;
    let help = pack.bilingual(&doc.help, "help")?;
    let given = doc.given.get().ok_or_else(|| pack.required("given"))?;
    let (document, segments) = pack.given(given)?;
    let checks = pack.checks(&doc.then)?;
    Ok(PackRule {
        code: Arc::from(code.value.as_str()),
        severity,
        title,
        help,
        document: document.to_owned(),
        path: segments,
        given: given.value.clone(),
        checks,
        source: file_path.to_path_buf(),
        text,
    })
}

/// The pack file being read, for its mistakes: where it is, and its text for places.
struct PackFile<'a> {
    path: &'a Path,
    source: &'a SourceFile,
    file: FileId,
}

impl PackFile<'_> {
    /// A mistake of the file, at `span` or at the file.
    fn fail(&self, span: Option<Span>, message: Text, help: Option<Text>) -> PackError {
        PackError::at(
            self.path,
            self.source,
            span.map(|s| s.range()),
            message,
            help,
        )
    }

    /// The mistake of a rule without the field `what`.
    fn required(&self, what: &str) -> PackError {
        self.fail(
            Some(Span::new(self.file, 0..0)),
            text!("the rule has no `{what}`", "规则缺少 `{what}`"),
            None,
        )
    }

    /// The rule's document, or its first problem (YAML, value types, unknown keys).
    fn doc(&self, text: &str) -> Result<PackDoc, PackError> {
        let mut problems = Vec::new();
        let doc = crate::load::read_yaml::<PackDoc>(self.file, text, &mut problems);
        if let Some(p) = problems.first() {
            let span = match p.place {
                Place::Span(s) => Some(s),
                Place::File(_) => None,
            };
            return Err(self.fail(span, p.message.clone(), p.help.clone()));
        }
        doc.map(|doc| doc.data)
            .ok_or_else(|| self.fail(None, text!("the rule is empty", "规则为空"), None))
    }

    /// `code`: two to four capitals and three digits, neither a built-in code nor one of `taken`.
    fn code<'d>(
        &self,
        code: &'d Field<String>,
        taken: &[String],
    ) -> Result<&'d Sp<String>, PackError> {
        let code = code.get().ok_or_else(|| self.required("code"))?;
        let code_pattern = Regex::new(r"^[A-Z]{2,4}[0-9]{3}$").expect("valid");
        let c = &code.value;
        if !code_pattern.is_match(c) {
            return Err(self.fail(
                Some(code.span),
                text!("`{c}` is not a rule code", "`{c}` 不是规则代码"),
                Some(text!(
                    "2 to 4 capital letters and 3 digits, e.g. AGY001",
                    "由 2 到 4 个大写字母和 3 位数字组成，例如 AGY001"
                )),
            ));
        }
        if crate::catalogue::Catalogue::builtin().get(c).is_some() {
            return Err(self.fail(
                Some(code.span),
                text!("`{c}` is a built-in rule's code", "`{c}` 是内置规则的代码"),
                Some(text!(
                    "choose a code of your own, e.g. with your agency's letters",
                    "请自拟代码，例如用代理商名称的字母开头"
                )),
            ));
        }
        if taken.contains(c) {
            return Err(self.fail(
                Some(code.span),
                text!(
                    "another pack rule already has the code `{c}`",
                    "另一条规则包规则已使用代码 `{c}`"
                ),
                None,
            ));
        }
        Ok(code)
    }

    /// `severity`, required.
    fn severity(&self, severity: &Field<PackSeverity>) -> Result<Severity, PackError> {
        match severity.get().map(|s| s.value) {
            Some(PackSeverity::Error) => Ok(Severity::Error),
            Some(PackSeverity::Warning) => Ok(Severity::Warning),
            Some(PackSeverity::Info) => Ok(Severity::Info),
            None => Err(self.required("severity")),
        }
    }

    /// A text in both languages (`title`, `help`: `what`), when given.
    fn bilingual(&self, field: &Field<TextDoc>, what: &str) -> Result<Option<Text>, PackError> {
        let Some(t) = field.get() else {
            return Ok(None);
        };
        match (t.en.get(), t.zh.get()) {
            (Some(en), Some(zh)) => Ok(Some(Text::new(en.value.clone(), zh.value.clone()))),
            _ => Err(self.fail(
                Some(t.span),
                text!(
                    "`{what}` needs both `en` and `zh`",
                    "`{what}` 需要同时提供 `en` 和 `zh`"
                ),
                None,
            )),
        }
    }

    /// `given`: a document of a submission and the path of a field in it (`*` for every item or
    /// value), which the document's schema has.
    fn given<'g>(&self, given: &'g Sp<String>) -> Result<(&'g str, Vec<Segment>), PackError> {
        let (document, pointer) = given
            .value
            .split_once('#')
            .unwrap_or((given.value.as_str(), ""));
        if !DOCUMENTS.contains(&document) {
            let hint = closest(document, DOCUMENTS)
                .map(|d| text!("did you mean `{d}`?", "是否应为 `{d}`？"));
            return Err(self.fail(
                Some(given.span),
                text!(
                    "`{document}` is not a document of a submission",
                    "`{document}` 不是提交中的文档"
                ),
                hint,
            ));
        }
        let segments: Vec<Segment> = pointer
            .split('/')
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s == "*" {
                    Segment::Any
                } else {
                    Segment::Key(s.to_owned())
                }
            })
            .collect();
        if segments.is_empty() {
            return Err(self.fail(
                Some(given.span),
                text!(
                    "`given` names no field (e.g. `returns.yaml#/addresses/*/region`)",
                    "`given` 没有指明字段（例如 `returns.yaml#/addresses/*/region`）"
                ),
                None,
            ));
        }
        check_path(document, &segments)
            .map_err(|(message, hint)| self.fail(Some(given.span), message, hint))?;
        Ok((document, segments))
    }

    /// `then`: the functions a value must pass, at least one.
    fn checks(&self, then: &Field<Then>) -> Result<Vec<Check>, PackError> {
        let then = then.get().ok_or_else(|| self.required("then"))?;
        let t = &then.value;
        let mut checks = Vec::new();
        if t.required.get().is_some_and(|r| r.value) {
            checks.push(Check::Required);
        }
        checks.extend(self.regex(&t.pattern)?.map(Check::Pattern));
        checks.extend(self.regex(&t.not_pattern)?.map(Check::NotPattern));
        checks.extend(
            t.one_of
                .get()
                .map(|l| Check::OneOf(l.value.iter().map(|v| v.value.clone()).collect())),
        );
        checks.extend(t.min.get().map(|n| Check::Min(n.value.0)));
        checks.extend(t.max.get().map(|n| Check::Max(n.value.0)));
        checks.extend(t.min_length.get().map(|n| Check::MinLength(n.value)));
        checks.extend(t.max_length.get().map(|n| Check::MaxLength(n.value)));
        checks.extend(
            t.min_days_after_as_of
                .get()
                .map(|n| Check::MinDaysAfterAsOf(n.value)),
        );
        checks.extend(
            t.max_days_before_as_of
                .get()
                .map(|n| Check::MaxDaysBeforeAsOf(n.value)),
        );
        if checks.is_empty() {
            let known = struct_fields::<Then>().join(", ");
            return Err(self.fail(
                Some(then.span),
                text!("`then` names no function", "`then` 没有指明任何函数"),
                Some(text!("one or more of: {known}", "可选一个或多个：{known}")),
            ));
        }
        Ok(checks)
    }

    /// A regular expression of `then` (`pattern`, `not_pattern`), when given.
    fn regex(&self, f: &Field<String>) -> Result<Option<Regex>, PackError> {
        match f.get() {
            None => Ok(None),
            Some(p) => Regex::new(&p.value).map(Some).map_err(|e| {
                let v = &p.value;
                // The regex crate's reason is English; in Chinese the caret shows the place.
                let why = e.to_string().lines().last().unwrap_or("").trim().to_owned();
                self.fail(
                    Some(p.span),
                    text!(
                        "`{v}` is not a valid regular expression",
                        "`{v}` 不是有效的正则表达式"
                    ),
                    Some(text!("{why}", "请检查括号、方括号和转义字符是否成对、完整")),
                )
            }),
        }
    }
}
