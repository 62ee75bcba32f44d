//! Business-licence rules LIC001–LIC007 (`license.yaml`). LIC004's review window, which the
//! forecast reads too, is in [`review`].

pub(crate) mod review;

pub use review::{REVIEW_WORKING_DAYS, end_of_review, licence_end, licence_fails_from};

use super::cus::confusables::{Side, hidden_in, is_hidden};
use super::{Ctx, document_field, join_texts};
use crate::finding::{Place, Text};
use crate::model::{EntityType, LicenseDoc};

/// The unified social credit code alphabet (GB 32100-2015): each character's value is its index.
const USCC_ALPHABET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17 in the check-character sum.
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
const USCC_LEN: usize = 18;
/// Positions 3–8 (1-based): the administrative division code (GB/T 2260), digits only.
const USCC_DIVISION: std::ops::RangeInclusive<usize> = 3..=8;

/// A registration authority (登记管理部门, position 1) and the entity types (机构类别,
/// position 2) it registers.
struct UsccAuthority {
    /// Position 1.
    code: char,
    en: &'static str,
    zh: &'static str,
    /// The characters position 2 may hold under this authority.
    types: &'static str,
}

/// GB 32100-2015 Appendix A (登记管理部门和机构类别代码), with the authorities and types
/// assigned since: 1 机构编制, 5 民政, 9 工商 and Y 其他 are the 2015 text's; 2 外交, 3 司法行政,
/// 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室 and N 农业 were added to the table
/// later, and real codes of theirs (law firms `31…`, trade unions `81…`, village collectives `N2…`)
/// are issued, so rejecting them would reject genuine licences.
///
/// Where this check and python-stdnum's `stdnum.cn.uscc` (the reference of
/// `tests/data/reference/uscc.json`) part, on purpose:
/// - stdnum requires positions 1–8 to be digits, so it rejects the `Y1…`, `A1…` and `N…` codes
///   the table allows; selfcheck follows the table (stdnum is stricter).
/// - stdnum does not check positions 1–2 against the table: it accepts `0…`, `94…` or `90…`;
///   selfcheck rejects them (LIC001, position 1 or 2).
/// - Neither checks that positions 3–8 name a real division, nor the GB 11714 organisation-code
///   check digit in position 17 (some genuine early codes fail it); both require digits in 3–8.
/// - stdnum strips spaces and hyphens and upper-cases before checking; selfcheck checks the
///   value as written, since `uscc` must be copied as printed (LIC001 names the space, hyphen or
///   lower-case letter).
///
/// The reference table's own `standard_valid` follows the 2015 text only (1, 5, 9, Y), so it
/// calls `A1…` invalid where selfcheck accepts it.
const USCC_AUTHORITIES: [UsccAuthority; 12] = [
    UsccAuthority {
        code: '1',
        en: "establishment administration",
        zh: "机构编制",
        types: "1239",
    },
    UsccAuthority {
        code: '2',
        en: "foreign affairs",
        zh: "外交",
        types: "19",
    },
    UsccAuthority {
        code: '3',
        en: "justice administration",
        zh: "司法行政",
        types: "123459",
    },
    UsccAuthority {
        code: '4',
        en: "culture",
        zh: "文化",
        types: "19",
    },
    UsccAuthority {
        code: '5',
        en: "civil affairs",
        zh: "民政",
        types: "1239",
    },
    UsccAuthority {
        code: '6',
        en: "tourism",
        zh: "旅游",
        types: "129",
    },
    UsccAuthority {
        code: '7',
        en: "religious affairs",
        zh: "宗教",
        types: "129",
    },
    UsccAuthority {
        code: '8',
        en: "trade unions",
        zh: "工会",
        types: "19",
    },
    UsccAuthority {
        code: '9',
        en: "market regulation",
        zh: "工商",
        types: "123",
    },
    UsccAuthority {
        code: 'A',
        en: "the Central Military Commission's establishment office",
        zh: "中央军委改革和编制办公室",
        types: "19",
    },
    UsccAuthority {
        code: 'N',
        en: "agriculture",
        zh: "农业",
        types: "1239",
    },
    UsccAuthority {
        code: 'Y',
        en: "other",
        zh: "其他",
        types: "1",
    },
];
/// The first two characters of an individual business's (个体工商户) code.
const INDIVIDUAL_BUSINESS_PREFIX: &str = "92";
/// Whether a licence is an individual business (个体工商户): by its entity type, or a USCC
/// starting `92`. Shared by LIC003 and the challenge's CHL001.
pub fn individual_business(licence: &LicenseDoc) -> Option<crate::source::Span> {
    if let Some(t) = licence.entity_type.get()
        && t.value == EntityType::IndividualBusiness
    {
        return Some(t.span);
    }
    licence
        .uscc
        .get()
        .filter(|u| u.value.trim().starts_with(INDIVIDUAL_BUSINESS_PREFIX))
        .map(|u| u.span)
}

