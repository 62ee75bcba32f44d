//! Rule packs: an agency's own checks as YAML files, one rule per file, with the same
//! diagnostics as built-in rules.
//!
//! ```yaml
//! code: AGY002                 # 2-4 capital letters + 3 digits; not a built-in code
//! severity: error              # error | warning | info
//! title: {en: "carrier not on the agency's list", zh: "承运商不在代理商名单内"}
//! help:  {en: "use Correos, Jadlog or SPL", zh: "使用 Correos、Jadlog 或 SPL"}
//! given: fulfillment.yaml#/markets/*/carrier      # document + path; * = every item / value
//! then: {enum: [Correos, Jadlog, SPL]}
//! ```
//! A pack that cannot be used — bad YAML, an unknown function, an invalid pattern, a duplicate
//! or built-in code, a `given` naming an unknown document or field — is an error at load time
//! that points into the pack file.

use crate::catalogue::Entry;
use crate::code::{Code, RuleCode};
use crate::finding::{Finding, Place, Severity, Text};
use crate::load::Submission;
use crate::load::tree::{Kind, Node};
use crate::load::typed::{Field, List, closest, struct_fields};
use crate::markets::MarketTable;
use crate::model::{Date, Number, text_enum};
use crate::rules::Ctx;
use crate::source::{SourceDb, Span};
use regex::Regex;
use serde::Deserialize;
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

text_enum!(PackSeverity { Error => ["error"], Warning => ["warning"], Info => ["info"] });

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

