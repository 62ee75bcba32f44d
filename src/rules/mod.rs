//! The checklist. One module per family; one function per rule, named after what it checks.
//! Rules read the typed documents and push findings; they never print or decide the exit status.

pub mod chl;
pub mod cmp;
pub mod cus;
pub mod durations;
pub mod ful;
pub mod fullwidth;
pub mod lic;
pub mod registry;
pub mod ret;
pub mod sla;
pub mod sto;
pub mod sub;

use crate::code::RuleCode;
use crate::finding::{Finding, Flood, Place, Text};
use crate::load::typed::{Field, Likeness, List, Sp, closest_by};
use crate::load::{Doc, Submission};
use crate::markets::{Market, MarketTable};
use crate::model::{Date, Program};
use crate::source::Span;
use std::cell::RefCell;

/// What a rule sees, and where it reports: a context made for one rule, so that it knows the
/// rule's code. Floods are capped as findings are reported (SPEC §7, [`Flood`]): past the first
/// hundred of the rule in a file, findings are counted, not kept, and when the context is
/// dropped one summary per file that left findings out is recorded.
pub struct Ctx<'a> {
    pub sub: &'a Submission,
    pub markets: &'a MarketTable,
    /// The date every date rule is evaluated against.
    pub as_of: Date,
    code: RuleCode,
    out: &'a RefCell<Vec<Finding>>,
    /// Made at the first finding: most rules report none.
    flood: RefCell<Option<Flood>>,
}

impl<'a> Ctx<'a> {
    /// The context of the rule `code`, reporting into `out`.
    pub fn new(
        sub: &'a Submission,
        markets: &'a MarketTable,
        as_of: Date,
        code: impl Into<RuleCode>,
        out: &'a RefCell<Vec<Finding>>,
    ) -> Ctx<'a> {
        Ctx {
            sub,
            markets,
            as_of,
            code: code.into(),
            out,
            flood: RefCell::new(None),
        }
    }

    /// Reports a finding of this context's rule at `place`; it is recorded when the returned
    /// value goes out of scope, after any `.help(…)`, `.label(…)` or `.fix(…)`.
    pub fn report(&self, place: impl Into<Place>, message: Text) -> Reported<'_> {
        Reported {
            finding: Some(Finding::new(self.code.clone(), place, message)),
            ctx: self,
        }
    }

    /// Records a reported finding, unless its rule has flooded its file.
    fn record(&self, f: Finding) {
        let covered = || self.sub.suppressions.reason(&self.sub.db, &f);
        let admitted = self
            .flood
            .borrow_mut()
            .get_or_insert_with(Flood::default)
            .admit(&f, covered);
        if admitted {
            self.out.borrow_mut().push(f);
        }
    }

    /// A value the rule needs (SPEC §1): the value when it is given; when it is not, `message`
    /// with `help` reported where `needed` says and `None`, as for a value that could not be read.
    /// Either text may be given as a closure ([`Deferred`]), written only when it is reported.
    pub fn needs<'v, T>(
        &self,
        needed: Needed<'v, T>,
        message: impl Deferred,
        help: impl Deferred,
    ) -> Option<&'v Sp<T>> {
        match needed {
            Needed::Present(value) => Some(value),
            Needed::Missing(place) => {
                self.report(place, message.text()).help(help.text());
                None
            }
            Needed::Skip => None,
        }
    }

    /// A value held against a limit: absent, it is reported as [`Ctx::needs`] reports it, with
    /// `missing` (message, help); present and not `within` the limit, `beyond` gives the message
    /// and help reported at the value.
    pub fn limit<T>(
        &self,
        needed: Needed<'_, T>,
        missing: (impl Deferred, impl Deferred),
        within: impl FnOnce(&T) -> bool,
        beyond: impl FnOnce(&Sp<T>) -> (Text, Text),
    ) {
        let Some(value) = self.needs(needed, missing.0, missing.1) else {
            return;
        };
        if within(&value.value) {
            return;
        }
        let (message, help) = beyond(value);
        self.report(value.span, message).help(help);
    }

    /// The programme the submission applies to, as the market table names it.
    pub fn programme(&self) -> &'static str {
        self.sub.program.as_str()
    }

    /// The target markets that the submission's programme serves, each once (at its first
    /// mention), with their market-table entries. A market the programme does not serve is
    /// STO004's finding, so the other rules pass over it.
    pub fn target_markets(&self) -> Vec<(&'a Sp<String>, &'a Market)> {
        let mut targets: Vec<(&Sp<String>, &Market)> = Vec::new();
        for target in self.sub.markets() {
            let Some(market) = self.markets.served(target.value.trim(), self.programme()) else {
                continue;
            };
            if targets.iter().all(|(_, m)| m.code != market.code) {
                targets.push((target, market));
            }
        }
        targets
    }

    /// The source text under a span.
    pub fn text(&self, span: Span) -> &'a str {
        self.sub.db.get(span.file).slice(span)
    }
}

