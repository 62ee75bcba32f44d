//! Compliance rules CMP001–CMP005 (`compliance.yaml`): product certificates and EU EPR.
//!
//! `compliance.yaml` is optional. When it is absent the rules read it as an empty document (no
//! certificates, no EPR registrations); when it is present but unreadable (SUB002) they are
//! skipped, because that finding already names the root cause.

use super::{Ctx, applicant_field, complete_list, needed};
use crate::finding::Place;
use crate::load::Submission;
use crate::load::typed::{Field, List, Sp};
use crate::load::{Doc, list};
use crate::model::{Certificate, ComplianceDoc, Date, Epr};
use crate::source::{FileId, Span};

/// The category whose certificates the market table lists.
const CERTIFIED_CATEGORY: &str = "consumer-electronics";
/// The optional quality-management certificate.
const QUALITY_CERTIFICATE: &str = "ISO9001";
/// A certificate with fewer days than this left after the as-of date (0 to 29) is about to
/// lapse (CMP003): exactly 30 days left is not fewer than 30.
const EXPIRY_WARNING_DAYS: i64 = 30;

/// What the loader made of `compliance.yaml`.
enum Compliance<'a> {
    /// The file does not exist; read as an empty document. Its id, when registered.
    Absent(Option<FileId>),
    /// The file exists but could not be read (already reported as SUB002).
    Unreadable,
    Present(&'a Doc<ComplianceDoc>),
}

fn compliance_state(sub: &Submission) -> Compliance<'_> {
    if let Some(doc) = &sub.compliance {
        return Compliance::Present(doc);
    }
    let Some(file) = sub.db.find("compliance.yaml") else {
        return Compliance::Absent(None);
    };
    let read = sub.db.get(file).text.is_some();
    let reported = sub.findings.iter().any(|f| f.place.file() == file);
    if read || reported {
        Compliance::Unreadable
    } else {
        Compliance::Absent(Some(file))
    }
}

impl<'a> Compliance<'a> {
    /// The certificates that could be read, or `None` when the document or the list cannot be
    /// read.
    fn certificates(&self) -> Option<&'a [Sp<Certificate>]> {
        match self {
            Compliance::Absent(_) => Some(&[]),
            Compliance::Unreadable => None,
            Compliance::Present(doc) => match &doc.data.certificates {
                Field::Invalid(_) => None,
                field => Some(list(field)),
            },
        }
    }

    /// Every certificate, or `None` when the document, the list or an entry of it cannot be
    /// read (SUB002): whether some certificate covers a market cannot be answered then.
    fn all_certificates(&self) -> Option<&'a [Sp<Certificate>]> {
        match self {
            Compliance::Present(doc) => complete_list(&doc.data.certificates),
            _ => self.certificates(),
        }
    }

    /// Every EPR registration, or `None` when the document, the list or an entry of it cannot
    /// be read.
    fn epr(&self) -> Option<&'a [Sp<Epr>]> {
        match self {
            Compliance::Absent(_) => Some(&[]),
            Compliance::Unreadable => None,
            Compliance::Present(doc) => complete_list(&doc.data.epr),
        }
    }

    /// The file a document-level finding points at.
    fn file(&self) -> Option<FileId> {
        match self {
            Compliance::Absent(file) => *file,
            Compliance::Unreadable => None,
            Compliance::Present(doc) => Some(doc.file),
        }
    }
}

/// The target markets of `submission.yaml`, each code once (its first mention).
fn target_markets<'a>(ctx: &Ctx<'a>) -> Vec<&'a Sp<String>> {
    let mut seen: Vec<&str> = Vec::new();
    let mut markets = Vec::new();
    for market in ctx.sub.markets() {
        let code = market.value.trim();
        if !seen.contains(&code) {
            seen.push(code);
            markets.push(market);
        }
    }
    markets
}