/// One function of a rule's `then`.
#[derive(Debug, Clone)]
pub enum Check {
    Required,
    Pattern(Regex),
    NotPattern(Regex),
    OneOf(Vec<String>),
    Min(f64),
    Max(f64),
    MinLength(u64),
    MaxLength(u64),
    MinDaysAfterAsOf(i64),
    MaxDaysBeforeAsOf(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    /// `*`: every list item or mapping value.
    Any,
}

/// A loaded pack rule.
#[derive(Debug)]
pub struct PackRule {
    pub code: Arc<str>,
    pub severity: Severity,
    pub title: Text,
    pub help: Option<Text>,
    pub document: String,
    pub path: Vec<Segment>,
    pub given: String,
    pub checks: Vec<Check>,
    pub source: PathBuf,
    pub text: String,
}

/// A pack that cannot be used: where and what, shown like a configuration mistake (the same
/// type), with the pack file's line and a caret at the mistake.
pub type PackError = crate::mistake::ConfigError;

/// The documents a pack rule can name.
pub use crate::model::DOCUMENTS;

/// Loads every `*.yaml` file of the pack folders, in name order. `taken` are codes already in
/// use (the built-in ones and those of packs loaded before).
pub fn load_dirs(
    dirs: &[PathBuf],
    taken: &mut Vec<String>,
) -> Result<Vec<Arc<PackRule>>, PackError> {
    let mut rules = Vec::new();
    for dir in dirs {
        let fail = |message: Text| PackError::new(dir, message);
        let entries = std::fs::read_dir(dir).map_err(|e| {
            let crate::finding::Text { en, zh } = crate::finding::io_reason(&e);
            fail(text!(
                "cannot read the rule pack folder: {en}",
                "无法读取规则包文件夹：{zh}"
            ))
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(fail(text!(
                "holds no rule (`*.yaml` files)",
                "其中没有规则（`*.yaml` 文件）"
            )));
        }
        for file in files {
            let rule = load_file(&file, taken)?;
            taken.push(rule.code.to_string());
            rules.push(Arc::new(rule));
        }
    }
    Ok(rules)
}

fn load_file(file_path: &Path, taken: &[String]) -> Result<PackRule, PackError> {
    let path = file_path;
    let text = std::fs::read_to_string(path).map_err(|e| {
        let crate::finding::Text { en, zh } = crate::finding::io_reason(&e);
        PackError::new(path, text!("cannot be read: {en}", "无法读取：{zh}"))
    })?;
    let mut db = SourceDb::default();
    let file = db.add("pack.yaml", Some(text.clone()));
    let source = db.get(file);
    let fail = |span: Option<Span>, message: Text, help: Option<Text>| {
        PackError::at(path, source, span.map(|s| s.range()), message, help)
    };
    let mut problems = Vec::new();
    let doc = crate::load::read_yaml::<PackDoc>(file, &text, &mut problems);
    if let Some(p) = problems.first() {
        let span = match p.place {
            Place::Span(s) => Some(s),
            Place::File(_) => None,
        };
        return Err(fail(span, p.message.clone(), p.help.clone()));
    }
    let Some(doc) = doc else {
        return Err(fail(None, text!("the rule is empty", "规则为空"), None));
    };
    let whole = Span::new(file, 0..0);
    let required = |what: &str| {
        fail(
            Some(whole),
            text!("the rule has no `{what}`", "规则缺少 `{what}`"),
            None,
        )
    };
    let d = &doc.data;

    let code = d.code.get().ok_or_else(|| required("code"))?;
    let code_pattern = Regex::new(r"^[A-Z]{2,4}[0-9]{3}$").expect("valid");
    if !code_pattern.is_match(&code.value) {
        let c = &code.value;
        return Err(fail(
            Some(code.span),
            text!("`{c}` is not a rule code", "`{c}` 不是规则代码"),
            Some(text!(
                "2 to 4 capital letters and 3 digits, e.g. AGY001",
                "由 2 到 4 个大写字母和 3 位数字组成，例如 AGY001"
            )),
        ));
    }
    if crate::catalogue::Catalogue::builtin()
        .get(&code.value)
        .is_some()
    {
        let c = &code.value;
        return Err(fail(
            Some(code.span),
            text!("`{c}` is a built-in rule's code", "`{c}` 是内置规则的代码"),
            Some(text!(
                "choose a code of your own, e.g. with your agency's letters",
                "请自拟代码，例如用代理商名称的字母开头"
            )),
        ));
    }
    if taken.contains(&code.value) {
        let c = &code.value;
        return Err(fail(
            Some(code.span),
            text!(
                "another pack rule already has the code `{c}`",
                "另一条规则包规则已使用代码 `{c}`"
            ),
            None,
        ));
    }
    let severity = match d.severity.get().map(|s| s.value) {
        Some(PackSeverity::Error) => Severity::Error,
        Some(PackSeverity::Warning) => Severity::Warning,
        Some(PackSeverity::Info) => Severity::Info,
        None => return Err(required("severity")),
    };
    let bilingual = |field: &Field<TextDoc>, what: &str| -> Result<Option<Text>, PackError> {
        let Some(t) = field.get() else {
            return Ok(None);
        };
        match (t.en.get(), t.zh.get()) {
            (Some(en), Some(zh)) => Ok(Some(Text::new(en.value.clone(), zh.value.clone()))),
            _ => Err(fail(
                Some(t.span),
                text!(
                    "`{what}` needs both `en` and `zh`",
                    "`{what}` 需要同时提供 `en` 和 `zh`"
                ),
                None,
            )),
        }
    };
    let title = bilingual(&d.title, "title")?.ok_or_else(|| required("title"))?;
    let help = bilingual(&d.help, "help")?;

    let given = d.given.get().ok_or_else(|| required("given"))?;
    let (document, pointer) = given
        .value
        .split_once('#')
        .unwrap_or((given.value.as_str(), ""));
    if !DOCUMENTS.contains(&document) {
        let hint =
            closest(document, DOCUMENTS).map(|d| text!("did you mean `{d}`?", "是否应为 `{d}`？"));
        return Err(fail(
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
        return Err(fail(
            Some(given.span),
            text!(
                "`given` names no field (e.g. `returns.yaml#/addresses/*/region`)",
                "`given` 没有指明字段（例如 `returns.yaml#/addresses/*/region`）"
            ),
            None,
        ));
    }
    check_path(document, &segments)
        .map_err(|(message, hint)| fail(Some(given.span), message, hint))?;

    let then = d.then.get().ok_or_else(|| required("then"))?;
    let t = &then.value;
    let regex = |f: &Field<String>| -> Result<Option<Regex>, PackError> {
        match f.get() {
            None => Ok(None),
            Some(p) => Regex::new(&p.value).map(Some).map_err(|e| {
                let v = &p.value;
                // The regex crate's reason is English; in Chinese the caret shows the place.
                let why = e.to_string().lines().last().unwrap_or("").trim().to_owned();
                fail(
                    Some(p.span),
                    text!(
                        "`{v}` is not a valid regular expression",
                        "`{v}` 不是有效的正则表达式"
                    ),
                    Some(text!("{why}", "请检查括号、方括号和转义字符是否成对、完整")),
                )
            }),
        }
    };
    let mut checks = Vec::new();
    if t.required.get().is_some_and(|r| r.value) {
        checks.push(Check::Required);
    }
    checks.extend(regex(&t.pattern)?.map(Check::Pattern));
    checks.extend(regex(&t.not_pattern)?.map(Check::NotPattern));
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
        return Err(fail(
            Some(then.span),
            text!("`then` names no function", "`then` 没有指明任何函数"),
            Some(text!("one or more of: {known}", "可选一个或多个：{known}")),
        ));
    }
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

/// Checks `path` against the JSON Schema of `document` (generated from the types that load it).
fn check_path(document: &str, path: &[Segment]) -> Result<(), (Text, Option<Text>)> {
    let name = document.trim_end_matches(".yaml");
    let Some(root) = crate::schema::schema_value(name) else {
        return Err((
            text!(
                "`{document}` has no schema",
                "`{document}` 没有 JSON Schema"
            ),
            None,
        ));
    };
    let definitions = root.get("definitions").cloned().unwrap_or_default();
    let resolve = |s: &serde_json::Value| -> Vec<serde_json::Value> {
        // `$ref`, `if`/`then`/`else` (submission.yaml of either programme), `anyOf`.
        let mut out = Vec::new();
        let mut todo = vec![s.clone()];
        while let Some(s) = todo.pop() {
            if let Some(r) = s.get("$ref").and_then(|r| r.as_str()) {
                if let Some(d) = r
                    .strip_prefix("#/definitions/")
                    .and_then(|n| definitions.get(n))
                {
                    todo.push(d.clone());
                }
            } else if s.get("if").is_some() {
                todo.extend(["then", "else"].iter().filter_map(|k| s.get(*k).cloned()));
            } else if let Some(any) = s.get("anyOf").and_then(|a| a.as_array()) {
                todo.extend(any.iter().cloned());
            } else {
                out.push(s);
            }
        }
        out
    };
    let mut current = resolve(&root);
    let mut walked = String::new();
    for segment in path {
        let mut next = Vec::new();
        for s in &current {
            match segment {
                Segment::Any => {
                    if let Some(items) = s.get("items") {
                        next.extend(resolve(items));
                    }
                    if let Some(values) = s.get("additionalProperties").filter(|v| v.is_object()) {
                        next.extend(resolve(values));
                    }
                }
                Segment::Key(k) => {
                    if let Some(p) = s.get("properties").and_then(|p| p.get(k)) {
                        next.extend(resolve(p));
                    }
                }
            }
        }
        if next.is_empty() {
            let label = match segment {
                Segment::Any => "*".to_owned(),
                Segment::Key(k) => k.clone(),
            };
            let known: Vec<String> = current
                .iter()
                .filter_map(|s| s.get("properties").and_then(|p| p.as_object()))
                .flat_map(|p| p.keys().cloned())
                .collect();
            let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
            let hint = match segment {
                Segment::Key(k) => closest(k, &known_refs)
                    .map(|c| text!("did you mean `{c}`?", "是否应为 `{c}`？")),
                Segment::Any => Some(text!(
                    "`*` goes where there is a list or a mapping of entries",
                    "`*` 只能用在列表或条目映射的位置"
                )),
            };
            return Err((
                text!(
                    "`{document}` has no field `{label}` at `/{walked}`",
                    "`{document}` 的 `/{walked}` 下没有字段 `{label}`"
                ),
                hint,
            ));
        }
        walked.push_str(&match segment {
            Segment::Any => "*/".to_owned(),
            Segment::Key(k) => format!("{k}/"),
        });
        current = next;
    }
    Ok(())
}

/// The catalogue entry of a pack rule, so that `rules`, `explain` and SARIF show it.
pub fn entry(rule: &PackRule) -> Entry {
    let pack = rule.source.display();
    let functions: Vec<Text> = rule.checks.iter().map(describe).collect();
    let given = &rule.given;
    let Text { en, zh } = crate::rules::join_texts(&functions, "; ", "；");
    Entry {
        code: rule.code.to_string(),
        severity: rule.severity,
        scope: crate::declaration::Scope::Pack,
        check: String::new(),
        dates: None,
        title: rule.title.clone(),
        checks: text!("`{given}`: {en}.", "`{given}`：{zh}。"),
        why: text!(
            "An agency rule, from {pack}.",
            "代理商自定义规则，来自 {pack}。"
        ),
        example: rule.text.clone(),
        how_to_fix: rule.help.clone().unwrap_or_else(|| rule.title.clone()),
        figure: None,
        fixable: false,
        retired: None,
    }
}

fn describe(c: &Check) -> Text {
    match c {
        Check::Required => text!("required", "必填"),
        Check::Pattern(r) => {
            let r = r.as_str();
            text!("matches `{r}`", "符合 `{r}`")
        }
        Check::NotPattern(r) => {
            let r = r.as_str();
            text!("does not match `{r}`", "不符合 `{r}`")
        }
        Check::OneOf(v) => {
            let (en, zh) = (v.join(", "), v.join("、"));
            text!("one of {en}", "为 {zh} 之一")
        }
        Check::Min(n) => text!("at least {n}", "不小于 {n}"),
        Check::Max(n) => text!("at most {n}", "不大于 {n}"),
        Check::MinLength(n) => text!("at least {n} long", "长度不少于 {n}"),
        Check::MaxLength(n) => text!("at most {n} long", "长度不超过 {n}"),
        Check::MinDaysAfterAsOf(n) => text!(
            "a date at least {n} days after the as-of date",
            "晚于基准日至少 {n} 天的日期"
        ),
        Check::MaxDaysBeforeAsOf(n) => text!(
            "a date at most {n} days before the as-of date",
            "早于基准日至多 {n} 天的日期"
        ),
    }
}

/// Runs the pack rules that `enabled` allows over one submission and returns their findings.
pub fn run(
    rules: &[Arc<PackRule>],
    sub: &Submission,
    markets: &MarketTable,
    as_of: Date,
    enabled: &dyn Fn(&str) -> bool,
) -> Vec<Finding> {
    let out = RefCell::new(Vec::new());
    for rule in rules.iter().filter(|r| enabled(&r.code)) {
        let ctx = Ctx::new(sub, markets, as_of, RuleCode::Pack(rule.code.clone()), &out);
        run_rule(rule, &ctx);
    }
    out.into_inner()
}

/// One pack rule over one submission.
fn run_rule(rule: &PackRule, ctx: &Ctx) {
    {
        let Some((file, root)) = ctx.sub.tree(&rule.document) else {
            return;
        };
        let text = ctx.sub.db.get(file).text.as_deref().unwrap_or("");
        // A value already reported as unreadable (SUB002) is not judged again.
        let unreadable: Vec<Span> = ctx
            .sub
            .findings
            .iter()
            .filter(|f| f.code == Code::SUB002)
            .filter_map(|f| match f.place {
                Place::Span(s) if s.file == file => Some(s),
                _ => None,
            })
            .collect();
        let (parents_path, last) = rule.path.split_at(rule.path.len() - 1);
        for check in &rule.checks {
            if let Check::Required = check {
                for parent in walk(root, parents_path) {
                    let present = match (&last[0], &parent.kind) {
                        (Segment::Key(k), Kind::Map(_)) => {
                            parent.get(k).is_some_and(|v| !matches!(v.kind, Kind::Null))
                        }
                        (Segment::Any, Kind::Seq(items)) => !items.is_empty(),
                        (Segment::Any, Kind::Map(entries)) => !entries.is_empty(),
                        _ => continue,
                    };
                    if !present {
                        let what = match &last[0] {
                            Segment::Key(k) => k.clone(),
                            Segment::Any => "an entry".to_owned(),
                        };
                        report(
                            ctx,
                            rule,
                            Span::new(file, parent.span.clone()),
                            text!("`{what}` is missing here", "此处缺少 `{what}`"),
                        );
                    }
                }
                continue;
            }
            for node in walk(root, &rule.path) {
                if matches!(node.kind, Kind::Null)
                    || unreadable.contains(&Span::new(file, node.span.clone()))
                {
                    continue;
                }
                if let Some(message) = judge(check, node, text, ctx.as_of) {
                    report(ctx, rule, Span::new(file, node.span.clone()), message);
                }
            }
        }
    }
}

fn report(ctx: &Ctx, rule: &PackRule, span: Span, message: Text) {
    let reported = ctx.report(span, message);
    if let Some(help) = &rule.help {
        reported.help(help.clone());
    }
}

/// Every node at `path` below `node`.
fn walk<'a>(node: &'a Node, path: &[Segment]) -> Vec<&'a Node> {
    let Some((first, rest)) = path.split_first() else {
        return vec![node];
    };
    let children: Vec<&Node> = match (first, &node.kind) {
        (Segment::Key(k), Kind::Map(_)) => node.get(k).into_iter().collect(),
        (Segment::Any, Kind::Seq(items)) => items.iter().collect(),
        (Segment::Any, Kind::Map(entries)) => entries.iter().map(|(_, v)| v).collect(),
        _ => Vec::new(),
    };
    children.into_iter().flat_map(|c| walk(c, rest)).collect()
}

/// The text of a scalar as written.
fn scalar(node: &Node, text: &str) -> Option<String> {
    match &node.kind {
        Kind::Str(s) => Some(s.clone()),
        Kind::Int(_) | Kind::Float(_) | Kind::Bool(_) => {
            text.get(node.defined.clone()).map(|s| s.trim().to_owned())
        }
        _ => None,
    }
}

/// What is wrong with `node` under `check`, if anything.
fn judge(check: &Check, node: &Node, text: &str, as_of: Date) -> Option<Text> {
    let value = scalar(node, text);
    let shown = value.clone().unwrap_or_default();
    let number = || match &node.kind {
        Kind::Int(i) => Some(*i as f64),
        Kind::Float(f) => Some(*f),
        Kind::Str(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    let not_number = || text!("`{shown}` is not a number", "`{shown}` 不是数字");
    let date = || value.as_deref().and_then(|v| Date::parse(v, false));
    let not_date = || {
        text!(
            "`{shown}` is not a date written YYYY-MM-DD",
            "`{shown}` 不是 YYYY-MM-DD 格式的日期"
        )
    };
    match check {
        Check::Required => None,
        Check::Pattern(r) => {
            let v = value?;
            let p = r.as_str();
            (!r.is_match(&v)).then(|| text!("`{v}` does not match `{p}`", "`{v}` 不符合 `{p}`"))
        }
        Check::NotPattern(r) => {
            let v = value?;
            let p = r.as_str();
            r.is_match(&v).then(|| {
                text!(
                    "`{v}` matches `{p}`, which is not allowed",
                    "`{v}` 符合不允许的 `{p}`"
                )
            })
        }
        Check::OneOf(list) => {
            let v = value?;
            let choices = list
                .iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ");
            (!list.contains(&v))
                .then(|| text!("`{v}` is not one of {choices}", "`{v}` 不在 {choices} 之中"))
        }
        Check::Min(min) => match number() {
            None => Some(not_number()),
            Some(n) => (n < *min).then(|| {
                text!(
                    "{shown} is below the minimum {min}",
                    "{shown} 低于最小值 {min}"
                )
            }),
        },
        Check::Max(max) => match number() {
            None => Some(not_number()),
            Some(n) => (n > *max).then(|| {
                text!(
                    "{shown} is above the maximum {max}",
                    "{shown} 高于最大值 {max}"
                )
            }),
        },
        Check::MinLength(min) | Check::MaxLength(min) => {
            let len = match &node.kind {
                Kind::Seq(items) => items.len() as u64,
                Kind::Map(entries) => entries.len() as u64,
                _ => value?.chars().count() as u64,
            };
            match check {
                Check::MinLength(_) if len < *min => Some(text!(
                    "the length is {len}; at least {min} is required",
                    "长度为 {len}，至少应为 {min}"
                )),
                Check::MaxLength(_) if len > *min => Some(text!(
                    "the length is {len}; at most {min} is allowed",
                    "长度为 {len}，最多为 {min}"
                )),
                _ => None,
            }
        }
        Check::MinDaysAfterAsOf(days) => match date() {
            None => Some(not_date()),
            Some(d) => {
                let after = as_of.days_until(d);
                (after < *days).then(|| text!(
                    "{d} is {after} days after the as-of date {as_of}; at least {days} are required",
                    "{d} 距基准日 {as_of} 仅 {after} 天，至少应为 {days} 天"
                ))
            }
        },
        Check::MaxDaysBeforeAsOf(days) => match date() {
            None => Some(not_date()),
            Some(d) => {
                let before = d.days_until(as_of);
                (before > *days).then(|| text!(
                    "{d} is {before} days before the as-of date {as_of}; at most {days} are allowed",
                    "{d} 早于基准日 {as_of} {before} 天，最多允许 {days} 天"
                ))
            }
        },
    }
}