/// What is wrong with the form of a USCC, if anything: the first wrong position, in order.
#[derive(Debug, PartialEq, Eq)]
enum UsccForm {
    /// Not 18 characters long (the count).
    Length(usize),
    /// A character outside the alphabet (the character, its 1-based position).
    Character(char, usize),
    /// Position 1 is not a registration authority (the character).
    Authority(char),
    /// Position 2 is not an entity type of the authority in position 1 (authority, character).
    EntityType(char, char),
    /// A letter in positions 3–8, the administrative division code (the letter, its position).
    Division(char, usize),
    /// 18 characters of the alphabet, positions 1–8 as the standard's tables say.
    WellFormed,
}

fn uscc_authority(code: char) -> Option<&'static UsccAuthority> {
    USCC_AUTHORITIES.iter().find(|a| a.code == code)
}

fn uscc_form(code: &str) -> UsccForm {
    // A space changes the length too; naming the space says more than the count.
    if let Some((i, c)) = code.chars().enumerate().find(|(_, c)| c.is_whitespace()) {
        return UsccForm::Character(c, i + 1);
    }
    let len = code.chars().count();
    if len != USCC_LEN {
        return UsccForm::Length(len);
    }
    let mut authority = None;
    for (i, c) in code.chars().enumerate() {
        let at = i + 1;
        if !USCC_ALPHABET.contains(c) {
            return UsccForm::Character(c, at);
        }
        match at {
            1 => match uscc_authority(c) {
                Some(a) => authority = Some(a),
                None => return UsccForm::Authority(c),
            },
            2 => {
                if let Some(a) = authority
                    && !a.types.contains(c)
                {
                    return UsccForm::EntityType(a.code, c);
                }
            }
            _ if USCC_DIVISION.contains(&at) && !c.is_ascii_digit() => {
                return UsccForm::Division(c, at);
            }
            _ => {}
        }
    }
    UsccForm::WellFormed
}

/// `chars` as a list for a message: `1, 2, 3 or 9` / `1、2、3 或 9`.
fn or_list(chars: &str) -> Text {
    let items: Vec<String> = chars.chars().map(String::from).collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            let (en, zh) = (rest.join(", "), rest.join("、"));
            text!("{en} or {last}", "{zh} 或 {last}")
        }
        _ => {
            let only = items.concat();
            text!("{only}", "{only}")
        }
    }
}

/// The check character a well-formed code should end with; `None` when the code is not
/// well-formed.
fn uscc_check_character(code: &str) -> Option<char> {
    if uscc_form(code) != UsccForm::WellFormed {
        return None;
    }
    let alphabet: Vec<char> = USCC_ALPHABET.chars().collect();
    let mut sum = 0u32;
    for (c, weight) in code.chars().zip(USCC_WEIGHTS) {
        let value = alphabet.iter().position(|a| *a == c)?;
        sum += u32::try_from(value).ok()? * weight;
    }
    let index = (31 - sum % 31) % 31;
    alphabet.get(index as usize).copied()
}