impl Drop for Ctx<'_> {
    /// Records the summary of each flood of the rule.
    fn drop(&mut self) {
        let Some(flood) = self.flood.take() else {
            return;
        };
        let db = &self.sub.db;
        let summaries = flood.summaries(&|file| db.get(file).rel_path.clone());
        self.out.borrow_mut().extend(summaries);
    }
}

/// A text of a finding that may be written only when the finding is reported: a [`Text`], or a
/// closure that writes it (`|| text!(…)`), for a value that is usually given.
pub trait Deferred {
    fn text(self) -> Text;
}

impl Deferred for Text {
    fn text(self) -> Text {
        self
    }
}

impl<F: FnOnce() -> Text> Deferred for F {
    fn text(self) -> Text {
        self()
    }
}

/// A finding being reported; recorded when dropped.
pub struct Reported<'c> {
    finding: Option<Finding>,
    ctx: &'c Ctx<'c>,
}

impl Reported<'_> {
    fn with(mut self, change: impl FnOnce(&mut Finding)) -> Self {
        if let Some(f) = self.finding.as_mut() {
            change(f);
        }
        self
    }

    /// A label elsewhere, usually in another document.
    pub fn label(self, place: impl Into<Place>, message: Text) -> Self {
        let place = place.into();
        self.with(|f| f.labels.push(crate::finding::Label { place, message }))
    }

    /// A label at each of `labels` (none for an empty iterator or `None`).
    pub fn labels<P: Into<Place>>(self, labels: impl IntoIterator<Item = (P, Text)>) -> Self {
        labels.into_iter().fold(self, |reported, (place, message)| {
            reported.label(place, message)
        })
    }

    pub fn help(self, help: Text) -> Self {
        self.with(|f| f.help = Some(help))
    }

    /// A safe edit: the primary span replaced with `replacement`.
    pub fn fix(self, description: Text, replacement: impl Into<String>) -> Self {
        self.with(|f| {
            f.fix = Some(crate::finding::Fix {
                description,
                replacement: replacement.into(),
                at: None,
            })
        })
    }

    /// A safe edit elsewhere than the primary span: `at` (a secondary label's place) replaced
    /// with `replacement`.
    pub fn fix_at(self, at: Span, description: Text, replacement: impl Into<String>) -> Self {
        self.with(|f| {
            f.fix = Some(crate::finding::Fix {
                description,
                replacement: replacement.into(),
                at: Some(at),
            })
        })
    }
}

impl Drop for Reported<'_> {
    fn drop(&mut self) {
        if let Some(f) = self.finding.take() {
            self.ctx.record(f);
        }
    }
}

/// Runs the registry's rules that apply to the submission's programme and that `enabled`
/// allows (rules turned off or not selected do not run), and returns their findings.
pub fn run(
    sub: &Submission,
    markets: &MarketTable,
    as_of: Date,
    enabled: &dyn Fn(&str) -> bool,
) -> Vec<Finding> {
    let out = RefCell::new(Vec::new());
    for rule in registry::RULES {
        let registry::Check::Run(check) = rule.check else {
            continue;
        };
        if rule.scope.runs_for(sub.program) && enabled(rule.code.as_str()) {
            check(&Ctx::new(sub, markets, as_of, rule.code, &out));
        }
    }
    out.into_inner()
}

