//! Customer-service rules SLA001–SLA006 (`service.yaml`).

use super::{Ctx, Duration, complete_list, duration_within, needed, section_field};
use crate::load::list;
use crate::load::typed::{Field, List};
use crate::markets::{Market, MarketTable};
use crate::model::{Calendar, ServiceLanguage, Sp, Staffing, parse_duration};

/// The longest first response on local returns the performance fee accepts.
const RETURNS_FIRST_RESPONSE_SECS: f64 = 24.0 * 3600.0;

/// SLA001: every service language of every target market has a `languages` entry covering it.
pub(crate) fn every_market_language_is_served(ctx: &Ctx) {
    let Some(service) = ctx.sub.service.as_ref() else {
        return;
    };
    // An unreadable list, or an entry of it that could not be read (SUB002), may hold the
    // missing language: that finding names the root cause.
    let Some(entries) = complete_list(&service.data.languages) else {
        return;
    };
    for (target, market) in ctx.target_markets() {
        let code = market.code.as_str();
        for language in &market.languages {
            let covered = entries.iter().any(|e| {
                same_language(&e.language.value, language) && serves_market(e, code) != Some(false)
            });
            if covered {
                continue;
            }
            let name = &market.name;
            let (name_en, name_zh) = (&name.en, &name.zh);
            let listed_elsewhere = entries.iter().find_map(|e| {
                let markets = e.markets.get()?;
                same_language(&e.language.value, language).then_some(markets.span)
            });
            // An entry with the language written another way (`Arabic`, `阿拉伯语`): named, with
            // the code as its fix.
            let named = entries.iter().find(|e| {
                ctx.markets.language_meant(&e.language.value) == Some(language.as_str())
                    && serves_market(e, code) != Some(false)
            });
            let finding = ctx.report(
                target.span,
                text!(
                    "{name_en} ({code}) has no customer service in `{language}`",
                    "{name_zh}（{code}）没有 `{language}` 语言的客服"
                ),
            );
            if let Some(entry) = named {
                let (span, written) = (entry.language.span, entry.language.value.trim());
                let finding = finding
                    .label(span, text!("did you mean `{language}`?", "是否应为 `{language}`？"))
                    .help(text!(
                        "`{written}` is a name of the language, not its code: write `language: {language}` (BCP 47)",
                        "`{written}` 是语言名称而非语言代码：请写作 `language: {language}`（BCP 47）"
                    ));
                if let Some(replacement) = crate::load::text::requoted(ctx.text(span), language) {
                    finding.fix_at(
                        span,
                        text!("write the language code", "改为语言代码"),
                        replacement,
                    );
                }
                continue;
            }
            finding
            .help(
                super::written_another_way(
                    ctx.markets,
                    code,
                    entries
                        .iter()
                        .filter(|e| same_language(&e.language.value, language))
                        .filter_map(|e| e.markets.get().map(|m| &m.value)),
                )
                .unwrap_or_else(|| text!(
                    "add a `languages` entry with `language: {language}` whose `markets` lists `{code}` (or has no `markets`), staffed by people who speak it",
                    "在 `languages` 中增加 `language: {language}` 的条目，其 `markets` 包含 `{code}`（或不写 `markets`），并由会该语言的客服负责"
                )),
            )
            .labels(listed_elsewhere.map(|span| {
                (
                    span,
                    text!(
                        "the `{language}` entry serves only these markets",
                        "`{language}` 条目只服务这些市场"
                    ),
                )
            }));
        }
    }
}