/// LIC001: `uscc` is 18 characters of the code alphabet, positions 1–8 as GB 32100-2015 says.
pub(crate) fn uscc_is_well_formed(ctx: &Ctx) {
    let Some(uscc) = ctx.needs(
        document_field(ctx.sub.license.as_ref(), |l| &l.uscc),
        || text!(
            "no `uscc` (unified social credit code) is given",
            "未填写 `uscc`（统一社会信用代码）"
        ),
        || text!(
            "copy the {USCC_LEN}-character unified social credit code (统一社会信用代码) from the licence as `uscc`",
            "请按营业执照抄录 {USCC_LEN} 位统一社会信用代码，填入 `uscc`"
        ),
    ) else {
        return;
    };
    let code = uscc.value.as_str();
    let form = uscc_form(code);
    let message = match form {
        UsccForm::WellFormed => return,
        UsccForm::Length(n) => text!(
            "`{code}` has {n} characters, not {USCC_LEN}",
            "`{code}` 为 {n} 位，应为 {USCC_LEN} 位"
        ),
        UsccForm::Character(c, at) if c.is_whitespace() => text!(
            "`{code}` has a space at position {at}",
            "`{code}` 第 {at} 位为空格"
        ),
        UsccForm::Character(c, at) if c.is_ascii_lowercase() => text!(
            "`{code}` has a lower-case `{c}` at position {at}",
            "`{code}` 第 {at} 位为小写字母 `{c}`"
        ),
        UsccForm::Character(c, at) => text!(
            "`{code}` has `{c}` at position {at}, which the code alphabet does not use",
            "`{code}` 第 {at} 位为 `{c}`，统一社会信用代码不使用该字符"
        ),
        UsccForm::Authority(c) => text!(
            "`{code}` has `{c}` at position 1, which is not a registration authority (position 1 is 1–9, A, N or Y)",
            "`{code}` 第 1 位为 `{c}`，不是登记管理部门代码（第 1 位应为 1–9、A、N 或 Y）"
        ),
        UsccForm::EntityType(a, c) => {
            let Some(authority) = uscc_authority(a) else {
                return;
            };
            let (name_en, name_zh) = (authority.en, authority.zh);
            let types = or_list(authority.types);
            let (types_en, types_zh) = (&types.en, &types.zh);
            text!(
                "`{code}` has `{c}` at position 2, which is not an entity type of registration authority `{a}` ({name_en}; position 2 is {types_en})",
                "`{code}` 第 2 位为 `{c}`，不是登记管理部门 `{a}`（{name_zh}）的机构类别代码（第 2 位应为 {types_zh}）"
            )
        }
        UsccForm::Division(c, at) => text!(
            "`{code}` has the letter `{c}` at position {at}: positions 3–8 are the administrative division code, digits only",
            "`{code}` 第 {at} 位为字母 `{c}`：第 3–8 位为行政区划代码，只能是数字"
        ),
    };
    let help = match form {
        UsccForm::Authority(_) | UsccForm::EntityType(..) | UsccForm::Division(..) => text!(
            "copy the 18-character code from the licence: position 1 is the registration authority (9 for a company registered by market regulation), position 2 the entity type (1 for an enterprise), positions 3–8 the six-digit administrative division code, positions 9–17 the organisation code and position 18 the check character; a character that looks like O is the digit 0, one that looks like I the digit 1",
            "请按营业执照抄录 18 位代码：第 1 位为登记管理部门代码（市场监督管理部门登记的企业为 9），第 2 位为机构类别代码（企业为 1），第 3–8 位为 6 位数字的行政区划代码，第 9–17 位为主体标识码（组织机构代码），第 18 位为校验码；形似 O 的是数字 0，形似 I 的是数字 1"
        ),
        _ => text!(
            "copy the 18-character code from the licence: digits and the capital letters A–H, J–N, P–R, T, U, W–Y (no I, O, Z, S or V; a character that looks like O is the digit 0)",
            "请按营业执照抄录 18 位代码：数字及大写字母 A–H、J–N、P–R、T、U、W–Y（不含 I、O、Z、S、V；形似 O 的是数字 0）"
        ),
    };
    ctx.report(uscc.span, message).help(help);
}

