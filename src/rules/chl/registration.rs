//! Challenge rules CHL001–CHL010: eligibility, the registration attachments, the logistics
//! agreement and its service levels (`submission.yaml`, `license.yaml`, `logistics.yaml`).
//!
//! An attachment path that fails SUB004/SUB005 is reported there only: CHL004/CHL005 look at a
//! file's kind only when inspecting it found no problem, and CHL006 asks only that a scan is named.

use crate::finding::{Place, Text};
use crate::load::Doc;
use crate::load::attachment::{FileKind, normalized};
use crate::load::typed::{Field, Sp};
use crate::model::{
    ChallengeApplicant, ChallengeAttachments, ChallengeSubmissionDoc, Date, LicenseDoc, Number,
    StoreType, Track, parse_duration,
};
use crate::rules::lic::individual_business;
use crate::rules::{Ctx, Needed, document_field, key_place, section_field};
use crate::source::Span;
use crate::text;

/// CHL002: the licence is registered at least this many calendar months before the as-of date.
const LICENCE_MIN_AGE_MONTHS: i64 = 6;
/// CHL003: the lowest 3-month store health score accepted.
const MIN_HEALTH_SCORE: f64 = 85.0;
/// CHL007, track `rising`: the store is open at most this many days at the challenge start.
const RISING_MAX_STORE_AGE_DAYS: i64 = 180;
/// CHL007, track `leap`: the months of GMV looked at (the last ones given)...
const LEAP_MONTHS: usize = 3;
/// ...and the GMV each of them reaches, in US dollars.
const LEAP_MIN_MONTHLY_GMV_USD: f64 = 5000.0;
/// CHL008: the fewest SKUs expected.
const MIN_SKU_COUNT: i64 = 50;
/// CHL009: the longest dispatch time, in hours.
const MAX_DISPATCH_HOURS: f64 = 72.0;
/// CHL009: the longest refund time, in days.
const MAX_REFUND_DAYS: f64 = 15.0;
/// CHL010: the lowest logistics tracking coverage, in percent.
const MIN_TRACKING_COVERAGE_PCT: f64 = 98.0;

const HOUR_SECS: f64 = 3600.0;
const DAY_SECS: f64 = 86_400.0;

/// `submission.yaml` of the challenge and its `applicant`, when both could be read.
fn applicant<'a>(
    ctx: &Ctx<'a>,
) -> Option<(&'a Doc<ChallengeSubmissionDoc>, &'a ChallengeApplicant)> {
    let doc = ctx.sub.challenge.as_ref()?;
    let applicant = doc.data.applicant.get()?;
    Some((doc, &applicant.value))
}

/// The applicant field `field` picks, or where to report that it is not given.
fn applicant_field<'a, T>(
    ctx: &Ctx<'a>,
    field: impl Fn(&'a ChallengeApplicant) -> &'a Field<T>,
) -> Needed<'a, T> {
    section_field(
        ctx.sub.challenge.as_ref(),
        "applicant",
        |d| &d.applicant,
        field,
    )
}

