//! Declaration rules CUS003–CUS006, CUS009 and CUS010, and the predicates CUS003 counts with.

use super::consignor::{consignor_name_problem, consignor_uscc_problem};
use super::{Ctx, Licensed, licensed};
use crate::finding::Place;
use crate::load::typed::{Field, Sp};
use crate::model::{Date, Declaration, Direction};
use crate::source::Span;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::hash::{BuildHasher, RandomState};

/// Export declarations needed within the window (CUS003).
const REQUIRED_DECLARATIONS: usize = 3;
/// How far back a declaration may be dated, in months (CUS003, CUS010).
const WINDOW_MONTHS: i64 = 6;

/// The dates a counted declaration may carry: from 6 months before as-of to as-of, inclusive.
fn window(as_of: Date) -> (Date, Date) {
    (as_of.sub_months(WINDOW_MONTHS), as_of)
}

/// The dates on which CUS003 and CUS010 may judge a declaration differently from the day before
/// (the forecast): its `declared_on`, from which it is no longer after the as-of date, and the
/// first day on which it is more than 6 months old — the day after `declared_on + 6 months`, or
/// later where adding months clamps to a month's last day.
pub(crate) fn declaration_window_change_points(
    sub: &crate::load::Submission,
    reasons: crate::report::Reasons,
) -> Vec<crate::report::ChangePoint> {
    use crate::report::ChangePoint;
    let mut points = Vec::new();
    for decl in sub.declarations() {
        let Field::Present(on) = &decl.declared_on else {
            continue;
        };
        let (number, on) = (decl.number.value.trim(), on.value);
        points.push(ChangePoint {
            on,
            why: reasons.why(|| {
                text!(
                    "declaration {number} ({on}) is no longer dated after the as-of date",
                    "报关单 {number}（{on}）不再晚于检查基准日"
                )
            }),
        });
        let mut leaves = Date(on.0.saturating_add(jiff::Span::new().months(WINDOW_MONTHS)));
        for _ in 0..8 {
            if date_problem(leaves, on).is_some() {
                break;
            }
            leaves = leaves.add_days(1);
        }
        points.push(ChangePoint {
            on: leaves,
            why: reasons.why(|| {
                text!(
                    "declaration {number} ({on}) leaves the six-month window",
                    "报关单 {number}（{on}）超出六个月期限"
                )
            }),
        });
    }
    points
}

/// Why a declaration date falls outside the window (CUS010), or `None`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DateProblem {
    AfterAsOf,
    BeforeWindow { earliest: Date },
}

fn date_problem(as_of: Date, on: Date) -> Option<DateProblem> {
    Window::of(as_of).problem(on)
}

/// The window of an as-of date ([`window`]), worked out once for all the declarations.
#[derive(Clone, Copy)]
struct Window {
    earliest: Date,
    latest: Date,
}

impl Window {
    fn of(as_of: Date) -> Window {
        let (earliest, latest) = window(as_of);
        Window { earliest, latest }
    }

    /// [`date_problem`] of `on`.
    fn problem(self, on: Date) -> Option<DateProblem> {
        let Window { earliest, latest } = self;
        if on > latest {
            Some(DateProblem::AfterAsOf)
        } else if on < earliest {
            Some(DateProblem::BeforeWindow { earliest })
        } else {
            None
        }
    }
}

/// What is wrong with a declaration number (CUS004), the first problem only.
#[derive(Clone, Debug, PartialEq)]
enum NumberProblem {
    /// Not 18 ASCII digits.
    Shape,
    /// The 9th digit is not the flag of the declared direction.
    DirectionFlag { flag: char, direction: Direction },
    /// Digits 5–8 are not the year of `declared_on`.
    Year { digits: String, year: i16 },
}