/// Whether `consumer-electronics` is one of the applicant's categories; `categories` is needed
/// to tell, and reported when it is not given.
fn sells_certified_category(ctx: &Ctx) -> bool {
    ctx.needs(
        applicant_field(ctx.sub.submission.as_ref(), |a| &a.categories),
        || text!(
            "no `categories` is given, so whether consumer-electronics certificates are required cannot be told",
            "未填写 `categories`（经营类目），无法判断是否需要消费电子类证书"
        ),
        || text!(
            "list the store's categories under `applicant`, e.g. `categories: [{CERTIFIED_CATEGORY}, home-garden]`",
            "请在 `applicant` 下列出店铺经营类目，例如 `categories: [{CERTIFIED_CATEGORY}, home-garden]`"
        ),
    )
    .is_some_and(|cats| {
        cats.value
            .iter()
            .any(|c| c.value.trim() == CERTIFIED_CATEGORY)
    })
}

/// Whether a certificate's `markets` includes a market.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Coverage {
    Covers,
    /// `markets` is written and does not list the market.
    Elsewhere,
    /// `markets` could not be read (SUB002).
    Unknown,
}

fn coverage(cert: &Certificate, market: &str) -> Coverage {
    match &cert.markets {
        // Default: every target market the type applies to.
        Field::Absent => Coverage::Covers,
        Field::Invalid(_) => Coverage::Unknown,
        Field::Present(markets) if markets.value.iter().any(|m| m.value.trim() == market) => {
            Coverage::Covers
        }
        Field::Present(_) => Coverage::Elsewhere,
    }
}

/// A certificate's standing on the as-of date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Validity {
    /// `valid_until` is the as-of date or later.
    Valid,
    Expired(Date),
    /// No `valid_until`: nothing shows the certificate is in force.
    Undated,
    /// `valid_until` could not be read (SUB002).
    Unknown,
}

fn validity(cert: &Certificate, as_of: Date) -> Validity {
    match &cert.valid_until {
        Field::Present(d) if d.value >= as_of => Validity::Valid,
        Field::Present(d) => Validity::Expired(d.value),
        Field::Absent => Validity::Undated,
        Field::Invalid(_) => Validity::Unknown,
    }
}

/// How one group of the market table (any one of its types will do) stands for one market.
#[derive(Debug, PartialEq, Eq)]
enum GroupStanding {
    Covered,
    /// A certificate might cover it, but a value it depends on could not be read (SUB002).
    Unknown,
    Uncovered,
}

fn group_standing(
    certs: &[Sp<Certificate>],
    group: &[String],
    market: &str,
    as_of: Date,
) -> GroupStanding {
    let mut unknown = false;
    for cert in certs.iter().filter(|c| is_type_of(c, group)) {
        match (coverage(cert, market), validity(cert, as_of)) {
            (Coverage::Covers, Validity::Valid) => return GroupStanding::Covered,
            (Coverage::Elsewhere, _) | (_, Validity::Expired(_) | Validity::Undated) => {}
            (Coverage::Unknown, _) | (_, Validity::Unknown) => unknown = true,
        }
    }
    if unknown {
        GroupStanding::Unknown
    } else {
        GroupStanding::Uncovered
    }
}

fn is_type_of(cert: &Certificate, group: &[String]) -> bool {
    group.iter().any(|t| t == cert.kind.value.trim())
}