/// Whether a built-in rule runs for a submission of `program`.
pub fn runs_for(code: crate::code::Code, program: Program) -> bool {
    registry::rule_of(code).scope.runs_for(program)
}

/// What a rule finds of a field it needs (SPEC §1: a missing field is reported by the rule that
/// needs it).
pub enum Needed<'a, T> {
    Present(&'a Sp<T>),
    /// Not given: reported here, at the key that holds the field or, without one, the document.
    Missing(Place),
    /// No document to read, or a value that could not be read (SUB002 says so).
    Skip,
}

/// `field` as a rule needs it; `missing_at` is where to report it when it is not given.
pub fn needed<'a, T>(field: &'a Field<T>, missing_at: impl FnOnce() -> Place) -> Needed<'a, T> {
    match field {
        Field::Present(value) => Needed::Present(value),
        Field::Invalid(_) => Needed::Skip,
        Field::Absent => Needed::Missing(missing_at()),
    }
}

/// The span of a top-level key of a document, or the whole document when the key is not there.
pub fn key_place<T>(doc: &Doc<T>, key: &str) -> Place {
    doc.root
        .entry(key)
        .map_or(Place::File(doc.file), |(key, _)| {
            Place::Span(Span::new(doc.file, key.span.clone()))
        })
}

/// A top-level field of a document, reported at the document when it is not given.
pub fn document_field<'a, D, T>(
    doc: Option<&'a Doc<D>>,
    field: fn(&'a D) -> &'a Field<T>,
) -> Needed<'a, T> {
    match doc {
        None => Needed::Skip,
        Some(doc) => needed(field(&doc.data), || Place::File(doc.file)),
    }
}

/// A field of a top-level section (`applicant`), reported at the section's key when it is not
/// given, or at the document when the whole section is missing (each rule then once, there).
pub fn section_field<'a, D, S: 'a, T>(
    doc: Option<&'a Doc<D>>,
    key: &str,
    section: impl Fn(&'a D) -> &'a Field<S>,
    field: impl Fn(&'a S) -> &'a Field<T>,
) -> Needed<'a, T> {
    let Some(doc) = doc else {
        return Needed::Skip;
    };
    let missing_at = || key_place(doc, key);
    match section(&doc.data) {
        Field::Invalid(_) => Needed::Skip,
        Field::Present(s) => needed(field(&s.value), missing_at),
        Field::Absent => Needed::Missing(missing_at()),
    }
}

/// The `applicant` section of `submission.yaml`, whichever programme's document it is.
pub trait HasApplicant {
    type Applicant;
    fn applicant(&self) -> &Field<Self::Applicant>;
}

impl HasApplicant for crate::model::SubmissionDoc {
    type Applicant = crate::model::Applicant;
    fn applicant(&self) -> &Field<Self::Applicant> {
        &self.applicant
    }
}

impl HasApplicant for crate::model::ChallengeSubmissionDoc {
    type Applicant = crate::model::ChallengeApplicant;
    fn applicant(&self) -> &Field<Self::Applicant> {
        &self.applicant
    }
}

/// The applicant field `field` picks, or where to report that it is not given.
pub fn applicant_field<'a, D: HasApplicant, T>(
    doc: Option<&'a Doc<D>>,
    field: impl Fn(&'a D::Applicant) -> &'a Field<T>,
) -> Needed<'a, T> {
    section_field(doc, "applicant", D::applicant, field)
}

/// The entries of a list when every one of them could be read: `None` for a list of the wrong
/// type or with an entry left out (SUB002), which may hold what a rule looks for; no entries
/// when the list is absent.
pub fn complete_list<T>(field: &Field<List<T>>) -> Option<&[Sp<T>]> {
    match field {
        Field::Invalid(_) => None,
        Field::Present(l) if !l.value.is_complete() => None,
        field => Some(crate::load::list(field)),
    }
}