fn number_problem(decl: &Declaration) -> Option<NumberProblem> {
    let number = decl.number.value.trim();
    if number.len() != 18 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Some(NumberProblem::Shape);
    }
    let flag = char::from(number.as_bytes()[8]);
    if let Some(direction) = decl.direction.get() {
        let want = match direction.value {
            Direction::Export => '0',
            Direction::Import => '1',
        };
        if flag != want {
            return Some(NumberProblem::DirectionFlag {
                flag,
                direction: direction.value,
            });
        }
    }
    if let Some(on) = decl.declared_on.get() {
        let year = on.value.0.year();
        let digits = &number[4..8];
        if !digits_give_year(digits, year) {
            return Some(NumberProblem::Year {
                digits: digits.to_owned(),
                year,
            });
        }
    }
    None
}

/// Whether `digits`, ASCII digits (digits 5–8 of a well-formed number), are `year` written with
/// four digits (`format!("{year:04}")`), without writing it: a year before 0 is written with a
/// sign, which no digit matches.
fn digits_give_year(digits: &str, year: i16) -> bool {
    digits.len() == 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && digits
            .bytes()
            .fold(0i32, |n, b| n * 10 + i32::from(b - b'0'))
            == i32::from(year)
}

fn is_import(decl: &Declaration) -> bool {
    matches!(decl.direction.get(), Some(d) if d.value == Direction::Import)
}

/// What CUS005 finds: the declaration is an import, or does not say which it is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DirectionProblem {
    Import,
    Absent,
}

fn direction_problem(decl: &Declaration) -> Option<DirectionProblem> {
    match &decl.direction {
        Field::Absent => Some(DirectionProblem::Absent),
        _ if is_import(decl) => Some(DirectionProblem::Import),
        _ => None,
    }
}

/// Whether the 9th digit of a well-formed number is the export flag `0`. A number that says
/// import never counts, whatever `direction` says or fails to say.
fn flagged_export(decl: &Declaration) -> bool {
    decl.number.value.trim().as_bytes().get(8) == Some(&b'0')
}

/// The codes whose findings keep a declaration from counting toward CUS003, in order; empty
/// when it counts: an export declaration dated within the window, with no CUS004, CUS005,
/// CUS007, CUS008 or CUS010 finding, whose number says export. A value of the wrong form
/// (SUB002) gets the benefit of the doubt; a missing one does not. A well-formed number that says
/// import under an unreadable `direction` is SUB002's (no customs rule can judge it).
fn excluded_by(as_of: Date, licence: Licensed, decl: &Declaration) -> Excluded {
    excluded_by_itself(Window::of(as_of), decl).with(excluded_by_consignor(licence, decl))
}

/// What [`excluded_by`] finds in the declaration itself: CUS004, CUS005, CUS010, SUB002.
fn excluded_by_itself(window: Window, decl: &Declaration) -> Excluded {
    let mut codes = Excluded::default();
    let dated_within = match &decl.declared_on {
        Field::Present(on) => window.problem(on.value).is_none(),
        Field::Invalid(_) => true,
        Field::Absent => false,
    };
    if !dated_within {
        codes.insert(Excluded::CUS010);
    }
    let number_ok = number_problem(decl).is_none();
    if !number_ok {
        codes.insert(Excluded::CUS004);
    }
    if direction_problem(decl).is_some() {
        codes.insert(Excluded::CUS005);
    } else if number_ok && !flagged_export(decl) {
        codes.insert(Excluded::SUB002);
    }
    codes
}

/// What [`excluded_by`] finds against the licence: CUS007, CUS008.
fn excluded_by_consignor(licence: Licensed, decl: &Declaration) -> Excluded {
    let mut codes = Excluded::default();
    if consignor_name_problem(licence, decl).is_some() {
        codes.insert(Excluded::CUS007);
    }
    if consignor_uscc_problem(licence, decl).is_some() {
        codes.insert(Excluded::CUS008);
    }
    codes
}

/// A set of the codes [`excluded_by`] names, one bit each, without allocating: CUS003 asks it
/// of every declaration on every date the forecast lints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Excluded(u8);