/// CMP001: every target market has a valid certificate of each type it requires for consumer
/// electronics.
pub(crate) fn required_certificates_cover_markets(ctx: &Ctx) {
    let compliance = &compliance_state(ctx.sub);
    if !sells_certified_category(ctx) {
        return;
    }
    let Some(certs) = compliance.all_certificates() else {
        return;
    };
    let as_of = ctx.as_of;
    for market in target_markets(ctx) {
        let code = market.value.trim();
        let Some(entry) = ctx.markets.get(code) else {
            continue;
        };
        for group in &entry.certificates {
            if group_standing(certs, group, code, as_of) != GroupStanding::Uncovered {
                continue;
            }
            let (en, zh) = (group.join(" or "), group.join(" 或 "));
            let mut finding = ctx.report(
                market.span,
                text!(
                    "`{code}` has no valid {en} certificate for consumer electronics",
                    "`{code}` 没有有效的 {zh} 证书（消费电子类目）"
                ),
            );
            for cert in certs.iter().filter(|c| is_type_of(c, group)) {
                let kind = cert.kind.value.trim();
                match (&cert.markets, validity(cert, as_of)) {
                    (Field::Present(markets), _) if coverage(cert, code) == Coverage::Elsewhere => {
                        let listed = markets.value.written(", ");
                        finding = finding.label(
                            listed_span(markets),
                            text!(
                                "this {kind} certificate covers {listed}, not `{code}`",
                                "该 {kind} 证书覆盖 {listed}，不含 `{code}`"
                            ),
                        );
                    }
                    (_, Validity::Expired(date)) => {
                        if let Some(value) = cert.valid_until.get() {
                            finding = finding.label(
                                value.span,
                                text!(
                                    "this {kind} certificate expired on {date}",
                                    "该 {kind} 证书已于 {date} 过期"
                                ),
                            );
                        }
                    }
                    (_, Validity::Undated) => {
                        finding = finding.label(
                            cert.kind.span,
                            text!(
                                "this {kind} certificate has no `valid_until`",
                                "该 {kind} 证书没有 `valid_until`"
                            ),
                        );
                    }
                    _ => {}
                }
            }
            let another = super::written_another_way(
                ctx.markets,
                code,
                certs
                    .iter()
                    .filter(|c| is_type_of(c, group))
                    .filter_map(|c| c.markets.get().map(|m| &m.value)),
            );
            finding.help(another.unwrap_or_else(|| text!(
                "add a certificate of type {en} to `compliance.yaml` that lists `{code}` in `markets` (or has no `markets`) and has a `valid_until` of {as_of} or later",
                "请在 `compliance.yaml` 中添加 {zh} 证书：`markets` 包含 `{code}`（或不写 `markets`），且 `valid_until` 不早于 {as_of}"
            )));
        }
    }
}

/// The span of a written list's items (a flow list's node span covers only its opening bracket).
fn listed_span(markets: &Sp<List<String>>) -> Span {
    match (markets.value.items.first(), markets.value.items.last()) {
        (Some(first), Some(last)) if first.span.file == last.span.file => Span::new(
            first.span.file,
            first.span.range().start..last.span.range().end,
        ),
        _ => markets.span,
    }
}

/// CMP002: no certificate's `valid_until` is before the as-of date.
pub(crate) fn certificates_not_expired(ctx: &Ctx) {
    let compliance = &compliance_state(ctx.sub);
    let as_of = ctx.as_of;
    for cert in compliance.certificates().unwrap_or(&[]) {
        let kind = cert.kind.value.trim();
        let Some(until) = ctx.needs(
            needed(&cert.valid_until, || cert.span.into()),
            || text!(
                "this {kind} certificate has no `valid_until`, so nothing shows it is in force",
                "该 {kind} 证书没有 `valid_until`（有效期至），无法证明其有效"
            ),
            || text!(
                "copy the expiry date from the {kind} certificate as `valid_until` (YYYY-MM-DD)",
                "请按 {kind} 证书抄录有效期截止日期，填入 `valid_until`（YYYY-MM-DD）"
            ),
        ) else {
            continue;
        };
        if until.value >= as_of {
            continue;
        }
        let date = until.value;
        let (en, zh) = days(date.days_until(as_of));
        ctx.report(
            until.span,
            text!(
                "this {kind} certificate expired on {date}, {en} before the as-of date {as_of}",
                "该 {kind} 证书已于 {date} 过期，比基准日期 {as_of} 早 {zh}"
            ),
        )
        .help(text!(
            "renew the {kind} certificate and replace this entry with the renewed one and its scan",
            "请续期该 {kind} 证书，并用新证书及其扫描件替换此条目"
        ));
    }
}