/// LIC002: the 18th character of a well-formed `uscc` is its check character.
pub(crate) fn uscc_check_character_is_right(ctx: &Ctx) {
    let Some(licence) = ctx.sub.license.as_ref() else {
        return;
    };
    let Some(uscc) = licence.data.uscc.get() else {
        return;
    };
    let code = uscc.value.as_str();
    let (Some(expected), Some(found)) = (uscc_check_character(code), code.chars().last()) else {
        return;
    };
    if expected == found {
        return;
    }
    ctx.report(uscc.span,
            text!(
                "the check character should be `{expected}`, not `{found}`",
                "校验码应为 `{expected}`，而不是 `{found}`"
            ),
        )
        .help(text!(
            "compare `{code}` with the licence character by character: one of the first 17 is likely mistyped; if the licence shows exactly this code, confirm it with the registration authority (some codes issued in early pilot regions fail the check) and keep this finding with a note",
            "请将 `{code}` 与营业执照逐位核对，前 17 位中很可能有录入错误；如执照上确为此代码，请向登记机关确认（早期试点地区发放的部分代码无法通过校验），并保留本条结果、附上说明"
        ));
}

/// LIC003: the applicant is not an individual business (个体工商户).
pub(crate) fn applicant_is_not_an_individual_business(ctx: &Ctx) {
    let Some(licence) = ctx.sub.license.as_ref() else {
        return;
    };
    let stated = licence
        .data
        .entity_type
        .get()
        .filter(|t| t.value == EntityType::IndividualBusiness);
    let by_code = licence
        .data
        .uscc
        .get()
        .filter(|u| u.value.starts_with(INDIVIDUAL_BUSINESS_PREFIX));
    let message_at = match (stated, by_code) {
        (Some(t), _) => Some((
            t.span,
            text!(
                "the applicant is an individual business (个体工商户)",
                "申请主体为个体工商户"
            ),
        )),
        (None, Some(u)) => {
            let code = u.value.as_str();
            Some((
                u.span,
                text!(
                    "`{code}` starts with `{INDIVIDUAL_BUSINESS_PREFIX}`, the registration type of an individual business (个体工商户)",
                    "`{code}` 以 `{INDIVIDUAL_BUSINESS_PREFIX}` 开头，登记类型为个体工商户"
                ),
            ))
        }
        (None, None) => None,
    };
    let Some((span, message)) = message_at else {
        return;
    };
    ctx.report(span, message).help(text!(
        "the programme accepts companies only; apply with the licence of a company (for example a limited company) that exports in its own name",
        "项目仅接受企业申请；请使用以自身名义出口的企业（如有限公司）的营业执照申请"
    ));
}

/// LIC005: `business_scope` is given and covers import and export (进出口).
pub(crate) fn business_scope_covers_export(ctx: &Ctx) {
    let Some(scope) = ctx.needs(
        document_field(ctx.sub.license.as_ref(), |l| &l.business_scope),
        || text!(
            "no `business_scope` is given; it must cover import and export (进出口)",
            "未填写 `business_scope`（经营范围）；经营范围须包含进出口"
        ),
        || text!(
            "copy the business scope printed on the licence as `business_scope`; if it lacks 货物进出口 or 技术进出口, add it with the registration authority before applying",
            "请按营业执照抄录经营范围，填入 `business_scope`；如不含货物进出口或技术进出口，请先向登记机关办理经营范围变更"
        ),
    ) else {
        return;
    };
    if scope.value.contains("进出口") || scope.value.to_lowercase().contains("import and export")
    {
        return;
    }
    ctx.report(scope.span,
            text!(
                "the business scope does not mention import and export (进出口)",
                "经营范围未包含进出口"
            ),
        )
        .help(text!(
            "check the scope printed on the licence; if it lacks 货物进出口 or 技术进出口, add it with the registration authority before applying",
            "请核对营业执照上的经营范围；如不含货物进出口或技术进出口，请先向登记机关办理经营范围变更"
        ));
}

/// LIC006: the licence has a scan.
pub(crate) fn licence_scan_is_given(ctx: &Ctx) {
    let Some(licence) = ctx.sub.license.as_ref() else {
        return;
    };
    let scan = &licence.data.scan;
    if scan.is_invalid() || scan.get().is_some_and(|s| !s.value.trim().is_empty()) {
        return;
    }
    let message = if scan.is_absent() {
        text!("the licence has no `scan`", "营业执照缺少 `scan`（扫描件）")
    } else {
        text!(
            "the licence's `scan` is empty",
            "营业执照的 `scan`（扫描件）为空"
        )
    };
    ctx.report(Place::File(licence.file), message)
        .help(text!(
            "add `scan:` with the path of a PDF, JPEG or PNG of the licence inside the submission folder, e.g. `scan: attachments/license.pdf`",
            "请添加 `scan:`，填写提交文件夹内营业执照 PDF、JPEG 或 PNG 扫描件的路径，如 `scan: attachments/license.pdf`"
        ));
}