impl Excluded {
    /// The codes, in their order as text (the order of a `BTreeSet<&str>` of them); a code's bit
    /// is `1 << ` its index.
    const CODES: [&'static str; 6] = ["CUS004", "CUS005", "CUS007", "CUS008", "CUS010", "SUB002"];
    const CUS004: u8 = 0;
    const CUS005: u8 = 1;
    const CUS007: u8 = 2;
    const CUS008: u8 = 3;
    const CUS010: u8 = 4;
    const SUB002: u8 = 5;

    fn insert(&mut self, code: u8) {
        self.0 |= 1 << code;
    }

    fn with(self, other: Excluded) -> Excluded {
        Excluded(self.0 | other.0)
    }

    fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The codes in the set, in order.
    fn codes(self) -> impl Iterator<Item = &'static str> {
        Excluded::CODES
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, code)| code)
    }
}

/// Whether a declaration counts toward CUS003 ([`excluded_by`] names none); the licence is
/// consulted only for a declaration that nothing else excludes.
fn counts_toward_history(window: Window, licence: Licensed, decl: &Declaration) -> bool {
    excluded_by_itself(window, decl).is_empty() && excluded_by_consignor(licence, decl).is_empty()
}

/// The declarations that count toward CUS003, one per declaration number. The numbers of
/// declarations read from YAML are borrowed; only CSV rows, which come owned, are copied.
fn counted_declarations<'a>(
    as_of: Date,
    licence: Licensed,
    decls: impl Iterator<Item = Cow<'a, Sp<Declaration>>>,
) -> usize {
    let window = Window::of(as_of);
    let mut numbers: BTreeSet<Cow<'a, str>> = BTreeSet::new();
    for decl in decls {
        if !counts_toward_history(window, licence, &decl) {
            continue;
        }
        numbers.insert(match decl {
            Cow::Borrowed(d) => Cow::Borrowed(d.number.value.trim()),
            Cow::Owned(d) => Cow::Owned(d.number.value.trim().to_owned()),
        });
    }
    numbers.len()
}

/// CUS003: at least 3 valid export declarations dated within the 6 months before as-of.
pub(crate) fn enough_recent_export_declarations(ctx: &Ctx) {
    let Some(customs) = ctx.sub.customs.as_ref() else {
        return;
    };
    if customs.data.declarations.is_invalid() || ctx.sub.declaration_table_unreadable() {
        return;
    }
    let count = counted_declarations(ctx.as_of, licensed(ctx), ctx.sub.declarations());
    if count >= REQUIRED_DECLARATIONS {
        return;
    }
    let place = customs
        .root
        .entry("declarations")
        .map_or(Place::File(customs.file), |(key, _)| {
            Place::Span(Span::new(customs.file, key.span.clone()))
        });
    let (earliest, as_of) = window(ctx.as_of);
    let listed = ctx.sub.declarations().count();
    let message = if count == 0 && listed > 0 {
        // A cascade: every declaration is another rule's finding; name those rules, not "0 of 3".
        let codes: Vec<&str> = ctx
            .sub
            .declarations()
            .fold(Excluded::default(), |codes, d| {
                codes.with(excluded_by(ctx.as_of, licensed(ctx), &d))
            })
            .codes()
            .collect();
        let zh = codes.join("、");
        let en = match codes.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => zh.clone(),
        };
        text!(
            "{listed} listed, none counts: see {en} below ({REQUIRED_DECLARATIONS} export declarations in the 6 months before {as_of} are required)",
            "列出 {listed} 份，均不计入：见下方 {zh}（{as_of} 前 6 个月内至少需要 {REQUIRED_DECLARATIONS} 份有效出口报关单）"
        )
    } else {
        text!(
            "{count} of {REQUIRED_DECLARATIONS} required export declarations in the 6 months before {as_of}",
            "{as_of} 前 6 个月内的有效出口报关单为 {count} 份，至少需要 {REQUIRED_DECLARATIONS} 份"
        )
    };
    ctx.report(place, message)
        .help(text!(
            "list at least {REQUIRED_DECLARATIONS} export declarations declared from {earliest} to {as_of} under the licensed entity, in `customs.yaml` or `declarations.csv`; a declaration with another customs finding does not count",
            "请在 `customs.yaml` 或 `declarations.csv` 中列出至少 {REQUIRED_DECLARATIONS} 份以执照主体名义、申报日期在 {earliest} 至 {as_of} 之间的出口报关单；有其他报关问题的报关单不计入"
        ));
}