/// CMP003: no certificate has fewer than 30 days left after the as-of date.
pub(crate) fn certificates_not_about_to_expire(ctx: &Ctx) {
    let compliance = &compliance_state(ctx.sub);
    let as_of = ctx.as_of;
    for cert in compliance.certificates().unwrap_or(&[]) {
        let Some(until) = cert.valid_until.get() else {
            continue;
        };
        let Some(left) = days_left_if_expiring(until.value, as_of) else {
            continue;
        };
        let kind = cert.kind.value.trim();
        let date = until.value;
        let message = if left == 0 {
            text!(
                "this {kind} certificate expires on {date}, the as-of date itself",
                "该 {kind} 证书于 {date}（即基准日期当天）到期"
            )
        } else {
            let (en, zh) = days(left);
            text!(
                "this {kind} certificate expires on {date}, {en} after the as-of date {as_of}",
                "该 {kind} 证书于 {date} 到期，距基准日期 {as_of} 仅剩 {zh}"
            )
        };
        ctx.report(until.span, message).help(text!(
            "renew the {kind} certificate now and replace this entry with the renewed one and its scan",
            "请立即续期该 {kind} 证书，并用新证书及其扫描件替换此条目"
        ));
    }
}

/// The dates on which CMP001–CMP003 may judge a certificate differently from the day before
/// (the forecast): 29 days before its `valid_until`, when CMP003 starts to warn, and the day
/// after it, when it has expired (CMP002) and no longer covers its markets (CMP001).
pub(crate) fn certificate_expiry_change_points(
    sub: &Submission,
    reasons: crate::report::Reasons,
) -> Vec<crate::report::ChangePoint> {
    use crate::report::ChangePoint;
    let mut points = Vec::new();
    for cert in compliance_state(sub).certificates().unwrap_or(&[]) {
        let Some(until) = cert.valid_until.get() else {
            continue;
        };
        let (kind, date) = (cert.kind.value.trim(), until.value);
        points.push(ChangePoint {
            on: certificate_warns_from(date),
            why: reasons.why(|| {
                text!(
                    "the {kind} certificate expires on {date}, fewer than {EXPIRY_WARNING_DAYS} days later",
                    "该 {kind} 证书将于 {date} 到期，剩余不足 {EXPIRY_WARNING_DAYS} 天"
                )
            }),
        });
        points.push(ChangePoint {
            on: date.add_days(1),
            why: reasons.why(|| {
                text!(
                    "the {kind} certificate expired on {date}",
                    "该 {kind} 证书已于 {date} 到期"
                )
            }),
        });
    }
    points
}

/// The days left when `until` falls on the as-of date or fewer than [`EXPIRY_WARNING_DAYS`]
/// days after it.
fn days_left_if_expiring(until: Date, as_of: Date) -> Option<i64> {
    (until >= as_of && until < as_of.add_days(EXPIRY_WARNING_DAYS)).then(|| as_of.days_until(until))
}

/// Each certificate's type and `valid_until`, in document order (the forecast: when to renew it).
pub fn certificate_ends(sub: &Submission) -> Vec<(String, Date)> {
    compliance_state(sub)
        .certificates()
        .unwrap_or(&[])
        .iter()
        .filter_map(|c| Some((c.kind.value.trim().to_owned(), c.valid_until.get()?.value)))
        .collect()
}

/// The first as-of date on which CMP003 warns of a certificate valid until `until`: 29 days
/// before it.
pub fn certificate_warns_from(until: Date) -> Date {
    until.add_days(1 - EXPIRY_WARNING_DAYS)
}

/// CMP004: every EU target market has an EPR registration.
pub(crate) fn eu_markets_have_epr(ctx: &Ctx) {
    let compliance = &compliance_state(ctx.sub);
    let Some(epr) = compliance.epr() else {
        return;
    };
    for market in target_markets(ctx) {
        let code = market.value.trim();
        if !ctx.markets.get(code).is_some_and(|m| m.eu_epr) {
            continue;
        }
        if epr.iter().any(|e| e.market.value.trim() == code) {
            continue;
        }
        ctx.report(market.span,
                text!(
                    "`{code}` is an EU market with no EPR registration in `compliance.yaml`",
                    "`{code}` 是欧盟市场，但 `compliance.yaml` 中没有其 EPR 注册"
                ),
            )
            .help(text!(
                "register for extended producer responsibility (EPR) in `{code}` and add an entry `market: {code}` with its registration `number` under `epr` in `compliance.yaml`",
                "请在 `{code}` 完成生产者责任延伸（EPR）注册，并在 `compliance.yaml` 的 `epr` 下添加 `market: {code}` 及注册号 `number`"
            ));
    }
}