/// The English texts joined with `en`, the Chinese ones with `zh`.
pub fn join_texts(texts: &[Text], en: &str, zh: &str) -> Text {
    let side = |pick: fn(&Text) -> &str, sep| texts.iter().map(pick).collect::<Vec<_>>().join(sep);
    Text::new(side(|t| t.en.as_str(), en), side(|t| t.zh.as_str(), zh))
}

pub use crate::finding::group_thousands;

/// How a written duration stands against the longest one allowed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Duration {
    /// Exactly the limit meets it.
    Within,
    /// Not a number and a unit ("ASAP", "尽快").
    Unmeasurable,
    /// Longer than allowed: the seconds it says.
    Over(f64),
}

/// `written` (see [`crate::model::parse_duration`]) against at most `max_secs` seconds.
pub fn duration_within(written: &str, max_secs: f64) -> Duration {
    match crate::model::parse_duration(written) {
        None => Duration::Unmeasurable,
        Some(secs) if secs > max_secs => Duration::Over(secs),
        Some(_) => Duration::Within,
    }
}

/// Entity names compared the programme's way: NFKC (full-width brackets = half-width), white
/// space removed, Latin letters case-folded. Nothing else is forgiven.
pub fn entity_key(name: &str) -> String {
    entity_key_chars(name).collect()
}

/// Whether two entity names have the same [`entity_key`], compared character by character
/// without building either key (CUS003 and CUS007 ask it of every declaration).
pub fn same_entity(a: &str, b: &str) -> bool {
    a == b || entity_key_chars(a).eq(entity_key_chars(b))
}

/// The characters of [`entity_key`]. A name that is NFKC already (most are: the quick check
/// answers from a table) is read as written, without the normaliser's buffers.
fn entity_key_chars(name: &str) -> impl Iterator<Item = char> + '_ {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
    let chars = if is_nfkc_quick(name.chars()) == IsNormalized::Yes {
        EitherChars::Written(name.chars())
    } else {
        EitherChars::Normalized(name.nfkc())
    };
    chars
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
}

/// A name's characters as written or NFKC-normalised.
enum EitherChars<'a> {
    Written(std::str::Chars<'a>),
    Normalized(unicode_normalization::Recompositions<std::str::Chars<'a>>),
}

impl Iterator for EitherChars<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self {
            EitherChars::Written(c) => c.next(),
            EitherChars::Normalized(c) => c.next(),
        }
    }
}

/// For the rule modules' unit tests: the clean submission with some files replaced, and one
/// module's rules run over it.
#[cfg(test)]
pub(crate) mod testing {
    use crate::finding::{Finding, Place};
    use crate::load::Submission;
    use crate::markets::MarketTable;

    /// A date of a test, `YYYY-MM-DD`.
    pub fn date(s: &str) -> crate::model::Date {
        crate::model::Date::parse(s, false).expect("a test date")
    }

    /// A value of a test, at an empty span.
    pub fn sp<T>(value: T) -> crate::load::typed::Sp<T> {
        crate::load::typed::Sp {
            value,
            span: crate::source::Span::new(crate::source::FileId(0), 0..0),
        }
    }

    /// A loaded submission and the temporary folder it lives in.
    pub struct Fixture {
        _dir: tempfile::TempDir,
        pub sub: Submission,
    }