/// LIC007: `entity_name` mixes no bracket widths, has no stray spaces and no hidden characters.
pub(crate) fn entity_name_is_written_consistently(ctx: &Ctx) {
    let Some(name) = ctx.needs(
        document_field(ctx.sub.license.as_ref(), |l| &l.entity_name),
        || {
            text!(
                "no `entity_name` is given",
                "未填写 `entity_name`（企业名称）"
            )
        },
        || {
            text!(
                "copy the name of the company exactly as printed on the licence as `entity_name`",
                "请按营业执照原样抄录企业名称，填入 `entity_name`"
            )
        },
    ) else {
        return;
    };
    let problems = name_problems(&name.value);
    if problems.is_empty() {
        return;
    }
    let problems = join_texts(&problems, "; ", "；");
    let (en, zh) = (&problems.en, &problems.zh);
    let clean = tidy_name(&name.value);
    let help = if name.value.chars().any(is_hidden) {
        text!(
            "delete the characters that do not show: with them, every declaration and registration that gives the name as printed differs from it; write the name exactly as printed on the licence, e.g. `{clean}`",
            "请删除不可见字符：含有这些字符时，按执照原样填写名称的报关单和海关注册信息都会与之不一致；请按营业执照原样填写名称，如 `{clean}`"
        )
    } else {
        text!(
            "write the name exactly as printed on the licence, e.g. `{clean}`",
            "请按营业执照原样填写名称，如 `{clean}`"
        )
    };
    ctx.report(name.span, text!("{en}", "{zh}")).help(help);
}

const FULL_WIDTH_BRACKETS: [char; 2] = ['（', '）'];
const HALF_WIDTH_BRACKETS: [char; 2] = ['(', ')'];
/// The spaces a name may contain singly: ASCII and the ideographic space (U+3000).
const SPACES: [char; 2] = [' ', '\u{3000}'];

/// What is inconsistent in how a name is written.
fn name_problems(name: &str) -> Vec<Text> {
    let mut problems = Vec::new();
    if let (Some(full), Some(half)) = (
        name.chars().find(|c| FULL_WIDTH_BRACKETS.contains(c)),
        name.chars().find(|c| HALF_WIDTH_BRACKETS.contains(c)),
    ) {
        problems.push(text!(
            "the name mixes a full-width `{full}` and a half-width `{half}`",
            "名称中全角 `{full}` 与半角 `{half}` 混用"
        ));
    }
    if name.starts_with(char::is_whitespace) {
        problems.push(text!("the name starts with a space", "名称开头有空格"));
    }
    if name.ends_with(char::is_whitespace) {
        problems.push(text!("the name ends with a space", "名称末尾有空格"));
    }
    let chars: Vec<char> = name.chars().collect();
    if chars
        .windows(2)
        .any(|w| SPACES.contains(&w[0]) && SPACES.contains(&w[1]))
    {
        problems.push(text!(
            "the name has two spaces in a row",
            "名称中有连续空格"
        ));
    }
    // Invisible, format and bidi characters (issue 13), each by name: never raw.
    problems.extend(hidden_in(
        Side {
            en: "the name",
            zh: "",
        },
        name,
    ));
    problems
}