/// SLA002: every language entry promises a measurable first response.
pub(crate) fn first_response_is_measurable(ctx: &Ctx) {
    let Some(service) = ctx.sub.service.as_ref() else {
        return;
    };
    for entry in list(&service.data.languages) {
        let language = entry.language.value.trim();
        let spoken = ctx.markets.language_meant(language).unwrap_or(language);
        let example = first_response_example(ctx, spoken);
        let Some(value) = ctx.needs(
            needed(&entry.first_response, || entry.span.into()),
            || text!(
                "the `{language}` entry has no `first_response`",
                "`{language}` 条目没有 `first_response`（首次响应时限）"
            ),
            || text!(
                "state the first-response time as a number and a unit, e.g. `first_response: {example}`",
                "以数字加单位写明首次响应时限，例如 `first_response: {example}`"
            ),
        ) else {
            continue;
        };
        if parse_duration(&value.value).is_some() {
            continue;
        }
        let said = value.value.trim();
        ctx.report(
            value.span,
            text!(
                "`{said}` is not a measurable duration",
                "`{said}` 不是可衡量的时长"
            ),
        )
        .help(text!(
            "write a number and a unit (`s`, `m`, `h`, `d`), e.g. `first_response: {example}`",
            "写成数字加单位（`s`、`m`、`h`、`d`），例如 `first_response: {example}`"
        ));
    }
}

/// A first response SLA002's help can suggest for `language`: the market table's limit for the
/// language (`120m` for Arabic), so that the suggestion also meets SLA003; `4h` for a language
/// without a limit.
fn first_response_example(ctx: &Ctx, language: &str) -> String {
    ctx.markets
        .language_sla_minutes
        .iter()
        .find(|(limited, _)| same_language(limited, language))
        .map(|(_, minutes)| format!("{minutes}m"))
        .filter(|example| parse_duration(example).is_some())
        .unwrap_or_else(|| "4h".to_owned())
}

/// SLA003: languages with a programme limit (Arabic: 120 minutes) answer within it.
pub(crate) fn first_response_within_language_limit(ctx: &Ctx) {
    let Some(service) = ctx.sub.service.as_ref() else {
        return;
    };
    for (language, &limit) in &ctx.markets.language_sla_minutes {
        for entry in list(&service.data.languages) {
            if !speaks(ctx.markets, &entry.language.value, language) {
                continue;
            }
            let Some(value) = entry.first_response.get() else {
                continue;
            };
            let Duration::Over(secs) = duration_within(&value.value, f64::from(limit) * 60.0)
            else {
                continue;
            };
            let (said, minutes) = (value.value.trim(), minutes(secs));
            ctx.report(value.span,
                    text!(
                        "`{said}` ({minutes} minutes) is longer than the {limit} minutes allowed for `{language}`",
                        "`{said}`（{minutes} 分钟）超过了 `{language}` 允许的 {limit} 分钟"
                    ),
                )
                .help(text!(
                    "commit to a first response within {limit} minutes on working days, e.g. `first_response: {limit}m`",
                    "承诺工作日 {limit} 分钟内首次响应，例如 `first_response: {limit}m`"
                ));
        }
    }
}

/// SLA004: a working-days calendar says which days and where; the time zone is an IANA name; the
/// working week is the one of the markets the entry serves.
pub(crate) fn working_calendar_is_complete_and_local(ctx: &Ctx) {
    let Some(service) = ctx.sub.service.as_ref() else {
        return;
    };
    let targets = ctx.target_markets();
    for entry in list(&service.data.languages) {
        let served: Vec<&Market> = targets
            .iter()
            .map(|(_, m)| *m)
            .filter(|m| entry_serves(ctx.markets, entry, m))
            .collect();
        let example = served.first().copied();
        calendar_says_which_days_and_where(ctx, entry, example);
        time_zone_is_iana(ctx, entry, example);
        working_week_is_the_markets(ctx, entry, &served);
    }
}

/// SLA004, the calendar: an entry counting working days names its `working_week` and its
/// `timezone`; `example` is a market it serves, whose week and zone the help shows.
fn calendar_says_which_days_and_where(
    ctx: &Ctx,
    entry: &Sp<ServiceLanguage>,
    example: Option<&Market>,
) {
    let language = entry.language.value.trim();
    let working_days = matches!(entry.calendar.get(), Some(c) if c.value == Calendar::WorkingDays);
    let missing: Vec<&str> = [
        ("working_week", entry.working_week.is_absent()),
        ("timezone", entry.timezone.is_absent()),
    ]
    .into_iter()
    .filter_map(|(key, absent)| absent.then_some(key))
    .collect();
    if !working_days || missing.is_empty() {
        return;
    }
    let (en, zh) = (
        missing
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(" and "),
        missing
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join("和"),
    );
    let help = match example {
        Some(m) => {
            let (week, zone) = (&m.working_week, &m.timezone);
            text!(
                "say which days count and whose clock runs, e.g. `working_week: {week}` and `timezone: {zone}`",
                "写明哪些天算工作日、按哪个时区计时，例如 `working_week: {week}` 和 `timezone: {zone}`"
            )
        }
        None => text!(
            "say which days count (`working_week`) and whose clock runs (`timezone`, an IANA name)",
            "写明哪些天算工作日（`working_week`）以及按哪个时区计时（`timezone`，IANA 名称）"
        ),
    };
    ctx.report(
        entry.span,
        text!(
            "the `{language}` entry counts working days without {en}",
            "`{language}` 条目按工作日计时，但缺少 {zh}"
        ),
    )
    .help(help);
}