    /// `fixtures/clean` with `files` (name, text) written over it, loaded.
    pub fn clean_with(files: &[(&str, &str)]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let clean = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
        for entry in std::fs::read_dir(&clean).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_file() {
                std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
            }
        }
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let sub = crate::load::load(dir.path());
        Fixture { _dir: dir, sub }
    }

    /// The rules whose codes start with one of `prefixes` (such as `["CUS"]`) run over `sub`
    /// against `markets`, as of 2026-11-20 (the clean fixture's date).
    pub fn run(sub: &Submission, markets: &MarketTable, prefixes: &[&str]) -> Vec<Finding> {
        run_at(
            sub,
            markets,
            crate::model::Date::parse("2026-11-20", false).unwrap(),
            prefixes,
        )
    }

    /// The rules whose codes start with one of `prefixes` run over `sub` against `markets`, as
    /// of `as_of`.
    pub fn run_at(
        sub: &Submission,
        markets: &MarketTable,
        as_of: crate::model::Date,
        prefixes: &[&str],
    ) -> Vec<Finding> {
        super::run(sub, markets, as_of, &|code| {
            prefixes.iter().any(|p| code.starts_with(p))
        })
    }

    /// A document read from `text` into `sub`'s source database as `name`; `None` when the text
    /// does not read as a `T`. Problems (SUB002/SUB003) are left to the loader's own tests.
    pub fn doc<T: for<'de> serde::Deserialize<'de>>(
        sub: &mut Submission,
        name: &str,
        text: &str,
    ) -> Option<crate::load::Doc<T>> {
        read(sub, name, text, false)
    }

    /// Like [`doc`], for test text that must read without any problem.
    pub fn valid_doc<T: for<'de> serde::Deserialize<'de>>(
        sub: &mut Submission,
        name: &str,
        text: &str,
    ) -> crate::load::Doc<T> {
        read(sub, name, text, true).expect("test YAML reads")
    }

    fn read<T: for<'de> serde::Deserialize<'de>>(
        sub: &mut Submission,
        name: &str,
        text: &str,
        strict: bool,
    ) -> Option<crate::load::Doc<T>> {
        let file = sub.db.add(name, Some(text.to_owned()));
        let root = crate::load::yaml::parse(text).expect("test YAML parses");
        let (data, problems) = crate::load::typed::read(file, text, &root);
        assert!(!strict || problems.is_empty(), "{problems:?}");
        Some(crate::load::Doc {
            file,
            root,
            data: data?,
        })
    }

    /// Like [`places`], with an empty text for a whole-document finding.
    pub fn span_texts(sub: &Submission, findings: &[Finding]) -> Vec<(&'static str, String)> {
        places(sub, findings)
            .into_iter()
            .zip(findings)
            .map(|((code, at), f)| match f.place {
                Place::Span(_) => (code, at),
                Place::File(_) => (code, String::new()),
            })
            .collect()
    }
    fn code_str(code: &crate::code::RuleCode) -> &'static str {
        match code {
            crate::code::RuleCode::Builtin(c) => c.as_str(),
            crate::code::RuleCode::Pack(_) => "pack",
        }
    }

    /// Each finding's code and the text at its place (the file name for a whole document).
    pub fn places(sub: &Submission, findings: &[Finding]) -> Vec<(&'static str, String)> {
        findings
            .iter()
            .map(|f| {
                let at = match f.place {
                    Place::Span(s) => sub.db.get(s.file).slice(s).to_owned(),
                    Place::File(id) => sub.db.get(id).rel_path.clone(),
                };
                (code_str(&f.code), at)
            })
            .collect()
    }
}

/// The market a written value that is not a market code means, and whether that is certain:
/// an alias or name of the table ([`MarketTable::meant`]: `KSA`, `BRA`, `Saudi Arabia`, `巴西`)
/// is, and may be fixed; a near-miss of a name (`Brazl`, by [`closest_by`]) is only a guess.
pub fn market_meant<'a>(table: &'a MarketTable, written: &str) -> Option<(&'a Market, bool)> {
    if let Some(market) = table.meant(written) {
        return Some((market, true));
    }
    let written = written.trim().to_lowercase();
    if written.chars().count() < 4 || table.get(written.as_str()).is_some() {
        return None;
    }
    // Names only: two-letter codes are too short to tell a typo from another market.
    let names: Vec<(String, &Market)> = table
        .spellings()
        .filter(|(s, _)| s.chars().count() >= 4)
        .map(|(s, m)| (s.to_lowercase(), m))
        .collect();
    let near = closest_by(
        &written,
        names.iter().map(|(s, _)| s.as_str()),
        Likeness::Name,
    )?;
    names
        .iter()
        .find(|(s, _)| s == near)
        .map(|(_, m)| (*m, false))
}