/// CUS004: the declaration number has the 18-digit structure and agrees with the declaration.
pub(crate) fn declaration_number_is_well_formed(ctx: &Ctx) {
    for decl in ctx.sub.declarations() {
        let Some(problem) = number_problem(&decl) else {
            continue;
        };
        let number = decl.number.value.trim();
        let finding = match problem {
            NumberProblem::Shape => {
                let n = number.chars().count();
                let message = match number.chars().find(|c| !c.is_ascii_digit()) {
                    Some(c) => text!(
                        "`{number}` is not a declaration number: it contains `{c}`",
                        "`{number}` 不是报关单号：含有 `{c}`"
                    ),
                    None => text!(
                        "`{number}` is not a declaration number: it has {n} digits, not 18",
                        "`{number}` 不是报关单号：共 {n} 位，应为 18 位"
                    ),
                };
                ctx.report(decl.number.span, message)
            }
            NumberProblem::DirectionFlag { flag, direction } => {
                let (flag_en, flag_zh) = match flag {
                    '0' => ("marks an export", "表示出口"),
                    '1' => ("marks an import", "表示进口"),
                    _ => (
                        "is neither 0 (export) nor 1 (import)",
                        "既不是 0（出口）也不是 1（进口）",
                    ),
                };
                let (dir_en, dir_zh) = match direction {
                    Direction::Export => ("export", "出口"),
                    Direction::Import => ("import", "进口"),
                };
                let mut f = ctx.report(
                    decl.number.span,
                    text!(
                        "the 9th digit of `{number}` is `{flag}`, which {flag_en}",
                        "`{number}` 的第 9 位为 `{flag}`，{flag_zh}"
                    ),
                );
                if let Some(d) = decl.direction.get() {
                    f = f.label(
                        d.span,
                        text!("declared as {dir_en}", "进出口标志为{dir_zh}"),
                    );
                }
                f
            }
            NumberProblem::Year { digits, year } => {
                let mut f = ctx.report(
                    decl.number.span,
                    text!(
                        "digits 5–8 of `{number}` give the year {digits}",
                        "`{number}` 的第 5–8 位表示 {digits} 年"
                    ),
                );
                if let Some(on) = decl.declared_on.get() {
                    f = f.label(on.span, text!("declared in {year}", "申报于 {year} 年"));
                }
                f
            }
        };
        finding.help(text!(
            "copy the number from the declaration form: 18 digits, 4 for the customs office, 4 for the year it was accepted, 1 direction flag (0 export, 1 import), 9 for the sequence",
            "请从报关单抄录单号：共 18 位数字，依次为海关代码 4 位、受理年份 4 位、进出口标志 1 位（0 出口，1 进口）、顺序号 9 位"
        ));
    }
}

/// CUS005: only export declarations are listed, and each says that it is one.
pub(crate) fn declaration_is_export(ctx: &Ctx) {
    for decl in ctx.sub.declarations() {
        let number = decl.number.value.trim();
        match (direction_problem(&decl), decl.direction.get()) {
            (Some(DirectionProblem::Import), Some(direction)) => {
                let written = ctx.text(direction.span).trim();
                ctx.report(direction.span,
                        text!(
                            "`{written}` marks `{number}` as an import declaration",
                            "`{written}` 表示 `{number}` 是进口报关单"
                        ),
                    )
                    .help(text!(
                        "list export declarations only (direction `export`, 9th digit of the number `0`); import declarations do not show export history",
                        "请只列出出口报关单（进出口标志为 `export`，单号第 9 位为 `0`）；进口报关单不能证明出口记录"
                    ));
            }
            (Some(DirectionProblem::Absent), _) => {
                ctx.report(decl.span,
                        text!(
                            "declaration `{number}` does not say whether it is an export or an import",
                            "报关单 `{number}` 未注明进出口标志"
                        ),
                    )
                    .help(text!(
                        "add `direction: export` as on the declaration form (CSV column `direction` or `进出口标志`); only export declarations count",
                        "请按报关单填写 `direction: export`（CSV 列 `direction` 或 `进出口标志`）；只有出口报关单计入"
                    ));
            }
            _ => {}
        }
    }
}