/// CMP005: an ISO9001 certificate is on file.
pub(crate) fn quality_certificate_present(ctx: &Ctx) {
    let compliance = &compliance_state(ctx.sub);
    // A certificate entry that could not be read (SUB002) may be the ISO9001 one.
    let Some(certs) = compliance.all_certificates() else {
        return;
    };
    let Some(file) = compliance.file() else {
        return;
    };
    if certs
        .iter()
        .any(|c| c.kind.value.trim() == QUALITY_CERTIFICATE)
    {
        return;
    }
    let message = match compliance {
        Compliance::Absent(_) => text!(
            "there is no `compliance.yaml`, so no {QUALITY_CERTIFICATE} certificate",
            "没有 `compliance.yaml`，因此没有 {QUALITY_CERTIFICATE} 证书"
        ),
        _ => text!(
            "no {QUALITY_CERTIFICATE} certificate is listed",
            "未列出 {QUALITY_CERTIFICATE} 证书"
        ),
    };
    ctx.report(Place::File(file), message).help(text!(
        "if the company holds an ISO 9001 quality-management certificate, add it under `certificates` with `type: {QUALITY_CERTIFICATE}`, its `valid_until` and its scan",
        "如公司持有 ISO 9001 质量管理体系证书，请在 `certificates` 下添加 `type: {QUALITY_CERTIFICATE}`，并填写 `valid_until` 和扫描件"
    ));
}