/// Among the market values of a document's entries, the one written another way for the market
/// `code` (`market: KSA` where `SA` is a target market), if any.
pub fn entry_meant_for<'a>(
    table: &MarketTable,
    code: &str,
    mut markets: impl Iterator<Item = &'a Sp<String>>,
) -> Option<&'a Sp<String>> {
    markets.find(|m| {
        table.get(m.value.trim()).is_none()
            && market_meant(table, &m.value).is_some_and(|(meant, _)| meant.code == code)
    })
}

/// The help for a finding about the market `code` when one of `lists` has it written another
/// way (`markets: [ESP]` for `ES`, `[Brazil]` for `BR`): the value, and the code to write.
pub fn written_another_way<'a>(
    table: &MarketTable,
    code: &str,
    lists: impl IntoIterator<Item = &'a List<String>>,
) -> Option<Text> {
    let written = lists
        .into_iter()
        .find_map(|list| entry_meant_for(table, code, list.iter()))?;
    let market = table.get(code)?;
    let (written, en, zh) = (written.value.trim(), &market.name.en, &market.name.zh);
    Some(text!(
        "`{written}` in `markets` is not a market code: write `{code}` ({en}); markets are written as two-letter ISO codes",
        "`markets` 中的 `{written}` 不是市场代码：请写作 `{code}`（{zh}）；市场须写作两位 ISO 代码"
    ))
}