/// CUS006: each declaration number is listed once, across `customs.yaml` and `declarations.csv`.
pub(crate) fn declaration_number_is_unique(ctx: &Ctx) {
    // Keyed by two independent, randomly keyed 64-bit hashes of the number rather than the number
    // itself: CSV rows come owned and one at a time (`Submission::declarations`), and 900,000 of
    // them must not each keep a copy of their number (SPEC §7 "Floods"). Two numbers share a key
    // with a probability near 2^-128.
    let keys = (RandomState::new(), RandomState::new());
    let key = |n: &str| (u128::from(keys.0.hash_one(n)) << 64) | u128::from(keys.1.hash_one(n));
    let mut first: HashMap<u128, Span> = HashMap::new();
    for decl in ctx.sub.declarations() {
        let number = decl.number.value.trim();
        if number.is_empty() {
            continue;
        }
        let Some(&earlier) = first.get(&key(number)) else {
            first.insert(key(number), decl.number.span);
            continue;
        };
        ctx.report(decl.number.span,
                text!(
                    "`{number}` is listed a second time",
                    "`{number}` 重复列出"
                ),
            )
            .label(earlier, text!("first listed here", "首次列出于此"))
            .help(text!(
                "list each declaration once: remove this entry, or correct its number if it is another declaration",
                "每份报关单只列一次：请删除此条目；如是另一份报关单，请更正单号"
            ));
    }
}

/// CUS009: every declaration names the scan of its form.
pub(crate) fn declaration_has_scan(ctx: &Ctx) {
    for decl in ctx.sub.declarations() {
        match &decl.scan {
            Field::Invalid(_) => continue,
            Field::Present(scan) if !scan.value.trim().is_empty() => continue,
            _ => {}
        }
        let number = decl.number.value.trim();
        ctx.report(decl.span,
                text!(
                    "declaration `{number}` has no scan",
                    "报关单 `{number}` 没有扫描件"
                ),
            )
            .help(text!(
                "scan the declaration form (PDF, JPEG or PNG), put it under `attachments/` and give its path in `scan` (CSV column `scan` or `附件`), e.g. `attachments/declarations/{number}.pdf`",
                "请扫描报关单（PDF、JPEG 或 PNG），放入 `attachments/`，并在 `scan`（CSV 列 `scan` 或 `附件`）中填写路径，例如 `attachments/declarations/{number}.pdf`"
            ));
    }
}