/// `180`, `2.5`: at most two decimals, none when whole.
fn amount(n: f64) -> String {
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `US$5,000`: an amount in US dollars with its thousands grouped.
fn dollars(n: f64) -> String {
    let plain = amount(n);
    let (int, frac) = plain
        .split_once('.')
        .map_or((plain.as_str(), ""), |(i, f)| (i, f));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = if frac.is_empty() {
        String::new()
    } else {
        format!(".{frac}")
    };
    format!("{sign}US${grouped}{frac}")
}

/// CHL001: the store is an enterprise store, and its licence is not an individual business's.
pub(crate) fn store_is_an_enterprise(ctx: &Ctx) {
    let (store_type, unstated) = match applicant_field(ctx, |a| &a.store_type) {
        Needed::Present(t) => (Some(t), None),
        Needed::Missing(place) => (None, Some(place)),
        Needed::Skip => (None, None),
    };
    let licence = ctx
        .sub
        .license
        .as_ref()
        .and_then(|l| individual_business(&l.data).map(|span| (l, span)));
    let help = text!(
        "the challenge accepts enterprise stores only: register with a store held by a company, as `store_type: enterprise`, and that company's licence; an individual business (个体工商户) upgrades to a company first",
        "挑战赛仅接受企业店铺：请以公司持有的店铺报名（`store_type: enterprise`），并提供该公司的营业执照；个体工商户须先升级为企业"
    );
    let individual_store = store_type.filter(|t| t.value != StoreType::Enterprise);
    let finding = match (individual_store, licence) {
        (Some(t), licence) => {
            let written = ctx.text(t.span).trim();
            let finding = ctx.report(
                t.span,
                text!(
                    "`{written}` is not an enterprise store",
                    "`{written}` 不是企业店铺"
                ),
            );
            match licence {
                Some((l, span)) => finding.label(span, individual_business_message(ctx, l, span)),
                None => finding,
            }
        }
        (None, Some((l, span))) => {
            let finding = ctx.report(span, individual_business_message(ctx, l, span));
            match store_type {
                Some(t) => finding.label(
                    t.span,
                    text!(
                        "the store is declared an enterprise store",
                        "店铺申报为企业店铺"
                    ),
                ),
                None => finding,
            }
        }
        (None, None) => match unstated {
            Some(place) => ctx.report(
                place,
                text!(
                    "no `store_type` is given; the challenge requires an enterprise store",
                    "未填写 `store_type`（店铺类型）；挑战赛要求企业店铺"
                ),
            ),
            None => return,
        },
    };
    finding.help(help);
}

/// What makes the licence an individual business's: its stated type, else its USCC.
fn individual_business_message(ctx: &Ctx, licence: &Doc<LicenseDoc>, span: Span) -> Text {
    let stated = licence
        .data
        .entity_type
        .get()
        .is_some_and(|t| t.span == span);
    if stated {
        return text!(
            "the licence holder is an individual business (个体工商户)",
            "营业执照主体为个体工商户"
        );
    }
    let code = ctx.text(span).trim();
    let prefix: String = code.chars().take(2).collect();
    text!(
        "`{code}` starts with `{prefix}`, the registration type of an individual business (个体工商户)",
        "`{code}` 以 `{prefix}` 开头，登记类型为个体工商户"
    )
}

/// The latest registration date that passes CHL002 on `as_of`.
fn latest_registration(as_of: Date) -> Date {
    as_of.sub_months(LICENCE_MIN_AGE_MONTHS)
}

/// The first as-of date on which a licence registered on `registered` passes CHL002.
fn qualifies_from(registered: Date) -> Date {
    let later = Date(
        registered
            .0
            .saturating_add(jiff::Span::new().months(LICENCE_MIN_AGE_MONTHS)),
    );
    // Adding months clamps to the month's last day (08-31 + 6 months = 02-28), and 6 months
    // before 02-28 is 08-28: the first day that qualifies is then the next one, 03-01.
    if latest_registration(later) >= registered {
        later
    } else {
        later.add_days(1)
    }
}

/// CHL002: the licence was registered at least 6 calendar months before the as-of date.
pub(crate) fn licence_is_six_months_old(ctx: &Ctx) {
    let Some(licence) = ctx.sub.license.as_ref() else {
        return;
    };
    let as_of = ctx.as_of;
    let latest = latest_registration(as_of);
    let on = match document_field(Some(licence), |l| &l.registered_on) {
        Needed::Present(on) => on,
        Needed::Missing(place) => {
            ctx.report(place,
                    text!(
                        "no `registered_on` is given; the challenge requires a licence registered on or before {latest}",
                        "未填写 `registered_on`（成立日期）；挑战赛要求营业执照于 {latest} 或之前注册"
                    ),
                )
                .help(text!(
                    "copy the date of establishment (成立日期) from the licence as `registered_on` (YYYY-MM-DD); the challenge accepts licences registered at least {LICENCE_MIN_AGE_MONTHS} calendar months before {as_of}",
                    "请按营业执照抄录成立日期，填入 `registered_on`（YYYY-MM-DD）；挑战赛接受在 {as_of} 前至少 {LICENCE_MIN_AGE_MONTHS} 个自然月注册的营业执照"
                ));
            return;
        }
        Needed::Skip => return,
    };
    let registered = on.value;
    if registered <= latest {
        return;
    }
    let from = qualifies_from(registered);
    ctx.report(on.span,
            text!(
                "registered on {registered}, less than {LICENCE_MIN_AGE_MONTHS} months before {as_of}",
                "注册日期 {registered} 距 {as_of} 不足 {LICENCE_MIN_AGE_MONTHS} 个月"
            ),
        )
        .help(text!(
            "the challenge accepts licences registered on or before {latest} ({LICENCE_MIN_AGE_MONTHS} calendar months before {as_of}); this one qualifies from {from}. Check the date against the licence (成立日期)",
            "挑战赛接受 {latest} 或之前注册的营业执照（{as_of} 前 {LICENCE_MIN_AGE_MONTHS} 个自然月）；本执照自 {from} 起符合条件。请对照营业执照核对成立日期"
        ));
}

/// CHL003: the 3-month store health score is at least 85.
pub(crate) fn health_score_reaches_the_minimum(ctx: &Ctx) {
    let min = amount(MIN_HEALTH_SCORE);
    let score = match applicant_field(ctx, |a| &a.health_score) {
        Needed::Present(score) => score,
        Needed::Missing(place) => {
            ctx.report(place,
                    text!(
                        "no `health_score` is given; the challenge requires a 3-month store health score of at least {min}",
                        "未填写 `health_score`（店铺健康分）；挑战赛要求近 3 个月店铺健康分至少 {min} 分"
                    ),
                )
                .help(text!(
                    "give under `applicant` the 3-month store health score the screenshot shows, e.g. `health_score: 88`",
                    "请在 `applicant` 下填写截图上显示的近 3 个月店铺健康分，例如 `health_score: 88`"
                ));
            return;
        }
        Needed::Skip => return,
    };
    if score.value.0 >= MIN_HEALTH_SCORE {
        return;
    }
    let written = ctx.text(score.span).trim();
    ctx.report(score.span,
            text!(
                "a store health score of {written}, below {min}",
                "店铺健康分为 {written}，低于 {min}"
            ),
        )
        .help(text!(
            "register once the 3-month store health score is at least {min}, and give the score the screenshot shows",
            "请在近 3 个月店铺健康分达到 {min} 分后报名，并填写截图上显示的分数"
        ));
}

/// A registration attachment that `submission.yaml` must name, and the kinds it may be.
struct RequiredAttachment {
    key: &'static str,
    pick: fn(&ChallengeAttachments) -> &Field<String>,
    accepted: &'static [FileKind],
    /// What the attachment is, e.g. "the sealed commitment letter".
    what: Text,
    /// The accepted kinds in words, e.g. "a PDF".
    kinds: Text,
    /// How to produce it and an example path.
    help: Text,
}

/// CHL004: `attachments.health_score_screenshot` names a PNG or JPEG image.
pub(crate) fn health_score_screenshot_is_an_image(ctx: &Ctx) {
    required_attachment(
        ctx,
        &RequiredAttachment {
            key: "health_score_screenshot",
            pick: |a| &a.health_score_screenshot,
            accepted: &[FileKind::Png, FileKind::Jpeg],
            what: Text::new(
                "the screenshot of the 3-month store health score",
                "近 3 个月店铺健康分截图",
            ),
            kinds: Text::new("a PNG or JPEG image", "PNG 或 JPEG 图片"),
            help: Text::new(
                "save a screenshot of the 3-month store health score as PNG or JPEG under `attachments/` and give its path, e.g. `health_score_screenshot: attachments/health-score.png`",
                "请将近 3 个月店铺健康分截图保存为 PNG 或 JPEG 图片，放入 `attachments/`，并填写路径，例如 `health_score_screenshot: attachments/health-score.png`",
            ),
        },
    );
}

/// CHL005: `attachments.commitment_letter` names a PDF.
pub(crate) fn commitment_letter_is_a_pdf(ctx: &Ctx) {
    required_attachment(
        ctx,
        &RequiredAttachment {
            key: "commitment_letter",
            pick: |a| &a.commitment_letter,
            accepted: &[FileKind::Pdf],
            what: Text::new("the sealed commitment letter", "盖章的承诺函"),
            kinds: Text::new("a PDF", "PDF 文件"),
            help: Text::new(
                "sign and seal the commitment letter, scan it to PDF, put it under `attachments/` and give its path, e.g. `commitment_letter: attachments/commitment-letter.pdf`",
                "请签署承诺函并加盖公章，扫描为 PDF，放入 `attachments/`，并填写路径，例如 `commitment_letter: attachments/commitment-letter.pdf`",
            ),
        },
    );
}

fn required_attachment(ctx: &Ctx, spec: &RequiredAttachment) {
    let Some(doc) = ctx.sub.challenge.as_ref() else {
        return;
    };
    let (key, what_en, what_zh) = (spec.key, &spec.what.en, &spec.what.zh);
    let path = match &doc.data.attachments {
        Field::Invalid(_) => return,
        Field::Absent => None,
        Field::Present(attachments) => match (spec.pick)(&attachments.value) {
            Field::Invalid(_) => return,
            Field::Absent => None,
            Field::Present(path) => Some(path),
        },
    };
    let finding = match path {
        None => ctx.report(
            key_place(doc, "attachments"),
            text!(
                "no `attachments.{key}`: {what_en} is not given",
                "没有 `attachments.{key}`：未提供{what_zh}"
            ),
        ),
        Some(path) if path.value.trim().is_empty() => ctx.report(
            path.span,
            text!(
                "`{key}` is empty: {what_en} is not given",
                "`{key}` 为空：未提供{what_zh}"
            ),
        ),
        Some(path) => {
            let Some(attachment) = ctx.sub.attachments.get(&normalized(&path.value)) else {
                return;
            };
            // SUB004/SUB005 report a path that could not be inspected or is not acceptable.
            if attachment.problem.is_some() {
                return;
            }
            let Some(kind) = attachment.kind.filter(|k| !spec.accepted.contains(k)) else {
                return;
            };
            let (written, kind, kinds_en, kinds_zh) = (
                path.value.trim(),
                kind.name(),
                &spec.kinds.en,
                &spec.kinds.zh,
            );
            ctx.report(
                path.span,
                text!(
                    "`{written}` is a {kind} file, not {kinds_en}",
                    "`{written}` 是 {kind} 文件，不是 {kinds_zh}"
                ),
            )
        }
    };
    finding.help(spec.help.clone());
}

/// CHL006: the logistics agreement shows its start date, covered countries and scan, and covers
/// every target market.
pub(crate) fn logistics_agreement_is_complete(ctx: &Ctx) {
    let Some(logistics) = ctx.sub.logistics.as_ref() else {
        return;
    };
    let example = "agreement: {provider: Cainiao, start_date: 2026-01-10, countries: [ES, PL, MX], scan: attachments/logistics-agreement.pdf}";
    let agreement = match &logistics.data.agreement {
        Field::Invalid(_) => return,
        Field::Present(agreement) => &agreement.value,
        Field::Absent => {
            ctx.report(key_place(logistics, "agreement"),
                    text!(
                        "no logistics provider `agreement` is given",
                        "未提供物流服务商协议 `agreement`"
                    ),
                )
                .help(text!(
                    "describe the agreement with the logistics provider: its `start_date`, the `countries` it covers (every target market) and the `scan` of the signed agreement, e.g. `{example}`",
                    "请填写与物流服务商的协议：生效日期 `start_date`、覆盖国家 `countries`（须包括全部目标市场）及已签协议扫描件 `scan`，例如 `{example}`"
                ));
            return;
        }
    };
    let scan_missing = match &agreement.scan {
        Field::Absent => true,
        Field::Present(scan) => scan.value.trim().is_empty(),
        Field::Invalid(_) => false,
    };
    let missing: Vec<(&str, Text)> = [
        (
            agreement.start_date.is_absent(),
            "start_date",
            Text::new(
                "`start_date`, the date it takes effect (YYYY-MM-DD)",
                "生效日期 `start_date`（YYYY-MM-DD）",
            ),
        ),
        (
            agreement.countries.is_absent(),
            "countries",
            Text::new(
                "`countries`, the countries it covers (every target market among them)",
                "覆盖国家 `countries`（须包括全部目标市场）",
            ),
        ),
        (
            scan_missing,
            "scan",
            Text::new(
                "`scan`, the path of its scan under `attachments/`",
                "扫描件路径 `scan`（位于 `attachments/` 下）",
            ),
        ),
    ]
    .into_iter()
    .filter_map(|(missing, key, what)| missing.then_some((key, what)))
    .collect();
    if !missing.is_empty() {
        let keys: Vec<String> = missing.iter().map(|(k, _)| format!("`{k}`")).collect();
        let keys = Text::new(join_and(&keys, ", ", " and "), keys.join("、"));
        let whats = Text::new(
            missing
                .iter()
                .map(|(_, w)| w.en.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            missing
                .iter()
                .map(|(_, w)| w.zh.as_str())
                .collect::<Vec<_>>()
                .join("、"),
        );
        let (keys_en, keys_zh, whats_en, whats_zh) = (&keys.en, &keys.zh, &whats.en, &whats.zh);
        ctx.report(
            key_place(logistics, "agreement"),
            text!(
                "the logistics agreement does not give {keys_en}",
                "物流协议缺少 {keys_zh}"
            ),
        )
        .help(text!(
            "copy from the signed agreement {whats_en}; for example `{example}`",
            "请按已签协议补充{whats_zh}，例如 `{example}`"
        ));
    }
    // A country that could not be read (SUB002) may be the market: that finding is the cause.
    let Some(countries) = agreement.countries.get().filter(|c| c.value.is_complete()) else {
        return;
    };
    let covered = countries
        .value
        .iter()
        .map(|c| c.value.trim())
        .collect::<Vec<_>>()
        .join(", ");
    for market in ctx.sub.markets() {
        let code = market.value.trim();
        if code.is_empty()
            || countries
                .value
                .iter()
                .any(|c| c.value.trim().eq_ignore_ascii_case(code))
        {
            continue;
        }
        ctx.report(market.span,
                text!(
                    "the logistics agreement does not cover `{code}`",
                    "物流协议未覆盖 `{code}`"
                ),
            )
            .label(
                countries.span,
                text!(
                    "the agreement covers [{covered}]",
                    "协议覆盖 [{covered}]"
                ),
            )
            .help(text!(
                "ship to `{code}` under an agreement that covers it: add `{code}` to `countries` if the signed agreement lists it, else extend the agreement or drop `{code}` from `markets`",
                "请使用覆盖 `{code}` 的物流协议：如已签协议包含该国，请在 `countries` 中加上 `{code}`；否则请扩展协议，或从 `markets` 中删除 `{code}`"
            ));
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join_and(items: &[String], sep: &str, last: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((only, [])) => only.clone(),
        Some((final_item, rest)) => format!("{}{last}{final_item}", rest.join(sep)),
    }
}

/// Why a `leap` store's GMV does not qualify (CHL007), or `None`.
#[derive(Debug, PartialEq)]
enum LeapProblem<'a> {
    /// Fewer than 3 months given (the count).
    TooFewMonths(usize),
    /// The months of the last 3 below the minimum.
    LowMonths(Vec<&'a Sp<Number>>),
}

fn leap_problem(gmv: &[Sp<Number>]) -> Option<LeapProblem<'_>> {
    let Some(start) = gmv.len().checked_sub(LEAP_MONTHS) else {
        return Some(LeapProblem::TooFewMonths(gmv.len()));
    };
    let low: Vec<_> = gmv[start..]
        .iter()
        .filter(|m| m.value.0 < LEAP_MIN_MONTHLY_GMV_USD)
        .collect();
    (!low.is_empty()).then_some(LeapProblem::LowMonths(low))
}

/// Whether a store opened on `opened` is too old for track `rising` at the challenge start.
fn too_old_for_rising(opened: Date, start: Date) -> bool {
    opened.days_until(start) > RISING_MAX_STORE_AGE_DAYS
}

/// CHL007: the store meets its track's condition: `rising` open at most 180 days at T, `leap`
/// at least US$5,000 GMV in each of the last 3 months.
pub(crate) fn store_fits_its_track(ctx: &Ctx) {
    let (min_en, min_zh) = (
        dollars(LEAP_MIN_MONTHLY_GMV_USD),
        amount(LEAP_MIN_MONTHLY_GMV_USD),
    );
    let track = match applicant_field(ctx, |a| &a.track) {
        Needed::Present(track) => track,
        Needed::Missing(place) => {
            ctx.report(place,
                    text!(
                        "no `track` is given; the challenge has two tracks, `rising` and `leap`",
                        "未填写 `track`（赛道）；挑战赛分为 `rising`（新锐）和 `leap`（跃迁）两个赛道"
                    ),
                )
                .help(text!(
                    "choose the track under `applicant`: `track: rising` for a store open at most {RISING_MAX_STORE_AGE_DAYS} days at the challenge start, `track: leap` for a store with a GMV of at least {min_en} in each of the last {LEAP_MONTHS} months",
                    "请在 `applicant` 下选择赛道：挑战开始时开店不超过 {RISING_MAX_STORE_AGE_DAYS} 天的店铺填 `track: rising`，近 {LEAP_MONTHS} 个月每月 GMV 均至少 {min_zh} 美元的店铺填 `track: leap`"
                ));
            return;
        }
        Needed::Skip => return,
    };
    let Some((doc, applicant)) = applicant(ctx) else {
        return;
    };
    let finding = match track.value {
        Track::Rising => {
            let opened = match &applicant.opened_on {
                Field::Present(opened) => opened,
                Field::Invalid(_) => return,
                Field::Absent => {
                    ctx.report(track.span,
                            text!(
                                "track `rising` is for stores open at most {RISING_MAX_STORE_AGE_DAYS} days at the challenge start, and needs the store's opening date; no `opened_on` is given",
                                "`rising`（新锐）赛道要求挑战开始时开店不超过 {RISING_MAX_STORE_AGE_DAYS} 天，需要开店日期；未填写 `opened_on`"
                            ),
                        )
                        .help(text!(
                            "give under `applicant` the date the store opened, as `opened_on` (YYYY-MM-DD)",
                            "请在 `applicant` 下以 `opened_on`（YYYY-MM-DD）填写开店日期"
                        ));
                    return;
                }
            };
            // Without a readable T there is no store age: CHL016 reports an absent one.
            let Some(start) = doc.data.challenge_start.get() else {
                return;
            };
            if !too_old_for_rising(opened.value, start.value) {
                return;
            }
            let (on, t, age) = (
                opened.value,
                start.value,
                opened.value.days_until(start.value),
            );
            let earliest = t.add_days(-RISING_MAX_STORE_AGE_DAYS);
            ctx.report(track.span,
                text!(
                    "track `rising` is for stores open at most {RISING_MAX_STORE_AGE_DAYS} days at the challenge start; this one will have been open {age} days",
                    "`rising`（新锐）赛道要求挑战开始时开店不超过 {RISING_MAX_STORE_AGE_DAYS} 天；本店届时已开店 {age} 天"
                ),
            )
            .label(
                opened.span,
                text!(
                    "opened on {on}, {age} days before the challenge start {t}",
                    "开店日期 {on}，比挑战开始日 {t} 早 {age} 天"
                ),
            )
            .help(text!(
                "track `rising` takes stores opened on or after {earliest}; choose track `leap` instead if the store's GMV reached {min_en} in each of the last {LEAP_MONTHS} months",
                "`rising` 赛道只接受 {earliest} 或之后开业的店铺；如店铺近 {LEAP_MONTHS} 个月每月 GMV 均达到 {min_zh} 美元，请改选 `leap`（跃迁）赛道"
            ))
        }
        Track::Leap => {
            let gmv = match &applicant.monthly_gmv_usd {
                Field::Invalid(_) => return,
                Field::Absent => None,
                // A month that could not be read (SUB002) is the cause of any shortfall.
                Field::Present(gmv) if !gmv.value.is_complete() => return,
                Field::Present(gmv) => Some(gmv),
            };
            let months = gmv.map_or(&[][..], |g| g.value.items.as_slice());
            match leap_problem(months) {
                None => return,
                Some(LeapProblem::TooFewMonths(n)) => {
                    let given = match gmv {
                        None => text!("there is no `monthly_gmv_usd`", "未填写 `monthly_gmv_usd`"),
                        Some(_) => text!(
                            "`monthly_gmv_usd` gives {n}",
                            "`monthly_gmv_usd` 只有 {n} 个月"
                        ),
                    };
                    let (given_en, given_zh) = (&given.en, &given.zh);
                    let finding = ctx.report(track.span,
                        text!(
                            "track `leap` needs the GMV of the last {LEAP_MONTHS} months; {given_en}",
                            "`leap`（跃迁）赛道需要近 {LEAP_MONTHS} 个月的 GMV；{given_zh}"
                        ),
                    );
                    match gmv {
                        Some(g) => finding.label(
                            g.span,
                            text!("{n} of {LEAP_MONTHS} months", "{LEAP_MONTHS} 个月中只有 {n} 个"),
                        ),
                        None => finding,
                    }
                    .help(text!(
                        "give the GMV of each of the last {LEAP_MONTHS} months in US dollars, oldest first, e.g. `monthly_gmv_usd: [6200, 5400, 7100]`; track `leap` needs at least {min_en} in each",
                        "请按时间顺序（最早的在前）填写近 {LEAP_MONTHS} 个月每月的 GMV（美元），例如 `monthly_gmv_usd: [6200, 5400, 7100]`；`leap` 赛道要求每月至少 {min_zh} 美元"
                    ))
                }
                Some(LeapProblem::LowMonths(low)) => {
                    let written: Vec<String> = low
                        .iter()
                        .map(|m| format!("`{}`", ctx.text(m.span).trim()))
                        .collect();
                    let verb = if written.len() == 1 { "is" } else { "are" };
                    let (list_en, list_zh) =
                        (join_and(&written, ", ", " and "), written.join("、"));
                    let mut finding = ctx.report(track.span,
                        text!(
                            "track `leap` needs a GMV of at least {min_en} in each of the last {LEAP_MONTHS} months; {list_en} {verb} below it",
                            "`leap`（跃迁）赛道要求近 {LEAP_MONTHS} 个月每月 GMV 至少 {min_zh} 美元；{list_zh} 未达到"
                        ),
                    );
                    for month in low {
                        finding = finding
                            .label(month.span, text!("below {min_en}", "低于 {min_zh} 美元"));
                    }
                    let rising = match doc.data.challenge_start.get() {
                        Some(t) => {
                            let earliest = t.value.add_days(-RISING_MAX_STORE_AGE_DAYS);
                            text!("opened on or after {earliest}", "于 {earliest} 或之后开业")
                        }
                        None => text!(
                            "opened at most {RISING_MAX_STORE_AGE_DAYS} days before the challenge start",
                            "开店不超过 {RISING_MAX_STORE_AGE_DAYS} 天"
                        ),
                    };
                    let (rising_en, rising_zh) = (&rising.en, &rising.zh);
                    finding.help(text!(
                        "register on track `leap` once the store has reached {min_en} in each of {LEAP_MONTHS} consecutive months; choose track `rising` instead if the store {rising_en}",
                        "请在店铺连续 {LEAP_MONTHS} 个月每月 GMV 均达到 {min_zh} 美元后再报名 `leap` 赛道；如店铺{rising_zh}，请改选 `rising`（新锐）赛道"
                    ))
                }
            }
        }
    };
    drop(finding);
}

/// CHL008: the store lists at least 50 SKUs.
pub(crate) fn enough_skus(ctx: &Ctx) {
    let count = match applicant_field(ctx, |a| &a.sku_count) {
        Needed::Present(count) => count,
        Needed::Missing(place) => {
            ctx.report(
                place,
                text!(
                    "no `sku_count` is given; the challenge expects at least {MIN_SKU_COUNT} SKUs",
                    "未填写 `sku_count`（SKU 数量）；挑战赛要求至少 {MIN_SKU_COUNT} 个 SKU"
                ),
            )
            .help(text!(
                "give under `applicant` the number of SKUs the store shows, e.g. `sku_count: 120`",
                "请在 `applicant` 下填写店铺后台显示的 SKU 数量，例如 `sku_count: 120`"
            ));
            return;
        }
        Needed::Skip => return,
    };
    if count.value >= MIN_SKU_COUNT {
        return;
    }
    let n = count.value;
    ctx.report(count.span,
            text!(
                "{n} SKUs, fewer than {MIN_SKU_COUNT}",
                "SKU 数量为 {n}，少于 {MIN_SKU_COUNT}"
            ),
        )
        .help(text!(
            "list at least {MIN_SKU_COUNT} SKUs in the store before the challenge starts, and give the count the store shows",
            "请在挑战开始前将店铺在售 SKU 增加到至少 {MIN_SKU_COUNT} 个，并填写店铺后台显示的数量"
        ));
}

/// A service level of `logistics.yaml` with the challenge's limit (CHL009).
struct ServiceLimit {
    key: &'static str,
    /// The limit in `unit`s.
    max: f64,
    unit_secs: f64,
    unit: Text,
    suffix: &'static str,
    what: Text,
}

/// Whether a measurable duration is over its limit; exactly the limit passes.
fn over_limit(secs: f64, limit: &ServiceLimit) -> bool {
    secs > limit.max * limit.unit_secs
}

/// CHL009: dispatch within 72 hours, refunds within 15 days, each written as a measurable
/// duration.
pub(crate) fn dispatch_and_refund_within_limits(ctx: &Ctx) {
    let Some(logistics) = ctx.sub.logistics.as_ref() else {
        return;
    };
    let limits = [
        (
            &logistics.data.dispatch_within,
            ServiceLimit {
                key: "dispatch_within",
                max: MAX_DISPATCH_HOURS,
                unit_secs: HOUR_SECS,
                unit: Text::new("hours", "小时"),
                suffix: "h",
                what: Text::new("dispatch", "发货"),
            },
        ),
        (
            &logistics.data.refund_within,
            ServiceLimit {
                key: "refund_within",
                max: MAX_REFUND_DAYS,
                unit_secs: DAY_SECS,
                unit: Text::new("days", "天"),
                suffix: "d",
                what: Text::new("refunds", "退款"),
            },
        ),
    ];
    for (field, limit) in limits {
        let (key, max, suffix) = (limit.key, amount(limit.max), limit.suffix);
        let (unit_en, unit_zh, what_en, what_zh) = (
            &limit.unit.en,
            &limit.unit.zh,
            &limit.what.en,
            &limit.what.zh,
        );
        let value = match field {
            Field::Present(value) => value,
            Field::Invalid(_) => continue,
            Field::Absent => {
                ctx.report(Place::File(logistics.file),
                        text!(
                            "no `{key}` is given; the challenge allows at most {max} {unit_en} for {what_en}",
                            "未填写 `{key}`；挑战赛要求{what_zh}不超过 {max} {unit_zh}"
                        ),
                    )
                    .help(text!(
                        "commit to {what_en} within {max} {unit_en} and write it as a duration, e.g. `{key}: {max}{suffix}`",
                        "请承诺 {max} {unit_zh}内完成{what_zh}，并以时长写明，例如 `{key}: {max}{suffix}`"
                    ));
                continue;
            }
        };
        let said = value.value.trim();
        let finding = match parse_duration(said) {
            None => ctx.report(value.span,
                text!(
                    "`{said}` is not a measurable duration",
                    "`{said}` 不是可衡量的时长"
                ),
            )
            .help(text!(
                "write a number and a unit (`h`, `d`); the challenge allows at most {max} {unit_en} for {what_en}, e.g. `{key}: {max}{suffix}`",
                "请写成数字加单位（`h`、`d`）；挑战赛要求{what_zh}不超过 {max} {unit_zh}，例如 `{key}: {max}{suffix}`"
            )),
            Some(secs) if over_limit(secs, &limit) => {
                let took = amount(secs / limit.unit_secs);
                ctx.report(value.span,
                    text!(
                        "`{said}` ({took} {unit_en}) is longer than the {max} {unit_en} allowed for {what_en}",
                        "`{said}`（{took} {unit_zh}）超过了{what_zh}时限 {max} {unit_zh}"
                    ),
                )
                .help(text!(
                    "commit to {what_en} within {max} {unit_en}, e.g. `{key}: {max}{suffix}`",
                    "请承诺 {max} {unit_zh}内完成{what_zh}，例如 `{key}: {max}{suffix}`"
                ))
            }
            Some(_) => continue,
        };
        drop(finding);
    }
}

/// CHL010: logistics tracking coverage is at least 98%.
pub(crate) fn tracking_coverage_reaches_the_minimum(ctx: &Ctx) {
    let min = amount(MIN_TRACKING_COVERAGE_PCT);
    let coverage = match document_field(ctx.sub.logistics.as_ref(), |l| &l.tracking_coverage) {
        Needed::Present(coverage) => coverage,
        Needed::Missing(place) => {
            ctx.report(place,
                    text!(
                        "no `tracking_coverage` is given; the challenge requires at least {min}% of parcels tracked",
                        "未填写 `tracking_coverage`（物流跟踪覆盖率）；挑战赛要求至少 {min}% 的包裹可追踪"
                    ),
                )
                .help(text!(
                    "give the share of parcels with a tracking number the platform can follow, in percent, e.g. `tracking_coverage: 98.6`",
                    "请以百分比填写有平台可追踪运单号的包裹占比，例如 `tracking_coverage: 98.6`"
                ));
            return;
        }
        Needed::Skip => return,
    };
    if coverage.value.0 >= MIN_TRACKING_COVERAGE_PCT {
        return;
    }
    let pct = amount(coverage.value.0);
    ctx.report(coverage.span,
            text!(
                "{pct}% of parcels tracked, below {min}%",
                "物流跟踪覆盖率为 {pct}%，低于 {min}%"
            ),
        )
        .help(text!(
            "ship with services that give every parcel a tracking number the platform can follow, until at least {min}% of parcels are tracked",
            "请使用可提供平台可追踪运单号的物流服务，使至少 {min}% 的包裹可追踪"
        ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Submission;
    use crate::load::attachment::{Attachment, AttachmentProblem};

    const SUBMISSION: &str = include_str!("../../../fixtures/challenge/submission.yaml");
    const LICENSE: &str = include_str!("../../../fixtures/challenge/license.yaml");
    const LOGISTICS: &str = include_str!("../../../fixtures/challenge/logistics.yaml");

    fn date(s: &str) -> Date {
        Date::parse(s, false).expect("test date")
    }

    /// A challenge submission as the rules see it: the clean fixture's documents, changed by a
    /// test, and what inspecting each attachment found.
    struct Folder {
        submission: String,
        license: String,
        logistics: Option<String>,
        attachments: Vec<(&'static str, Attachment)>,
        as_of: &'static str,
    }

    fn ok(kind: FileKind) -> Attachment {
        Attachment {
            kind: Some(kind),
            problem: None,
        }
    }

    impl Folder {
        fn clean() -> Folder {
            Folder {
                submission: SUBMISSION.to_owned(),
                license: LICENSE.to_owned(),
                logistics: Some(LOGISTICS.to_owned()),
                attachments: vec![
                    ("attachments/commitment-letter.pdf", ok(FileKind::Pdf)),
                    ("attachments/health-score.png", ok(FileKind::Png)),
                    ("attachments/license.pdf", ok(FileKind::Pdf)),
                    ("attachments/logistics-agreement.pdf", ok(FileKind::Pdf)),
                ],
                as_of: "2026-11-20",
            }
        }

        /// Replaces `from` (which must occur) in one document.
        fn edit(mut self, doc: &str, from: &str, to: &str) -> Folder {
            let text = match doc {
                "submission" => &mut self.submission,
                "license" => &mut self.license,
                _ => self.logistics.as_mut().expect("logistics.yaml"),
            };
            assert!(text.contains(from), "{doc}: no {from:?}");
            *text = text.replacen(from, to, 1);
            self
        }

        fn attachment(mut self, path: &'static str, found: Attachment) -> Folder {
            self.attachments.retain(|(p, _)| *p != path);
            self.attachments.push((path, found));
            self
        }

        /// Each finding's code and the text its primary label points at (empty: a document).
        fn findings(&self) -> Vec<(&'static str, String)> {
            use crate::rules::testing::{doc, run_at, span_texts};
            let mut sub = Submission {
                program: crate::model::Program::Challenge,
                ..Default::default()
            };
            sub.challenge = doc(&mut sub, "submission.yaml", &self.submission);
            sub.license = doc(&mut sub, "license.yaml", &self.license);
            sub.logistics = match &self.logistics {
                Some(text) => doc(&mut sub, "logistics.yaml", text),
                None => None,
            };
            for (path, found) in &self.attachments {
                sub.attachments.insert(normalized(path), found.clone());
            }
            let out = run_at(
                &sub,
                crate::markets::builtin(),
                date(self.as_of),
                &["CHL00", "CHL010"],
            );
            span_texts(&sub, &out)
        }
    }

    fn fired(code: &'static str, at: &str) -> Vec<(&'static str, String)> {
        vec![(code, at.to_owned())]
    }

    fn none() -> Vec<(&'static str, String)> {
        Vec::new()
    }

    #[test]
    fn the_clean_submission_fires_nothing() {
        assert_eq!(Folder::clean().findings(), none());
    }

    #[test]
    fn a_non_enterprise_store_or_an_individual_business_licence_is_one_finding() {
        let individual_store = Folder::clean().edit(
            "submission",
            "store_type: enterprise",
            "store_type: individual",
        );
        assert_eq!(individual_store.findings(), fired("CHL001", "individual"));
        let both = individual_store.edit(
            "license",
            "entity_type: limited-company",
            "entity_type: individual-business",
        );
        assert_eq!(both.findings(), fired("CHL001", "individual"));
        let licence = Folder::clean().edit(
            "license",
            "entity_type: limited-company",
            "entity_type: individual-business",
        );
        assert_eq!(licence.findings(), fired("CHL001", "individual-business"));
        let uscc = Folder::clean().edit("license", "uscc: 91", "uscc: 92");
        assert_eq!(uscc.findings(), fired("CHL001", "92440300MA5FHC8K1M"));
        let unstated = Folder::clean().edit("submission", "  store_type: enterprise\n", "");
        assert_eq!(unstated.findings(), fired("CHL001", "applicant"));
        // The licence value is the one finding when the store type is not stated either.
        let unstated_individual = unstated.edit("license", "uscc: 91", "uscc: 92");
        assert_eq!(
            unstated_individual.findings(),
            fired("CHL001", "92440300MA5FHC8K1M")
        );
        // A store type that could not be read is SUB002's.
        let unreadable =
            Folder::clean().edit("submission", "store_type: enterprise", "store_type: shop");
        assert_eq!(unreadable.findings(), none());
    }

    #[test]
    fn six_calendar_months_before_as_of_is_old_enough() {
        let registered = |on: &str, as_of: &'static str| {
            let mut folder = Folder::clean().edit(
                "license",
                "registered_on: 2018-04-16",
                &format!("registered_on: {on}"),
            );
            folder.as_of = as_of;
            folder.findings()
        };
        assert_eq!(registered("2026-05-20", "2026-11-20"), none());
        assert_eq!(
            registered("2026-05-21", "2026-11-20"),
            fired("CHL002", "2026-05-21")
        );
        // August has a 31st, February not: six months before 2026-08-31 is 2026-02-28.
        assert_eq!(registered("2026-02-28", "2026-08-31"), none());
        assert_eq!(
            registered("2026-03-01", "2026-08-31"),
            fired("CHL002", "2026-03-01")
        );
        assert_eq!(latest_registration(date("2026-08-31")), date("2026-02-28"));
        assert_eq!(latest_registration(date("2024-08-31")), date("2024-02-29"));
    }

    #[test]
    fn a_licence_qualifies_from_the_first_day_six_months_on() {
        for (registered, from) in [
            ("2026-05-21", "2026-11-21"),
            ("2026-02-28", "2026-08-28"),
            ("2025-08-31", "2026-03-01"),
            ("2023-08-31", "2024-03-01"),
            ("2023-08-29", "2024-02-29"),
        ] {
            let from = date(from);
            assert_eq!(qualifies_from(date(registered)), from, "{registered}");
            assert!(latest_registration(from) >= date(registered));
            assert!(latest_registration(from.add_days(-1)) < date(registered));
        }
    }

    #[test]
    fn a_health_score_of_exactly_85_passes() {
        let score = |s: &str| {
            Folder::clean()
                .edit(
                    "submission",
                    "health_score: 88",
                    &format!("health_score: {s}"),
                )
                .findings()
        };
        assert_eq!(score("85"), none());
        assert_eq!(score("85.0"), none());
        assert_eq!(score("84.9"), fired("CHL003", "84.9"));
    }

    #[test]
    fn exactly_50_skus_pass() {
        let skus = |n: &str| {
            Folder::clean()
                .edit("submission", "sku_count: 120", &format!("sku_count: {n}"))
                .findings()
        };
        assert_eq!(skus("50"), none());
        assert_eq!(skus("49"), fired("CHL008", "49"));
    }

    #[test]
    fn exactly_98_percent_tracking_passes() {
        let coverage = |c: &str| {
            Folder::clean()
                .edit(
                    "logistics",
                    "tracking_coverage: 98.6",
                    &format!("tracking_coverage: {c}"),
                )
                .findings()
        };
        assert_eq!(coverage("98"), none());
        assert_eq!(coverage("\"98%\""), none());
        assert_eq!(coverage("97.99"), fired("CHL010", "97.99"));
    }

    #[test]
    fn dispatch_and_refund_may_take_exactly_their_limit() {
        let levels = |dispatch: &str, refund: &str| {
            Folder::clean()
                .edit(
                    "logistics",
                    "dispatch_within: 72h",
                    &format!("dispatch_within: {dispatch}"),
                )
                .edit(
                    "logistics",
                    "refund_within: 15d",
                    &format!("refund_within: {refund}"),
                )
                .findings()
        };
        assert_eq!(levels("72h", "15d"), none());
        assert_eq!(levels("3d", "360h"), none());
        assert_eq!(levels("4320m", "15 days"), none());
        assert_eq!(levels("72.5h", "15d"), fired("CHL009", "72.5h"));
        assert_eq!(levels("72h", "361h"), fired("CHL009", "361h"));
        assert_eq!(
            levels("4d", "16d"),
            vec![("CHL009", "4d".to_owned()), ("CHL009", "16d".to_owned())]
        );
        assert_eq!(
            levels("ASAP", "尽快"),
            vec![("CHL009", "ASAP".to_owned()), ("CHL009", "尽快".to_owned())]
        );
    }

    #[test]
    fn a_rising_store_may_be_open_exactly_180_days_at_the_start() {
        let opened = |on: &str| {
            Folder::clean()
                .edit("submission", "track: leap", "track: rising")
                .edit(
                    "submission",
                    "opened_on: 2026-03-02",
                    &format!("opened_on: {on}"),
                )
                .findings()
        };
        // The challenge starts on 2026-11-25.
        assert_eq!(opened("2026-05-29"), none());
        assert_eq!(opened("2026-05-28"), fired("CHL007", "rising"));
        assert_eq!(opened("2026-11-30"), none());
        assert!(!too_old_for_rising(date("2026-05-29"), date("2026-11-25")));
        assert!(too_old_for_rising(date("2026-05-28"), date("2026-11-25")));
        let no_date = Folder::clean()
            .edit("submission", "track: leap", "track: rising")
            .edit("submission", "  opened_on: 2026-03-02\n", "");
        assert_eq!(no_date.findings(), fired("CHL007", "rising"));
        // The opening date is needed whatever T is; the store age needs T (CHL016 reports it).
        let no_start = |folder: Folder| {
            folder.edit(
                "submission",
                "challenge_start: 2026-11-25             # T+0; T+30 is 2026-12-25\n",
                "",
            )
        };
        assert_eq!(no_start(no_date).findings(), fired("CHL007", "rising"));
        let old_store = Folder::clean()
            .edit("submission", "track: leap", "track: rising")
            .edit(
                "submission",
                "opened_on: 2026-03-02",
                "opened_on: 2025-01-01",
            );
        assert_eq!(old_store.findings(), fired("CHL007", "rising"));
        assert_eq!(no_start(old_store).findings(), none());
        let unreadable_date = Folder::clean()
            .edit("submission", "track: leap", "track: rising")
            .edit("submission", "opened_on: 2026-03-02", "opened_on: spring");
        assert_eq!(unreadable_date.findings(), none());
    }

    #[test]
    fn a_missing_track_is_reported_at_the_applicant() {
        let no_track = Folder::clean().edit("submission", "  track: leap\n", "");
        assert_eq!(no_track.findings(), fired("CHL007", "applicant"));
        let unreadable = Folder::clean().edit("submission", "track: leap", "track: sprint");
        assert_eq!(unreadable.findings(), none());
    }

    #[test]
    fn a_missing_value_is_reported_by_the_rule_that_needs_it() {
        let without = |doc: &str, line: &str| Folder::clean().edit(doc, line, "").findings();
        assert_eq!(
            without("submission", "  health_score: 88\n"),
            fired("CHL003", "applicant")
        );
        assert_eq!(
            without("submission", "  sku_count: 120\n"),
            fired("CHL008", "applicant")
        );
        assert_eq!(
            without("license", "registered_on: 2018-04-16\n"),
            fired("CHL002", "")
        );
        assert_eq!(
            without("logistics", "tracking_coverage: 98.6\n"),
            fired("CHL010", "")
        );
        assert_eq!(
            without("logistics", "dispatch_within: 72h\n"),
            fired("CHL009", "")
        );
        assert_eq!(
            without("logistics", "refund_within: 15d\n"),
            fired("CHL009", "")
        );
        let neither = Folder::clean()
            .edit("logistics", "dispatch_within: 72h\n", "")
            .edit("logistics", "refund_within: 15d\n", "");
        assert_eq!(
            neither.findings(),
            vec![("CHL009", String::new()), ("CHL009", String::new())]
        );
    }

    #[test]
    fn a_value_that_could_not_be_read_is_not_reported_again() {
        let changed =
            |doc: &str, from: &str, to: &str| Folder::clean().edit(doc, from, to).findings();
        assert_eq!(
            changed("submission", "health_score: 88", "health_score: high"),
            none()
        );
        assert_eq!(
            changed("submission", "sku_count: 120", "sku_count: many"),
            none()
        );
        assert_eq!(
            changed(
                "license",
                "registered_on: 2018-04-16",
                "registered_on: long ago"
            ),
            none()
        );
        assert_eq!(
            changed(
                "logistics",
                "tracking_coverage: 98.6",
                "tracking_coverage: [98]"
            ),
            none()
        );
        assert_eq!(
            changed(
                "logistics",
                "dispatch_within: 72h",
                "dispatch_within: [72h]"
            ),
            none()
        );
    }

    #[test]
    fn without_an_applicant_each_rule_reports_its_value_once_at_the_document() {
        let start = SUBMISSION
            .find("applicant:")
            .expect("clean has an applicant");
        let end = SUBMISSION.find("markets:").expect("clean has markets");
        let mut folder = Folder::clean();
        folder.submission.replace_range(start..end, "");
        assert_eq!(
            folder.findings(),
            vec![
                ("CHL001", String::new()),
                ("CHL003", String::new()),
                ("CHL007", String::new()),
                ("CHL008", String::new()),
            ]
        );
        // An applicant that could not be read at all is SUB002's.
        let mut unreadable = Folder::clean();
        unreadable
            .submission
            .replace_range(start..end, "applicant: enterprise\n");
        assert_eq!(unreadable.findings(), none());
    }

    #[test]
    fn a_leap_store_reaches_5000_in_each_of_its_last_3_months() {
        let gmv = |months: &str| {
            Folder::clean()
                .edit("submission", "[6200, 5400, 7100]", months)
                .findings()
        };
        assert_eq!(gmv("[5000, 5000, 5000]"), none());
        assert_eq!(gmv("[100, 6200, 5400, 7100]"), none());
        assert_eq!(gmv("[6200, 4999.99, 7100]"), fired("CHL007", "leap"));
        assert_eq!(gmv("[4000, 6200, 5400]"), fired("CHL007", "leap"));
        assert_eq!(gmv("[6200, 5400]"), fired("CHL007", "leap"));
        assert_eq!(gmv("[]"), fired("CHL007", "leap"));
        // A month that could not be read is reported as SUB002 only.
        assert_eq!(gmv("[6200, lots, 7100]"), none());
        let absent =
            Folder::clean().edit("submission", "  monthly_gmv_usd: [6200, 5400, 7100]", "");
        assert_eq!(absent.findings(), fired("CHL007", "leap"));
    }

    #[test]
    fn leap_problems_look_at_the_last_three_months_only() {
        let months = |values: &[f64]| -> Vec<Sp<Number>> {
            values
                .iter()
                .map(|v| Sp {
                    value: Number(*v),
                    span: Span::new(crate::source::FileId(0), 0..0),
                })
                .collect()
        };
        assert_eq!(
            leap_problem(&months(&[6200.0])),
            Some(LeapProblem::TooFewMonths(1))
        );
        assert_eq!(leap_problem(&months(&[1.0, 5000.0, 5000.0, 5000.0])), None);
        let low = months(&[9000.0, 4999.0, 5000.0, 10.0]);
        assert_eq!(
            leap_problem(&low),
            Some(LeapProblem::LowMonths(vec![&low[1], &low[3]]))
        );
    }

    #[test]
    fn attachments_are_named_and_of_the_right_kind() {
        let screenshot = "attachments/health-score.png";
        let letter = "attachments/commitment-letter.pdf";
        assert_eq!(
            Folder::clean()
                .attachment(screenshot, ok(FileKind::Pdf))
                .findings(),
            fired("CHL004", screenshot)
        );
        assert_eq!(
            Folder::clean()
                .attachment(screenshot, ok(FileKind::Jpeg))
                .findings(),
            none()
        );
        assert_eq!(
            Folder::clean()
                .attachment(letter, ok(FileKind::Png))
                .findings(),
            fired("CHL005", letter)
        );
        let no_screenshot = Folder::clean().edit(
            "submission",
            "  health_score_screenshot: attachments/health-score.png\n",
            "",
        );
        assert_eq!(no_screenshot.findings(), fired("CHL004", "attachments"));
        let no_letter = Folder::clean().edit(
            "submission",
            "  commitment_letter: attachments/commitment-letter.pdf\n",
            "",
        );
        assert_eq!(no_letter.findings(), fired("CHL005", "attachments"));
        let blank = Folder::clean().edit(
            "submission",
            "commitment_letter: attachments/commitment-letter.pdf",
            "commitment_letter: \"\"",
        );
        assert_eq!(blank.findings(), fired("CHL005", "\"\""));
        let start = SUBMISSION
            .find("attachments:")
            .expect("clean has attachments");
        let mut none_at_all = Folder::clean();
        none_at_all.submission.truncate(start);
        assert_eq!(
            none_at_all.findings(),
            vec![("CHL004", String::new()), ("CHL005", String::new())]
        );
    }

    #[test]
    fn a_path_that_fails_sub004_or_sub005_is_not_reported_again() {
        let failed = |kind: Option<FileKind>, problem: AttachmentProblem| Attachment {
            kind,
            problem: Some(problem),
        };
        for (path, found) in [
            (
                "attachments/health-score.png",
                failed(None, AttachmentProblem::Missing),
            ),
            (
                "attachments/health-score.png",
                failed(None, AttachmentProblem::UnknownType),
            ),
            (
                "attachments/health-score.png",
                failed(
                    Some(FileKind::Pdf),
                    AttachmentProblem::ExtensionMismatch {
                        actual: FileKind::Pdf,
                    },
                ),
            ),
            (
                "attachments/commitment-letter.pdf",
                failed(Some(FileKind::Pdf), AttachmentProblem::EncryptedPdf),
            ),
            (
                "attachments/commitment-letter.pdf",
                failed(
                    Some(FileKind::Jpeg),
                    AttachmentProblem::ExtensionMismatch {
                        actual: FileKind::Jpeg,
                    },
                ),
            ),
            (
                "attachments/logistics-agreement.pdf",
                failed(None, AttachmentProblem::Outside),
            ),
        ] {
            assert_eq!(
                Folder::clean().attachment(path, found).findings(),
                none(),
                "{path}"
            );
        }
    }

    #[test]
    fn the_agreement_covers_every_market_and_shows_what_it_must() {
        let countries = |list: &str| {
            Folder::clean()
                .edit("logistics", "countries: [ES, PL, MX]", list)
                .findings()
        };
        assert_eq!(countries("countries: [es, pl, mx]"), none());
        assert_eq!(countries("countries: [ES, PL]"), fired("CHL006", "MX"));
        assert_eq!(
            countries("countries: []"),
            vec![
                ("CHL006", "ES".to_owned()),
                ("CHL006", "PL".to_owned()),
                ("CHL006", "MX".to_owned())
            ]
        );
        // A country that could not be read (SUB002) may be the market.
        assert_eq!(countries("countries: [ES, PL, [MX]]"), none());
        assert_eq!(
            Folder::clean()
                .edit(
                    "logistics",
                    "  scan: attachments/logistics-agreement.pdf\n",
                    ""
                )
                .findings(),
            fired("CHL006", "agreement")
        );
        let incomplete = Folder::clean()
            .edit("logistics", "  start_date: 2026-01-10\n", "")
            .edit("logistics", "  countries: [ES, PL, MX]\n", "");
        assert_eq!(incomplete.findings(), fired("CHL006", "agreement"));
        let start = LOGISTICS.find("service:").expect("clean has service");
        let mut no_agreement = Folder::clean();
        no_agreement.logistics = Some(LOGISTICS[start..].to_owned());
        assert_eq!(no_agreement.findings(), fired("CHL006", ""));
        let mut no_logistics = Folder::clean();
        no_logistics.logistics = None;
        assert_eq!(no_logistics.findings(), none());
    }

    #[test]
    fn amounts_are_written_plainly() {
        assert_eq!(amount(85.0), "85");
        assert_eq!(amount(100.0), "100");
        assert_eq!(amount(97.5), "97.5");
        assert_eq!(dollars(5000.0), "US$5,000");
        assert_eq!(dollars(999.0), "US$999");
        assert_eq!(dollars(1_234_567.5), "US$1,234,567.5");
        let keys = ["`a`".to_owned(), "`b`".to_owned(), "`c`".to_owned()];
        assert_eq!(join_and(&keys[..1], ", ", " and "), "`a`");
        assert_eq!(join_and(&keys[..2], ", ", " and "), "`a` and `b`");
        assert_eq!(join_and(&keys, ", ", " and "), "`a`, `b` and `c`");
    }
}