/// The name trimmed, hidden characters dropped, runs of spaces made single and brackets made
/// full-width: what the help suggests when the licence itself is not at hand.
fn tidy_name(name: &str) -> String {
    let mut out = String::new();
    let mut last_space = false;
    for c in name.trim().chars().filter(|c| !is_hidden(*c)) {
        let c = match c {
            '(' => '（',
            ')' => '）',
            c => c,
        };
        let space = SPACES.contains(&c);
        if !(space && last_space) {
            out.push(c);
        }
        last_space = space;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Submission, typed};
    use crate::rules::testing;

    const VALID: [&str; 5] = [
        "91110000600037341L",
        "91310115MA1K3BTP2B",
        "91310110666007217T",
        "121200004013590816",
        "91440300MA5FHC8K1M",
    ];

    #[test]
    fn valid_codes_pass_the_check_character() {
        for code in VALID {
            let last = code.chars().last();
            assert_eq!(uscc_check_character(code), last, "{code}");
        }
    }

    #[test]
    fn positions_1_to_8_follow_the_standard() {
        assert_eq!(uscc_form("91K52201078391750T"), UsccForm::Division('K', 3));
        assert_eq!(uscc_form("9144030AMA5FHC8K1M"), UsccForm::Division('A', 8));
        assert_eq!(uscc_form("01440300MA5FHC8K1M"), UsccForm::Authority('0'));
        assert_eq!(uscc_form("B1440300MA5FHC8K1M"), UsccForm::Authority('B'));
        assert_eq!(
            uscc_form("94440300MA5FHC8K1M"),
            UsccForm::EntityType('9', '4')
        );
        assert_eq!(
            uscc_form("9A440300MA5FHC8K1M"),
            UsccForm::EntityType('9', 'A')
        );
        assert_eq!(
            uscc_form("Y2440300MA5FHC8K1M"),
            UsccForm::EntityType('Y', '2')
        );
        // Alphabet before structure at the same position; the first wrong position wins.
        assert_eq!(uscc_form("I1440300MA5FHC8K1M"), UsccForm::Character('I', 1));
        assert_eq!(uscc_form("04K40300MA5FHC8K1M"), UsccForm::Authority('0'));
        for code in [
            "Y14403052485983416",
            "A1370200MANJ8Y184Q",
            "N2440300MA5FHC8K1M",
        ] {
            assert_ne!(
                uscc_form(code),
                UsccForm::Authority(code.chars().next().unwrap())
            );
        }
        assert_eq!(uscc_form("Y14403052485983416"), UsccForm::WellFormed);
        // Structure before the check character: no LIC002 on a malformed code.
        assert_eq!(uscc_check_character("91K52201078391750T"), None);
        for a in USCC_AUTHORITIES {
            assert!(USCC_ALPHABET.contains(a.code), "{}", a.code);
            assert!(a.types.chars().all(|t| USCC_ALPHABET.contains(t)));
        }
    }

    #[test]
    fn a_wrong_check_character_is_caught() {
        assert_eq!(uscc_check_character("91110000600037341N"), Some('L'));
    }

    #[test]
    fn alphabet_and_length_errors() {
        assert_eq!(uscc_form("91110000600037341L"), UsccForm::WellFormed);
        assert_eq!(uscc_form("9111000060003734L"), UsccForm::Length(17));
        assert_eq!(uscc_form("91110000600037341LL"), UsccForm::Length(19));
        assert_eq!(uscc_form(""), UsccForm::Length(0));
        assert_eq!(
            uscc_form("91110000 600037341L"),
            UsccForm::Character(' ', 9)
        );
        assert_eq!(
            uscc_form("91110000600037341L "),
            UsccForm::Character(' ', 19)
        );
        for (bad, at) in [('I', 3), ('O', 5), ('Z', 9), ('S', 11), ('V', 18)] {
            let mut code: Vec<char> = "91110000600037341L".chars().collect();
            code[at - 1] = bad;
            let code: String = code.into_iter().collect();
            assert_eq!(uscc_form(&code), UsccForm::Character(bad, at), "{code}");
            assert_eq!(uscc_check_character(&code), None);
        }
        assert_eq!(
            uscc_form("91110000600037341l"),
            UsccForm::Character('l', 18)
        );
        // Characters, not bytes: a full-width digit is one character out of the alphabet.
        assert_eq!(
            uscc_form("９1110000600037341L"),
            UsccForm::Character('９', 1)
        );
    }

    /// Passing values for the fields every licence needs, for those `yaml` does not give.
    const DEFAULTS: [(&str, &str); 4] = [
        ("entity_name", "深圳市华彩科技有限公司"),
        ("uscc", "91440300MA5FHC8K1M"),
        ("valid_until", "long-term"),
        ("business_scope", "货物及技术进出口"),
    ];

    /// The findings of this module for a `license.yaml` holding `yaml` and, for the fields it
    /// does not give, [`DEFAULTS`]: as of 2026-11-20, each with the text it points at (empty for
    /// a whole document).
    fn findings(yaml: &str) -> Vec<(&'static str, String)> {
        let mut full = yaml.to_owned();
        for (key, value) in DEFAULTS {
            if !yaml.lines().any(|l| l.starts_with(&format!("{key}:"))) {
                full.push_str(&format!("{key}: {value}\n"));
            }
        }
        findings_as_written(&full)
    }

    /// The findings of this module for a `license.yaml` holding exactly `yaml`.
    fn findings_as_written(yaml: &str) -> Vec<(&'static str, String)> {
        let mut sub = Submission::default();
        sub.license = Some(testing::valid_doc(&mut sub, "license.yaml", yaml));
        let out = testing::run(&sub, crate::markets::builtin(), &["LIC"]);
        testing::span_texts(&sub, &out)
    }

    fn codes(yaml: &str) -> Vec<&'static str> {
        findings(yaml).into_iter().map(|(code, _)| code).collect()
    }

    const SCAN: &str = "scan: attachments/license.pdf\n";

    /// A valid code of an individual business.
    fn individual_code() -> String {
        let body = "92440300MA5FHC8K1";
        let check = uscc_check_character(&format!("{body}0")).expect("well formed");
        format!("{body}{check}")
    }

    #[test]
    fn an_individual_business_is_one_finding_at_the_stated_type() {
        let code = individual_code();
        let both = format!("{SCAN}entity_type: individual-business\nuscc: {code}\n");
        assert_eq!(
            findings(&both),
            [("LIC003", "individual-business".to_owned())]
        );
        let stated = format!("{SCAN}entity_type: individual-business\n");
        assert_eq!(
            findings(&stated),
            [("LIC003", "individual-business".to_owned())]
        );
        assert!(codes(&format!("{SCAN}entity_type: limited-company\n")).is_empty());
    }

    #[test]
    fn a_92_code_alone_is_an_individual_business_at_the_code() {
        let code = individual_code();
        let yaml = format!("{SCAN}entity_type: limited-company\nuscc: {code}\n");
        assert_eq!(findings(&yaml), [("LIC003", code.clone())]);
        assert_eq!(
            findings(&format!("{SCAN}uscc: {code}\n")),
            [("LIC003", code)]
        );
        assert!(codes(&format!("{SCAN}uscc: 91440300MA5FHC8K1M\n")).is_empty());
    }

    #[test]
    fn the_uscc_rules_fire_once_each() {
        let with = |code: &str| codes(&format!("{SCAN}uscc: {code}\n"));
        assert_eq!(with("91110000600037341N"), ["LIC002"]);
        assert_eq!(with("91110000600037341I"), ["LIC001"]);
        assert_eq!(with("9111000060003734L"), ["LIC001"]);
        for code in VALID {
            assert!(with(code).is_empty(), "{code}");
        }
    }

    #[test]
    fn licence_validity_boundaries() {
        let with = |until: &str| codes(&format!("{SCAN}valid_until: {until}\n"));
        // As of Friday 2026-11-20, six working days (Monday to Friday) end on Monday 2026-11-30.
        assert!(with("2026-11-30").is_empty());
        assert!(with("2026-12-10").is_empty());
        assert_eq!(with("2026-11-29"), ["LIC004"]);
        assert_eq!(with("2026-11-27"), ["LIC004"]);
        assert_eq!(with("2026-11-20"), ["LIC004"]);
        assert_eq!(with("2026-11-19"), ["LIC004"]);
        assert!(with("long-term").is_empty());
        assert!(with("长期").is_empty());
        assert!(with("长期有效").is_empty());
    }

    #[test]
    fn licence_fails_from_the_first_day_whose_review_ends_after_it() {
        let date = testing::date;
        for until in [
            "2026-11-30",
            "2026-12-05",
            "2026-12-06",
            "2026-12-07",
            "2027-01-01",
        ] {
            let until = date(until);
            let from = licence_fails_from(until);
            assert!(end_of_review(from) > until, "{until}");
            assert!(end_of_review(from.add_days(-1)) <= until, "{until}");
        }
        // Valid until Monday 2026-11-30: the reviews started from Friday 11-20 to Sunday 11-22
        // end on that day; the one started on Monday 11-23 ends on Tuesday 12-01.
        assert_eq!(licence_fails_from(date("2026-11-30")), date("2026-11-23"));
    }

    #[test]
    fn business_scope_needs_import_and_export() {
        let with = |scope: &str| codes(&format!("{SCAN}business_scope: {scope}\n"));
        assert!(with("货物及技术进出口").is_empty());
        assert!(with("Electronics; Import And Export of goods").is_empty());
        assert_eq!(with("电子产品销售"), ["LIC005"]);
        assert_eq!(with("export of goods"), ["LIC005"]);
    }

    #[test]
    fn a_missing_field_is_reported_by_its_rule_at_the_document() {
        let all: String = DEFAULTS
            .iter()
            .map(|(key, value)| format!("{key}: {value}\n"))
            .collect();
        assert_eq!(findings_as_written(&format!("{SCAN}{all}")), []);
        for (key, code) in [
            ("entity_name", "LIC007"),
            ("uscc", "LIC001"),
            ("valid_until", "LIC004"),
            ("business_scope", "LIC005"),
        ] {
            let without: String = all
                .lines()
                .filter(|l| !l.starts_with(&format!("{key}:")))
                .map(|l| format!("{l}\n"))
                .collect();
            assert_eq!(
                findings_as_written(&format!("{SCAN}{without}")),
                [(code, String::new())],
                "{key}"
            );
        }
        // A value that could not be read is SUB002's, not a missing one.
        let mut sub = Submission::default();
        let yaml = format!(
            "{SCAN}entity_name: [a]\nuscc: [1]\nvalid_until: soon\nbusiness_scope: {{a: 1}}\n"
        );
        let file = sub.db.add("license.yaml", Some(yaml.clone()));
        let root = crate::load::yaml::parse(&yaml).expect("test YAML parses");
        let (data, problems) = typed::read::<LicenseDoc>(file, &yaml, &root);
        assert_eq!(problems.len(), 4, "{problems:?}");
        sub.license = Some(crate::load::Doc {
            file,
            root,
            data: data.expect("the document reads"),
        });
        let out = testing::run(&sub, crate::markets::builtin(), &["LIC"]);
        assert_eq!(out, []);
    }

    #[test]
    fn a_missing_or_empty_scan_fires() {
        assert_eq!(codes("uscc: 91440300MA5FHC8K1M\n"), ["LIC006"]);
        assert_eq!(codes("scan: \"\"\n"), ["LIC006"]);
        assert_eq!(codes("scan: \"  \"\n"), ["LIC006"]);
    }

    #[test]
    fn names_mixing_widths_or_spacing_fire() {
        assert_eq!(name_problems("深圳（华彩)科技有限公司").len(), 1);
        assert_eq!(name_problems("深圳(华彩）科技有限公司").len(), 1);
        assert!(name_problems("深圳市华彩（科技）有限公司").is_empty());
        assert!(name_problems("深圳市华彩(科技)有限公司").is_empty());
        assert!(name_problems("Huacai Tech Co., Ltd").is_empty());
        assert_eq!(name_problems(" 深圳市华彩科技有限公司").len(), 1);
        assert_eq!(name_problems("深圳市华彩科技有限公司\u{3000}").len(), 1);
        assert_eq!(name_problems("Huacai  Tech").len(), 1);
        assert_eq!(name_problems("Huacai \u{3000}Tech").len(), 1);
        assert_eq!(name_problems(" 深圳（华彩)  科技").len(), 3);
        assert_eq!(name_problems(" 深圳 ").len(), 2);
        assert_eq!(
            name_problems("深圳（华彩)科技")[0].en,
            "the name mixes a full-width `（` and a half-width `)`"
        );
        assert_eq!(tidy_name(" 深圳（华彩)  科技 "), "深圳（华彩） 科技");
    }

    #[test]
    fn a_hidden_character_in_the_name_is_named_not_shown() {
        let problems = name_problems("深圳市华彩\u{200b}科技有限公司");
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].en,
            "the name has U+200B ZERO WIDTH SPACE after `华彩` (invisible)"
        );
        assert_eq!(
            problems[0].zh,
            "名称中 `华彩` 之后有 U+200B ZERO WIDTH SPACE（不可见字符）"
        );
        assert_eq!(
            tidy_name("\u{feff}深圳市华彩\u{202e}科技"),
            "深圳市华彩科技"
        );
    }
}