/// CUS010: every declaration is dated within the 6 months before as-of.
pub(crate) fn declaration_date_is_recent(ctx: &Ctx) {
    let as_of = ctx.as_of;
    let window = Window::of(as_of);
    for decl in ctx.sub.declarations() {
        let on = match &decl.declared_on {
            Field::Present(on) => on,
            Field::Invalid(_) => continue,
            Field::Absent => {
                let number = decl.number.value.trim();
                ctx.report(
                    decl.span,
                    text!(
                        "declaration `{number}` has no date",
                        "报关单 `{number}` 没有申报日期"
                    ),
                )
                .help(text!(
                    "add `declared_on` as on the declaration form, YYYY-MM-DD (CSV column `declared_on` or `申报日期`); an undated declaration does not count",
                    "请按报关单填写 `declared_on`，格式 YYYY-MM-DD（CSV 列 `declared_on` 或 `申报日期`）；没有日期的报关单不计入"
                ));
                continue;
            }
        };
        let date = on.value;
        match window.problem(date) {
            None => continue,
            Some(DateProblem::AfterAsOf) => ctx.report(on.span,
                text!(
                    "declared on {date}, after the as-of date {as_of}",
                    "申报日期 {date} 晚于检查基准日 {as_of}"
                ),
            )
            .help(text!(
                "check the date against the declaration form; a declaration dated later than {as_of} does not count",
                "请按报关单核对申报日期；晚于 {as_of} 的报关单不计入"
            )),
            Some(DateProblem::BeforeWindow { earliest }) => ctx.report(on.span,
                text!(
                    "declared on {date}, more than 6 months before {as_of}",
                    "申报日期 {date} 早于 {as_of} 前 6 个月"
                ),
            )
            .help(text!(
                "only declarations dated from {earliest} to {as_of} count; list more recent ones",
                "只有申报日期在 {earliest} 至 {as_of} 之间的报关单计入；请提供更近期的报关单"
            )),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{date, decl, sp};
    use super::*;

    #[test]
    fn declaration_numbers_name_their_first_problem() {
        let export = Some(Direction::Export);
        let ok = decl("531620260012345678", export, Some("2026-08-03"));
        assert_eq!(number_problem(&ok), None);
        let short = decl("53162026001234567", export, Some("2025-08-03"));
        assert_eq!(number_problem(&short), Some(NumberProblem::Shape));
        let letter = decl("53162026001234567X", export, None);
        assert_eq!(number_problem(&letter), Some(NumberProblem::Shape));
        let flag = decl("531620261012345678", export, Some("2025-08-03"));
        assert_eq!(
            number_problem(&flag),
            Some(NumberProblem::DirectionFlag {
                flag: '1',
                direction: Direction::Export
            })
        );
        let import = decl("531620261012345678", Some(Direction::Import), None);
        assert_eq!(number_problem(&import), None);
        let year = decl("531620250012345678", export, Some("2026-08-03"));
        assert_eq!(
            number_problem(&year),
            Some(NumberProblem::Year {
                digits: "2025".to_owned(),
                year: 2026
            })
        );
    }

    #[test]
    fn direction_and_year_are_checked_only_when_given() {
        assert_eq!(
            number_problem(&decl("531620251012345678", None, None)),
            None
        );
    }

    #[test]
    fn a_missing_direction_is_cus005s_and_an_import_flag_never_counts() {
        let missing = decl("531620260012345678", None, Some("2026-08-03"));
        assert_eq!(direction_problem(&missing), Some(DirectionProblem::Absent));
        let mut unreadable = decl("531620261012345678", None, Some("2026-08-03"));
        unreadable.value.direction = Field::Invalid(unreadable.span);
        assert_eq!(direction_problem(&unreadable), None);
        assert_eq!(number_problem(&unreadable), None);
        let as_of = date("2026-11-20");
        assert!(!counts_toward_history(
            Window::of(as_of),
            Licensed::default(),
            &unreadable
        ));
        unreadable.value.number = sp("531620260012345678".to_owned());
        assert!(counts_toward_history(
            Window::of(as_of),
            Licensed::default(),
            &unreadable
        ));
    }

    #[test]
    fn the_excluding_codes_read_back_in_text_order_as_a_set_of_them_would() {
        let mut sorted = Excluded::CODES;
        sorted.sort_unstable();
        assert_eq!(sorted, Excluded::CODES);
        let named = [
            (Excluded::CUS004, "CUS004"),
            (Excluded::CUS005, "CUS005"),
            (Excluded::CUS007, "CUS007"),
            (Excluded::CUS008, "CUS008"),
            (Excluded::CUS010, "CUS010"),
            (Excluded::SUB002, "SUB002"),
        ];
        for bits in 0u8..64 {
            let mut set = Excluded::default();
            let mut expected = BTreeSet::new();
            for (i, (bit, code)) in named.iter().enumerate() {
                if bits & (1 << i) != 0 {
                    set.insert(*bit);
                    expected.insert(*code);
                }
            }
            assert_eq!(set.is_empty(), expected.is_empty());
            let codes: Vec<&str> = set.codes().collect();
            assert_eq!(codes, expected.into_iter().collect::<Vec<_>>());
            let halves = Excluded(bits & 0b10101).with(Excluded(bits & 0b101010));
            assert_eq!(halves, set);
        }
    }

    #[test]
    fn the_year_digits_are_compared_as_the_year_written_with_four_digits() {
        let mut digits: Vec<String> = (0..=9999).map(|n| format!("{n:04}")).collect();
        digits.extend(["", "202", "20266", "02026", "0"].map(String::from));
        let years = (-9999i16..=9999)
            .step_by(61)
            .chain([-1, 0, 1, 9, 10, 99, 100, 999, 1000, 2025, 2026, 9999]);
        for year in years {
            let written = format!("{year:04}");
            for d in &digits {
                assert_eq!(digits_give_year(d, year), *d == written, "{d:?} {year}");
            }
        }
    }

    #[test]
    fn the_window_includes_both_ends() {
        let as_of = date("2026-11-20");
        assert_eq!(date_problem(as_of, date("2026-11-20")), None);
        assert_eq!(date_problem(as_of, date("2026-05-20")), None);
        assert_eq!(
            date_problem(as_of, date("2026-11-21")),
            Some(DateProblem::AfterAsOf)
        );
        assert_eq!(
            date_problem(as_of, date("2026-05-19")),
            Some(DateProblem::BeforeWindow {
                earliest: date("2026-05-20")
            })
        );
    }

    #[test]
    fn only_valid_recent_distinct_export_declarations_count() {
        let as_of = date("2026-11-20");
        let licence_name = sp("深圳市华彩科技有限公司".to_owned());
        let licence_uscc = sp("91440300MA5FHC8K1M".to_owned());
        let licence = Licensed {
            read: true,
            name: Some(&licence_name),
            uscc: Some(&licence_uscc),
        };
        let export = Some(Direction::Export);
        let mut agent = decl("531620260012340004", export, Some("2026-08-01"));
        agent.value.consignor_name = Field::Present(sp("深圳市华彩供应链有限公司".to_owned()));
        let mut other_uscc = decl("531620260012340005", export, Some("2026-08-01"));
        other_uscc.value.consignor_uscc = Field::Present(sp("91440300MA5FHC8K1X".to_owned()));
        let decls = [
            decl("531620260012340001", export, Some("2026-05-20")),
            decl("531620260012340001", export, Some("2026-05-20")),
            decl("531620260012340002", None, Some("2026-11-20")),
            decl(
                "531620261012340003",
                Some(Direction::Import),
                Some("2026-08-01"),
            ),
            agent,
            other_uscc,
            decl("531620260012340006", export, Some("2026-05-19")),
            decl("531620260012340007", export, None),
            decl("531620250012340008", export, Some("2026-08-01")),
        ];
        // 0001 (twice, counted once); not 0002 (no direction), 0003 (import), 0004 (agent),
        // 0005 (other USCC), 0006 (too old), 0007 (undated), 0008 (wrong year).
        assert_eq!(
            counted_declarations(as_of, licence, decls.iter().map(Cow::Borrowed)),
            1
        );
        let excluded: Vec<Vec<&str>> = decls
            .iter()
            .map(|d| excluded_by(as_of, licence, d).codes().collect())
            .collect();
        let none: Vec<&str> = Vec::new();
        assert_eq!(
            excluded,
            [
                none.clone(),
                none,
                vec!["CUS005"],
                vec!["CUS005"],
                vec!["CUS007"],
                vec!["CUS008"],
                vec!["CUS010"],
                vec!["CUS010"],
                vec!["CUS004"],
            ]
        );
        // Without a licence the consignors are not judged.
        assert_eq!(
            counted_declarations(as_of, Licensed::default(), decls.iter().map(Cow::Borrowed)),
            3
        );
        // Rows that come owned (CSV) count the same, alone or after the same numbers borrowed.
        let owned = || decls.iter().cloned().map(Cow::Owned);
        assert_eq!(counted_declarations(as_of, Licensed::default(), owned()), 3);
        let both = decls.iter().map(Cow::Borrowed).chain(owned());
        assert_eq!(counted_declarations(as_of, Licensed::default(), both), 3);
        let mut other = decls[0].clone();
        other.value.number = sp(" 531620260012340009 ".to_owned());
        let more = owned().chain([Cow::Owned(other.clone()), Cow::Owned(other)]);
        assert_eq!(counted_declarations(as_of, Licensed::default(), more), 4);
    }
}