/// SLA004, the time zone: `timezone` is an IANA name; `example` is a market the entry serves,
/// whose zone the help shows.
fn time_zone_is_iana(ctx: &Ctx, entry: &Sp<ServiceLanguage>, example: Option<&Market>) {
    let Some(zone) = entry.timezone.get() else {
        return;
    };
    let said = zone.value.trim();
    if is_iana_time_zone(said) {
        return;
    }
    let hint = example.map_or_else(
        || {
            text!(
                "an IANA name such as `Area/City`",
                "IANA 名称，形如 `Area/City`"
            )
        },
        |m| {
            let (tz, name_en, name_zh) = (&m.timezone, &m.name.en, &m.name.zh);
            text!("`{tz}` for {name_en}", "{name_zh}为 `{tz}`")
        },
    );
    let (hint_en, hint_zh) = (hint.en, hint.zh);
    ctx.report(
        zone.span,
        text!(
            "`{said}` is not an IANA time-zone name",
            "`{said}` 不是 IANA 时区名称"
        ),
    )
    .help(text!(
        "write the IANA name of the market's time zone: {hint_en}",
        "请填写市场所在时区的 IANA 名称：{hint_zh}"
    ));
}

/// SLA004, the week: `working_week` is the working week of every market the entry serves.
fn working_week_is_the_markets(ctx: &Ctx, entry: &Sp<ServiceLanguage>, served: &[&Market]) {
    let Some(week) = entry.working_week.get() else {
        return;
    };
    let unlike: Vec<&Market> = served
        .iter()
        .copied()
        .filter(|m| !same_week(&week.value, &m.working_week))
        .collect();
    let (Some(first), false) = (served.first(), unlike.is_empty()) else {
        return;
    };
    let language = entry.language.value.trim();
    let said = week.value.trim();
    let describe = |zh: bool| {
        unlike
            .iter()
            .map(|m| {
                let (name, code, w) = (
                    if zh { &m.name.zh } else { &m.name.en },
                    &m.code,
                    &m.working_week,
                );
                if zh {
                    format!("{name}（{code}）的工作周为 `{w}`")
                } else {
                    format!("{name} ({code}) works `{w}`")
                }
            })
            .collect::<Vec<_>>()
            .join(if zh { "；" } else { "; " })
    };
    let (en, zh) = (describe(false), describe(true));
    let first_week = &first.working_week;
    let one_week = served
        .iter()
        .all(|m| same_week(&m.working_week, first_week));
    let help = if one_week {
        text!(
            "count the days the market works: `working_week: {first_week}`",
            "按市场的工作日计算：`working_week: {first_week}`"
        )
    } else {
        text!(
            "these markets work different weeks: give each its own `{language}` entry with its `markets` and `working_week`",
            "这些市场的工作周不同：请为每个市场单独写一个 `{language}` 条目，分别填写 `markets` 和 `working_week`"
        )
    };
    ctx.report(
        week.span,
        text!(
            "`{said}` is not the working week of the market: {en}",
            "`{said}` 与市场的工作周不一致：{zh}"
        ),
    )
    .help(help);
}