/// A number of days in words, English and Chinese.
fn days(n: i64) -> (String, String) {
    let en = if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    };
    (en, format!("{n} 天"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Finding;
    use crate::load::{Submission, load};
    use crate::rules::testing::date;

    const SUBMISSION: &str = "\
applicant:
  categories: [consumer-electronics]
markets: [ES, BR, SA]
submitted_on: 2026-11-20
";

    /// A folder with `submission.yaml` and, when given, `compliance.yaml`.
    fn submission(submission: &str, compliance: Option<&str>) -> (tempfile::TempDir, Submission) {
        let tmp = tempfile::tempdir().expect("temporary folder");
        std::fs::write(tmp.path().join("submission.yaml"), submission).expect("write");
        if let Some(text) = compliance {
            std::fs::write(tmp.path().join("compliance.yaml"), text).expect("write");
        }
        let sub = load(tmp.path());
        (tmp, sub)
    }

    fn findings(sub: &Submission, as_of: &str) -> Vec<Finding> {
        crate::rules::testing::run_at(sub, crate::markets::builtin(), date(as_of), &["CMP"])
    }

    /// `(code, text under the finding's span or the file name)` of each finding.
    fn summary(sub: &Submission, as_of: &str) -> Vec<(&'static str, String)> {
        crate::rules::testing::places(sub, &findings(sub, as_of))
    }

    fn cert(kind: &str, markets: Option<&str>, valid_until: Option<&str>) -> String {
        let mut s = format!("  - type: {kind}\n");
        if let Some(m) = markets {
            s.push_str(&format!("    markets: {m}\n"));
        }
        if let Some(v) = valid_until {
            s.push_str(&format!("    valid_until: {v}\n"));
        }
        s
    }

    /// Certificates covering ES, BR and SA, an ISO9001, and ES's EPR registration.
    fn complete(extra: &str) -> String {
        format!(
            "certificates:\n{}{}{}{}{extra}epr:\n  - market: ES\n",
            cert("CE", Some("[ES]"), Some("2027-06-30")),
            cert("ANATEL", Some("[BR]"), Some("2027-09-30")),
            cert("GCC", None, Some("2027-03-31")),
            cert("ISO9001", None, Some("2027-12-31")),
        )
    }

    #[test]
    fn a_complete_document_fires_nothing() {
        let (_tmp, sub) = submission(SUBMISSION, Some(&complete("")));
        assert_eq!(summary(&sub, "2026-11-20"), []);
    }

    #[test]
    fn an_absent_document_reads_as_empty() {
        let (_tmp, sub) = submission(SUBMISSION, None);
        assert_eq!(
            summary(&sub, "2026-11-20"),
            [
                ("CMP001", "ES".to_owned()),
                ("CMP001", "BR".to_owned()),
                ("CMP001", "SA".to_owned()),
                ("CMP004", "ES".to_owned()),
                ("CMP005", "compliance.yaml".to_owned()),
            ]
        );
    }

    #[test]
    fn an_unreadable_document_is_skipped() {
        let (_tmp, sub) = submission(SUBMISSION, Some("certificates: [\n"));
        assert!(matches!(compliance_state_of(&sub), Compliance::Unreadable));
        assert_eq!(summary(&sub, "2026-11-20"), []);
        let (_tmp, sub) = submission(SUBMISSION, Some("- a list\n"));
        assert_eq!(summary(&sub, "2026-11-20"), []);
    }

    #[test]
    fn an_unreadable_certificate_list_skips_the_certificate_rules() {
        let (_tmp, sub) = submission(
            SUBMISSION,
            Some("certificates: none\nepr:\n  - market: ES\n"),
        );
        assert_eq!(summary(&sub, "2026-11-20"), []);
    }

    fn compliance_state_of(sub: &Submission) -> Compliance<'_> {
        compliance_state(sub)
    }

    #[test]
    fn any_one_type_of_a_group_covers_the_market() {
        let certs = |c: &str| -> Vec<(&'static str, String)> {
            let doc = complete("").replace("GCC", c);
            let (_tmp, sub) = submission(SUBMISSION, Some(&doc));
            summary(&sub, "2026-11-20")
        };
        assert_eq!(certs("SASO"), []);
        assert_eq!(certs("GCC"), []);
        assert_eq!(certs("KC"), [("CMP001", "SA".to_owned())]);
    }

    #[test]
    fn a_certificate_covers_only_the_markets_it_lists() {
        let doc = complete("").replace("markets: [ES]", "markets: [FR]");
        let (_tmp, sub) = submission(SUBMISSION, Some(&doc));
        let found = findings(&sub, "2026-11-20");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "CMP001");
        assert_eq!(found[0].labels.len(), 1, "the markets list is labelled");
        assert!(found[0].labels[0].message.en.contains("FR, not `ES`"));
        let Place::Span(at) = found[0].labels[0].place else {
            panic!("the label points into compliance.yaml");
        };
        assert_eq!(sub.db.get(at.file).slice(at), "FR");
    }

    #[test]
    fn without_markets_a_certificate_covers_every_market_of_its_type() {
        let doc = complete("").replace("    markets: [ES]\n", "");
        let (_tmp, sub) = submission(
            &SUBMISSION.replace("[ES, BR, SA]", "[ES, FR, BR, SA]"),
            Some(&format!("{doc}  - market: FR\n")),
        );
        assert_eq!(summary(&sub, "2026-11-20"), []);
    }

    #[test]
    fn coverage_needs_consumer_electronics() {
        let (_tmp, sub) = submission(
            &SUBMISSION.replace("consumer-electronics", "home-garden"),
            Some(&complete("").replace("ANATEL", "KC")),
        );
        assert_eq!(summary(&sub, "2026-11-20"), []);
    }

    #[test]
    fn a_certificate_is_valid_through_its_last_day() {
        let doc = complete("").replace("2027-06-30", "2026-11-20");
        let (_tmp, sub) = submission(SUBMISSION, Some(&doc));
        // Valid on the as-of date: it covers ES, and it has fewer than 30 days left.
        assert_eq!(
            summary(&sub, "2026-11-20"),
            [("CMP003", "2026-11-20".to_owned())]
        );
        // The day after, it has expired and covers nothing.
        assert_eq!(
            summary(&sub, "2026-11-21"),
            [
                ("CMP001", "ES".to_owned()),
                ("CMP002", "2026-11-20".to_owned())
            ]
        );
    }

    #[test]
    fn an_expired_certificate_not_needed_for_coverage_is_only_cmp002() {
        let (_tmp, sub) = submission(
            SUBMISSION,
            Some(&complete(&cert("CE", Some("[ES]"), Some("2026-06-30")))),
        );
        assert_eq!(
            summary(&sub, "2026-11-20"),
            [("CMP002", "2026-06-30".to_owned())]
        );
    }

    #[test]
    fn an_undated_certificate_does_not_cover_and_an_unreadable_date_is_not_judged() {
        let undated = complete("").replace("    valid_until: 2027-06-30\n", "");
        let (_tmp, sub) = submission(SUBMISSION, Some(&undated));
        // CMP002 needs the date to judge the certificate, and says so at the entry.
        assert_eq!(
            summary(&sub, "2026-11-20"),
            [
                ("CMP001", "ES".to_owned()),
                ("CMP002", "type: CE".to_owned())
            ]
        );
        let unreadable = complete("").replace("2027-06-30", "next summer");
        let (_tmp, sub) = submission(SUBMISSION, Some(&unreadable));
        assert_eq!(summary(&sub, "2026-11-20"), []);
    }

    #[test]
    fn the_warning_is_for_fewer_than_30_days_left() {
        let as_of = date("2026-11-20");
        assert_eq!(days_left_if_expiring(date("2026-11-19"), as_of), None);
        assert_eq!(days_left_if_expiring(date("2026-11-20"), as_of), Some(0));
        assert_eq!(days_left_if_expiring(date("2026-11-30"), as_of), Some(10));
        assert_eq!(days_left_if_expiring(date("2026-12-19"), as_of), Some(29));
        // Exactly 30 days left is not fewer than 30.
        assert_eq!(days_left_if_expiring(date("2026-12-20"), as_of), None);
        assert_eq!(days_left_if_expiring(date("2026-12-21"), as_of), None);
        // Across a month end and a leap day.
        assert_eq!(
            days_left_if_expiring(date("2028-03-01"), date("2028-02-28")),
            Some(2)
        );
    }

    #[test]
    fn every_eu_market_needs_its_own_epr_entry() {
        let doc = complete("");
        let (_tmp, sub) = submission(
            &SUBMISSION.replace("[ES, BR, SA]", "[ES, FR, BR, SA]"),
            Some(&doc.replace("markets: [ES]", "markets: [ES, FR]")),
        );
        assert_eq!(summary(&sub, "2026-11-20"), [("CMP004", "FR".to_owned())]);
    }

    #[test]
    fn an_entry_that_could_not_be_read_may_be_the_missing_one() {
        // A certificate without `type` is SUB002 at the entry: it may be the SA certificate.
        let doc = complete("").replace("  - type: GCC\n", "  - markets: [SA]\n");
        let (_tmp, sub) = submission(SUBMISSION, Some(&doc));
        assert!(sub.findings.iter().any(|f| f.code == "SUB002"));
        assert_eq!(summary(&sub, "2026-11-20"), []);
        // `market: [ES]` is SUB002 at the value: it may be ES's EPR registration.
        let doc = complete("").replace("  - market: ES\n", "  - market: [ES]\n");
        let (_tmp, sub) = submission(SUBMISSION, Some(&doc));
        assert!(sub.findings.iter().any(|f| f.code == "SUB002"));
        assert_eq!(summary(&sub, "2026-11-20"), []);
    }

    #[test]
    fn the_quality_certificate_is_looked_for_by_type() {
        let doc = complete("").replace("ISO9001", "other");
        let (_tmp, sub) = submission(SUBMISSION, Some(&doc));
        assert_eq!(
            summary(&sub, "2026-11-20"),
            [("CMP005", "compliance.yaml".to_owned())]
        );
    }
}