/// The help for a market written `written` that is not a market code, and the safe fix (the
/// code, quoted as `original` was) when the market meant is certain.
pub fn market_hint(
    table: &MarketTable,
    written: &str,
    original: &str,
) -> Option<(Text, Option<String>)> {
    let (market, certain) = market_meant(table, written)?;
    let (code, en, zh) = (&market.code, &market.name.en, &market.name.zh);
    let help = text!(
        "did you mean `{code}` ({en})? markets are written as two-letter ISO codes",
        "是否应为 `{code}`（{zh}）？市场须写作两位 ISO 代码"
    );
    let fix = certain.then(|| match original.chars().next() {
        Some(q @ ('"' | '\'')) => format!("{q}{code}{q}"),
        _ => code.clone(),
    });
    Some((help, fix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_the_limit_is_within_it() {
        assert_eq!(duration_within("2m", 120.0), Duration::Within);
        assert_eq!(duration_within("121s", 120.0), Duration::Over(121.0));
        assert_eq!(duration_within("ASAP", 120.0), Duration::Unmeasurable);
        assert_eq!(duration_within("120", 120.0), Duration::Unmeasurable);
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        for (written, grouped) in [
            ("999", "999"),
            ("1000", "1,000"),
            ("180000", "180,000"),
            ("1234567.5", "1,234,567.5"),
            ("-2500", "-2,500"),
            ("-999.25", "-999.25"),
        ] {
            assert_eq!(group_thousands(written), grouped);
        }
    }

    #[test]
    fn entity_names_forgive_width_space_and_case_only() {
        assert_eq!(
            entity_key("深圳市华彩（科技）有限公司"),
            entity_key("深圳市华彩(科技)有限公司")
        );
        assert_eq!(
            entity_key("Huacai Tech Co., Ltd"),
            entity_key("HUACAI TECH CO.,LTD")
        );
        assert_ne!(
            entity_key("深圳华彩科技有限公司"),
            entity_key("深圳市华彩科技有限公司")
        );
    }

    #[test]
    fn a_deferred_text_is_written_only_when_reported_and_as_a_text_would_be() {
        let fixture = testing::clean_with(&[]);
        let out = RefCell::new(Vec::new());
        let as_of = testing::date("2026-11-20");
        let markets = crate::markets::builtin();
        let ctx = Ctx::new(
            &fixture.sub,
            markets,
            as_of,
            crate::code::Code::STO001,
            &out,
        );
        let written = std::cell::Cell::new(0);
        let message = || {
            written.set(written.get() + 1);
            text!("no value", "没有值")
        };
        let help = || text!("add it", "请填写");
        let given = testing::sp(3);
        assert!(ctx.needs(Needed::Present(&given), message, help).is_some());
        assert_eq!(written.get(), 0);
        let place = Place::File(crate::source::FileId(0));
        assert!(ctx.needs(Needed::<u8>::Skip, message, help).is_none());
        assert!(
            ctx.needs(Needed::<u8>::Missing(place), message, help)
                .is_none()
        );
        assert_eq!(written.get(), 1);
        let texts = (text!("no value", "没有值"), text!("add it", "请填写"));
        assert!(
            ctx.needs(Needed::<u8>::Missing(place), texts.0, texts.1)
                .is_none()
        );
        ctx.limit(
            Needed::Present(&given),
            (message, help),
            |v| *v > 2,
            |_| unreachable!("within the limit"),
        );
        assert_eq!(written.get(), 1);
        drop(ctx);
        let out = out.into_inner();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0], out[1]);
        assert_eq!(out[0].message, text!("no value", "没有值"));
        assert_eq!(out[0].help, Some(text!("add it", "请填写")));
    }

    /// The key as it was first written: NFKC of every name, white space removed, lowercased.
    fn entity_key_by_nfkc(name: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        name.nfkc()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    }

    #[test]
    fn entity_keys_and_their_comparison_agree_with_nfkc_of_every_name() {
        let names = [
            "",
            " ",
            "深圳市华彩科技有限公司",
            "深圳市华彩（科技）有限公司",
            "深圳市华彩(科技)有限公司",
            "深圳市华彩 科技有限公司",
            "深圳市华彩\u{3000}科技有限公司",
            "深圳华彩科技有限公司",
            "Huacai Tech Co., Ltd",
            "HUACAI TECH CO.,LTD",
            "ＨＵＡＣＡＩ　ＴＥＣＨ",
            "huacai tech",
            "Trаding",
            "Trading",
            "ﬁne Café",
            "fine Cafe\u{301}",
            "FINE CAFÉ",
            "Ⅻ ﬀ ㎏ ½ ²",
            "xii ff kg 1⁄2 2",
            "İstanbul",
            "i\u{307}stanbul",
            "ΣΑΣ",
            "σασ",
            "한국\u{1100}\u{1161}",
            "\u{1100}\u{1161}",
            "가",
            "A\u{200b}B",
            "AB",
            "\u{feff}x",
        ];
        for a in names {
            assert_eq!(entity_key(a), entity_key_by_nfkc(a), "{a:?}");
            for b in names {
                let same = entity_key_by_nfkc(a) == entity_key_by_nfkc(b);
                assert_eq!(same_entity(a, b), same, "{a:?} / {b:?}");
            }
        }
        // Names drawn from characters that normalise, combine, fold or vanish.
        let pool: Vec<char> = "aAİıσΣςé\u{301}\u{307}\u{1100}\u{1161}\u{11a8}가（）() \u{3000}\t\u{a0}ＡＢｆﬁ½²㎏Ⅻ深圳华彩市".chars().collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut drawn: Vec<String> = Vec::new();
        for _ in 0..400 {
            let len = next(6);
            drawn.push((0..len).map(|_| pool[next(pool.len())]).collect());
        }
        for (i, a) in drawn.iter().enumerate() {
            assert_eq!(entity_key(a), entity_key_by_nfkc(a), "{a:?}");
            for b in &drawn[i.saturating_sub(8)..=i] {
                let same = entity_key_by_nfkc(a) == entity_key_by_nfkc(b);
                assert_eq!(same_entity(a, b), same, "{a:?} / {b:?}");
            }
        }
    }
}