/// SLA005: local returns get a first response within 24 hours.
pub(crate) fn returns_first_response_within_a_day(ctx: &Ctx) {
    let help = || {
        text!(
            "commit to a first response on local returns within 24 hours, e.g. `first_response: 24h` under `returns_handling`",
            "承诺本地退货 24 小时内首次响应，例如在 `returns_handling` 下写 `first_response: 24h`"
        )
    };
    let Some(value) = ctx.needs(
        section_field(
            ctx.sub.service.as_ref(),
            "returns_handling",
            |d| &d.returns_handling,
            |h| &h.first_response,
        ),
        || {
            text!(
                "no `returns_handling.first_response`",
                "没有 `returns_handling.first_response`（退货首次响应时限）"
            )
        },
        help(),
    ) else {
        return;
    };
    let said = value.value.trim();
    let message = match duration_within(&value.value, RETURNS_FIRST_RESPONSE_SECS) {
        Duration::Unmeasurable => text!(
            "`{said}` is not a measurable duration, so it does not commit to 24 hours",
            "`{said}` 不是可衡量的时长，不构成 24 小时内响应的承诺"
        ),
        Duration::Over(secs) => {
            let hours = hours(secs);
            text!(
                "`{said}` ({hours} hours) is longer than 24 hours",
                "`{said}`（{hours} 小时）超过 24 小时"
            )
        }
        Duration::Within => return,
    };
    ctx.report(value.span, message).help(help());
}

/// SLA006: no language is answered by machine translation alone.
pub(crate) fn no_machine_translation(ctx: &Ctx) {
    let Some(service) = ctx.sub.service.as_ref() else {
        return;
    };
    for entry in list(&service.data.languages) {
        let language = entry.language.value.trim();
        let Some(staffing) = ctx.needs(
            needed(&entry.staffing, || entry.span.into()),
            || text!(
                "the `{language}` entry does not say who answers: no `staffing`",
                "`{language}` 条目未写明由谁应答：缺少 `staffing`"
            ),
            || text!(
                "say who answers `{language}`: `staffing: native`, `bilingual` or `outsourced` (agents who speak it), or `machine-translation`",
                "请写明 `{language}` 由谁应答：`staffing: native`、`bilingual` 或 `outsourced`（会该语言的客服），或 `machine-translation`"
            ),
        ) else {
            continue;
        };
        if staffing.value != Staffing::MachineTranslation {
            continue;
        }
        ctx.report(
            staffing.span,
            text!(
                "`{language}` is answered by machine translation, with no one who speaks it",
                "`{language}` 由机器翻译应答，没有会该语言的客服"
            ),
        )
        .help(text!(
            "staff `{language}` with `native`, `bilingual` or `outsourced` agents who speak it",
            "为 `{language}` 配备会该语言的客服：`native`、`bilingual` 或 `outsourced`"
        ));
    }
}

/// Whether the entry's `markets` lists `code`: `None` when it has no readable list (the default:
/// every target market that speaks the language).
fn serves_market(entry: &ServiceLanguage, code: &str) -> Option<bool> {
    listed(&entry.markets).map(|l| l.iter().any(|m| m.value.trim() == code))
}

fn listed(markets: &Field<List<String>>) -> Option<&List<String>> {
    markets.get().map(|l| &l.value)
}

/// Whether the entry answers the customers of `market`: the markets it lists, or without a list
/// (or an unreadable one), every market that speaks its language.
fn entry_serves(table: &MarketTable, entry: &ServiceLanguage, market: &Market) -> bool {
    match serves_market(entry, &market.code) {
        Some(listed) => listed,
        None => market
            .languages
            .iter()
            .any(|l| speaks(table, &entry.language.value, l)),
    }
}

/// Whether an entry's `language` (as written) is the language `code`: its tag (`ar`, `ar-SA`), or
/// one of the names the market table gives it (`Arabic`, `阿拉伯语`, `ara`).
fn speaks(table: &MarketTable, written: &str, code: &str) -> bool {
    same_language(written, code) || table.language_meant(written) == Some(code)
}

/// Whether two language tags name the same language: their primary subtags (BCP 47), compared
/// case-insensitively, so `ar-SA`, `AR` and `ar` are all Arabic and `pt_BR` is Portuguese.
fn same_language(a: &str, b: &str) -> bool {
    primary_subtag(a).eq_ignore_ascii_case(primary_subtag(b))
}

/// `ar-SA` → `ar`; the underscore of POSIX locales (`pt_BR`) separates too.
fn primary_subtag(tag: &str) -> &str {
    let tag = tag.trim();
    tag.split(['-', '_']).next().unwrap_or(tag).trim()
}

/// Working weeks written `sun-thu`, `Sun–Thu` or `sun - thu` are the same week.
fn same_week(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if matches!(c, '–' | '—') { '-' } else { c })
            .flat_map(char::to_lowercase)
            .collect()
    };
    norm(a) == norm(b)
}

fn is_iana_time_zone(name: &str) -> bool {
    !name.is_empty() && jiff::tz::TimeZone::get(name).is_ok()
}

fn minutes(secs: f64) -> String {
    trim_number(secs / 60.0)
}

fn hours(secs: f64) -> String {
    trim_number(secs / 3600.0)
}

/// `180`, `2.5`: at most two decimals, none when whole.
fn trim_number(n: f64) -> String {
    let s = format!("{n:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The clean fixture with `files` replaced, linted by this module only: (code, text at the
    /// finding's place, or the file name for a whole-document finding).
    fn findings(files: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        let fixture = crate::rules::testing::clean_with(files);
        let out = crate::rules::testing::run(&fixture.sub, crate::markets::builtin(), &["SLA"]);
        crate::rules::testing::places(&fixture.sub, &out)
    }

    /// `service.yaml` with these `languages` entries; an entry that does not say who answers is
    /// staffed `native` (SLA006 needs to know).
    fn service(entries: &str) -> Vec<(&'static str, String)> {
        let staffed: String = entries
            .split_inclusive('\n')
            .fold(Vec::<String>::new(), |mut blocks, line| {
                match blocks.last_mut() {
                    Some(block) if !line.starts_with("  - ") => block.push_str(line),
                    _ => blocks.push(line.to_owned()),
                }
                blocks
            })
            .into_iter()
            .map(|block| match block.contains("staffing:") {
                true => block,
                false => format!("{block}    staffing: native\n"),
            })
            .collect();
        findings(&[(
            "service.yaml",
            &format!("languages:\n{staffed}returns_handling:\n  first_response: 24h\n"),
        )])
    }

    const ES: &str =
        "  - language: es\n    markets: [ES]\n    first_response: 4h\n    staffing: native\n";
    const PT: &str = "  - language: pt\n    first_response: 4h\n    staffing: native\n";

    fn ar(extra: &str) -> String {
        format!("  - language: ar\n    first_response: 2h\n{extra}")
    }

    #[test]
    fn the_clean_service_plan_passes() {
        assert_eq!(findings(&[]), []);
    }

    #[test]
    fn an_entry_without_markets_covers_every_market_speaking_it() {
        assert_eq!(service(&format!("{ES}{PT}{}", ar(""))), []);
    }

    #[test]
    fn a_market_listed_nowhere_for_its_language_is_not_covered() {
        let entries =
            format!("{ES}{PT}  - language: ar\n    markets: [AE]\n    first_response: 2h\n");
        assert_eq!(service(&entries), [("SLA001", "SA".to_owned())]);
        // Listing the market under another language does not cover it either.
        let entries =
            format!("{ES}  - language: pt\n    markets: [BR, SA]\n    first_response: 4h\n");
        assert_eq!(service(&entries), [("SLA001", "SA".to_owned())]);
    }

    #[test]
    fn an_entry_that_could_not_be_read_may_be_the_missing_language() {
        // `language: [ar]` is SUB002 at the value; SA is not reported unserved a second time.
        let entries = format!("{ES}{PT}  - language: [ar]\n    first_response: 2h\n");
        assert_eq!(service(&entries), []);
    }

    #[test]
    fn a_language_written_by_its_name_is_that_language_and_named_by_sla001() {
        for written in ["Arabic", "阿拉伯语", "ara", "العربية", "arabic"] {
            let entry = format!("  - language: {written}\n    first_response: 3h\n");
            let fixture = crate::rules::testing::clean_with(&[(
                "service.yaml",
                &format!("languages:\n{ES}{PT}{entry}returns_handling:\n  first_response: 24h\n")
                    .replace(
                        "    first_response: 3h\n",
                        "    first_response: 3h\n    staffing: native\n",
                    ),
            )]);
            let out = crate::rules::testing::run(&fixture.sub, crate::markets::builtin(), &["SLA"]);
            let found = crate::rules::testing::places(&fixture.sub, &out);
            // SLA001 at the market; SLA003 judges the entry as Arabic (3 hours is over 120 minutes).
            assert_eq!(
                found,
                [("SLA001", "SA".to_owned()), ("SLA003", "3h".to_owned())],
                "{written}"
            );
            let label = &out[0].labels[0];
            let crate::finding::Place::Span(at) = label.place else {
                panic!("a label at the entry")
            };
            assert_eq!(fixture.sub.db.get(at.file).slice(at), written);
            assert_eq!(label.message.en, "did you mean `ar`?");
            let fix = out[0].fix.as_ref().expect("a fix");
            assert_eq!((fix.replacement.as_str(), fix.at), ("ar", Some(at)));
        }
        // Every service language of the market table has its names.
        let table = crate::markets::builtin();
        for market in &table.markets {
            for language in &market.languages {
                assert!(table.language_names.contains_key(language), "{language}");
            }
        }
    }

    #[test]
    fn languages_compare_by_their_primary_subtag() {
        assert!(same_language("ar-SA", "ar"));
        assert!(same_language("AR", "ar"));
        assert!(same_language(" pt_BR ", "pt"));
        assert!(same_language("zh-Hant-TW", "ZH"));
        assert!(!same_language("arn", "ar"));
        assert!(!same_language("", "ar"));
        // A regional tag covers its market and is held to its language's limit.
        let ar_sa = |said: &str| format!("  - language: ar-SA\n    first_response: {said}\n");
        assert_eq!(service(&format!("{ES}{PT}{}", ar_sa("2h"))), []);
        assert_eq!(
            service(&format!("{ES}{PT}{}", ar_sa("3h"))),
            [("SLA003", "3h".to_owned())]
        );
        let entries = "  - language: ES\n    first_response: 4h\n  - language: pt_BR\n    markets: [BR]\n    first_response: 4h\n  - language: AR\n    first_response: 121m\n";
        assert_eq!(service(entries), [("SLA003", "121m".to_owned())]);
    }

    #[test]
    fn markets_outside_the_programme_are_left_to_sto004() {
        let sub = "program: cooperation\nmarkets: [ES, US]\nsubmitted_on: 2026-11-20\n";
        assert_eq!(
            findings(&[
                ("submission.yaml", sub),
                (
                    "service.yaml",
                    &format!("languages:\n{ES}returns_handling:\n  first_response: 24h\n")
                ),
            ]),
            []
        );
    }

    #[test]
    fn arabic_limit_is_exclusive() {
        for (said, fires) in [
            ("120m", false),
            ("2h", false),
            ("121m", true),
            ("2.5 h", true),
        ] {
            let entries = format!("{ES}{PT}  - language: ar\n    first_response: {said}\n");
            let want: Vec<_> = if fires {
                vec![("SLA003", said.to_owned())]
            } else {
                vec![]
            };
            assert_eq!(service(&entries), want, "{said}");
        }
    }

    #[test]
    fn the_suggested_first_response_meets_the_languages_limit() {
        let helps = |entries: &str| -> Vec<String> {
            let fixture = crate::rules::testing::clean_with(&[(
                "service.yaml",
                &format!("languages:\n{entries}returns_handling:\n  first_response: 24h\n"),
            )]);
            let out =
                crate::rules::testing::run(&fixture.sub, crate::markets::builtin(), &["SLA002"]);
            out.iter()
                .filter_map(|f| Some(f.help.as_ref()?.en.clone()))
                .collect()
        };
        let got = helps(&format!(
            "{ES}{PT}  - language: ar\n    first_response: soon\n    staffing: native\n"
        ));
        assert_eq!(
            got,
            ["write a number and a unit (`s`, `m`, `h`, `d`), e.g. `first_response: 120m`"]
        );
        let got = helps(&format!(
            "{ES}{PT}  - language: ar-SA\n    staffing: native\n"
        ));
        assert_eq!(
            got,
            ["state the first-response time as a number and a unit, e.g. `first_response: 120m`"]
        );
        let got = helps(&format!(
            "  - language: es\n    first_response: pronto\n    staffing: native\n{PT}"
        ));
        assert_eq!(
            got,
            ["write a number and a unit (`s`, `m`, `h`, `d`), e.g. `first_response: 4h`"]
        );
        // The suggestion passes SLA003 as well.
        let got = service(&format!(
            "{ES}{PT}  - language: ar\n    first_response: 120m\n"
        ));
        assert_eq!(got, []);
    }

    #[test]
    fn first_response_must_be_present_and_measurable() {
        let got = service(&format!(
            "{ES}{PT}  - language: ar\n    first_response: 尽快\n"
        ));
        assert_eq!(got, [("SLA002", "尽快".to_owned())]);
        let got = service(&format!("{ES}{PT}  - language: ar\n    staffing: native\n"));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "SLA002");
        assert!(got[0].1.starts_with("language: ar"), "{got:?}");
    }

    #[test]
    fn working_days_need_a_week_and_a_zone() {
        let got = service(&format!(
            "{ES}{PT}{}",
            ar("    calendar: working-days\n    working_week: sun-thu\n")
        ));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "SLA004");
        assert!(got[0].1.starts_with("language: ar"), "{got:?}");
        // Calendar days need neither.
        assert_eq!(
            service(&format!("{ES}{PT}{}", ar("    calendar: calendar-days\n"))),
            []
        );
    }

    #[test]
    fn time_zones_are_iana_names() {
        assert!(is_iana_time_zone("Asia/Riyadh"));
        assert!(is_iana_time_zone("America/Sao_Paulo"));
        assert!(!is_iana_time_zone("Asia/Riyad"));
        assert!(!is_iana_time_zone("GMT+3 Riyadh"));
        assert!(!is_iana_time_zone(""));
        let got = service(&format!("{ES}{PT}{}", ar("    timezone: Asia/Riyad\n")));
        assert_eq!(got, [("SLA004", "Asia/Riyad".to_owned())]);
    }

    #[test]
    fn the_working_week_is_the_markets() {
        let got = service(&format!("{ES}{PT}{}", ar("    working_week: mon-fri\n")));
        assert_eq!(got, [("SLA004", "mon-fri".to_owned())]);
        assert_eq!(
            service(&format!("{ES}{PT}{}", ar("    working_week: Sun–Thu\n"))),
            []
        );
        // An entry serving no target market has no market week to match.
        let entries = format!(
            "{ES}{PT}{}  - language: en\n    first_response: 4h\n    working_week: sat-wed\n",
            ar("")
        );
        assert_eq!(service(&entries), []);
    }

    #[test]
    fn returns_first_response_within_24_hours() {
        let lang = format!("languages:\n{ES}{PT}{}", ar("    staffing: native\n"));
        let run = |tail: &str| findings(&[("service.yaml", &format!("{lang}{tail}"))]);
        assert_eq!(run("returns_handling:\n  first_response: 24h\n"), []);
        assert_eq!(run("returns_handling:\n  first_response: 1 day\n"), []);
        assert_eq!(
            run("returns_handling:\n  first_response: 25h\n"),
            [("SLA005", "25h".to_owned())]
        );
        assert_eq!(
            run("returns_handling:\n  first_response: ASAP\n"),
            [("SLA005", "ASAP".to_owned())]
        );
        assert_eq!(
            run("returns_handling:\n  channel: email\n"),
            [("SLA005", "returns_handling".to_owned())]
        );
        assert_eq!(run(""), [("SLA005", "service.yaml".to_owned())]);
    }

    #[test]
    fn machine_translation_is_flagged() {
        let got = service(&format!(
            "{ES}{PT}{}",
            ar("    staffing: machine-translation\n")
        ));
        assert_eq!(got, [("SLA006", "machine-translation".to_owned())]);
    }

    #[test]
    fn numbers_read_plainly() {
        assert_eq!(minutes(10800.0), "180");
        assert_eq!(hours(90000.0), "25");
        assert_eq!(hours(5400.0), "1.5");
    }
}
