//! The market table (`checks/markets.yaml`): postal formats, phone numbers, languages, time zones,
//! working weeks, certificates. Facts live in the data file, not in code.

use crate::finding::Text;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MarketTable {
    pub markets: Vec<Market>,
    /// Longest first response per language, in minutes (Arabic: 120).
    #[serde(default)]
    pub language_sla_minutes: BTreeMap<String, u32>,
    /// How sellers write each service language besides its code (`Arabic`, `阿拉伯语`, `ara`,
    /// `العربية` for `ar`); see [`MarketTable::language_meant`].
    #[serde(default)]
    pub language_names: BTreeMap<String, Vec<String>>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Market {
    pub code: String,
    pub name: Text,
    /// Other ways sellers write the market: the ISO 3166 alpha-3 code (`SAU`), abbreviations
    /// (`KSA`, `UAE`), English and Chinese names (`Saudi`, `沙特`). Never valid in place of the
    /// code; they only say which code was meant ([`MarketTable::meant`]).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The programmes that serve this market (`cooperation`, `challenge`).
    pub programmes: Vec<String>,
    /// `None` for a market without postal codes.
    pub postal: Option<Postal>,
    /// Whether the programme requires the postal prefix (`CP`, `CEP`); a configuration can relax
    /// it for a market.
    #[serde(default = "yes")]
    pub postal_prefix_required: bool,
    pub phone: Phone,
    pub languages: Vec<String>,
    pub timezone: String,
    pub working_week: String,
    /// Certificates required for consumer electronics: each group is satisfied by any one type.
    #[serde(default)]
    pub certificates: Vec<Vec<String>>,
    #[serde(default)]
    pub eu_epr: bool,
    #[serde(default)]
    pub carriers: Vec<String>,
    /// Categories that need an FDA registration to sell here (challenge CHL020).
    #[serde(default)]
    pub fda_categories: Vec<String>,
    /// A currency price benchmarks must use in this market, when not USD.
    #[serde(default)]
    pub price_currency: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Postal {
    /// Full-match pattern of the code itself (prefix removed).
    pub pattern: String,
    /// How the programme wants it written, e.g. `CP 28009`.
    pub presentation: String,
    /// A prefix the programme requires (`CP`, `CEP`).
    #[serde(default)]
    pub prefix: Option<String>,
    /// The leading digits that name a region, when the market's codes begin with one (Spain: the
    /// province, 01–52).
    #[serde(default)]
    pub region_prefix: Option<RegionPrefix>,
    /// `pattern` compiled once, anchored at both ends.
    #[serde(skip)]
    compiled: std::sync::OnceLock<Option<regex::Regex>>,
    /// The same with ASCII classes, for codes written in ASCII ([`Postal::fits`]).
    #[serde(skip)]
    compiled_ascii: std::sync::OnceLock<Option<regex::Regex>>,
}

impl Postal {
    pub fn new(pattern: &str, presentation: &str, prefix: Option<&str>) -> Postal {
        Postal {
            pattern: pattern.to_owned(),
            presentation: presentation.to_owned(),
            prefix: prefix.map(str::to_owned),
            region_prefix: None,
            compiled: Default::default(),
            compiled_ascii: Default::default(),
        }
    }

    /// The full-match pattern of the code, compiled on first use; `None` when it does not compile.
    pub fn regex(&self) -> Option<&regex::Regex> {
        self.compiled
            .get_or_init(|| regex::Regex::new(&format!("^(?:{})$", self.pattern)).ok())
            .as_ref()
    }

    /// Whether `code` fits the full-match pattern; `None` when the pattern does not compile.
    ///
    /// A code written in ASCII, against a pattern written in ASCII, is matched with the pattern
    /// compiled with ASCII classes (`\d` as `[0-9]`, `\w`, `\s` and `\b` likewise): on ASCII
    /// text they match what the Unicode classes match, and compile in a small part of the time
    /// (Unicode's `\d` five times over is over a million instructions). A pattern that needs
    /// Unicode mode (`.`, a negated class) and any other code use [`Postal::regex`]. (A pattern
    /// past the regex crate's size limit with Unicode classes only, hundreds of repeated `\w`,
    /// would check ASCII codes where it checked none.)
    pub fn fits(&self, code: &str) -> Option<bool> {
        if code.is_ascii() && self.pattern.is_ascii() {
            let ascii = self.compiled_ascii.get_or_init(|| {
                regex::RegexBuilder::new(&format!("^(?:{})$", self.pattern))
                    .unicode(false)
                    .build()
                    .ok()
            });
            if let Some(ascii) = ascii {
                return Some(ascii.is_match(code));
            }
        }
        Some(self.regex()?.is_match(code))
    }
}

/// The first `digits` digits of a postal code name a region numbered `min` to `max`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegionPrefix {
    pub digits: u8,
    pub min: u32,
    pub max: u32,
}

/// What the market table says of phone numbers: only the calling code, for messages and the
/// presentation `+CC …`. Whether a number is valid, and for which market, is libphonenumber's
/// (the `phonenumber` crate's bundled metadata), not the table's.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phone {
    pub calling_code: String,
}

impl Market {
    /// The code, the English and Chinese names and the aliases.
    fn spellings(&self) -> impl Iterator<Item = &str> {
        [self.code.as_str(), &self.name.en, &self.name.zh]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// `written` as compared with a market's spellings: trimmed, lower case, without spaces, dots,
/// hyphens or underscores.
fn spelling(written: &str) -> String {
    written
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

fn yes() -> bool {
    true
}

impl MarketTable {
    pub fn get(&self, code: &str) -> Option<&Market> {
        self.markets.iter().find(|m| m.code == code)
    }

    /// The market `written` names when it is not itself a market code: the code in other case
    /// (`sa`), an ISO alpha-3 code or another alias (`KSA`, `BRA`, `UAE`), or the market's name in
    /// English or Chinese (`Saudi Arabia`, `巴西`). Latin letters are compared case-insensitively,
    /// ignoring spaces, dots and hyphens (`U.A.E.`). `None` for a market code itself.
    pub fn meant(&self, written: &str) -> Option<&Market> {
        let key = spelling(written);
        if key.is_empty() || self.get(written.trim()).is_some() {
            return None;
        }
        self.markets
            .iter()
            .find(|m| m.spellings().any(|s| spelling(s) == key))
    }

    /// Every way the table spells each market (code, names, aliases), for a near-miss search
    /// over spellings that are not exact ([`MarketTable::meant`] finds the exact ones).
    pub fn spellings(&self) -> impl Iterator<Item = (&str, &Market)> {
        self.markets
            .iter()
            .flat_map(|m| m.spellings().map(move |s| (s, m)))
    }

    /// The language code `written` names when it is not a code: one of the language's names of
    /// [`MarketTable::language_names`], compared case-insensitively (`Arabic`, `阿拉伯语`, `ara`).
    pub fn language_meant(&self, written: &str) -> Option<&str> {
        let key = written.trim().to_lowercase();
        if key.is_empty() || self.language_names.contains_key(&key) {
            return None;
        }
        self.language_names
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.to_lowercase() == key))
            .map(|(code, _)| code.as_str())
    }

    /// The market served by `programme`, if it is.
    pub fn served(&self, code: &str, programme: &str) -> Option<&Market> {
        self.get(code)
            .filter(|m| m.programmes.iter().any(|p| p == programme))
    }
}

pub fn builtin() -> &'static MarketTable {
    static TABLE: OnceLock<MarketTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let text = crate::catalogue::embedded("markets.yaml").unwrap_or("markets: []");
        crate::catalogue::read("markets.yaml", text)
            .unwrap_or_else(|e| panic!("checks/markets.yaml: {e}"))
    })
}

#[cfg(test)]
mod tests {
    use super::builtin;

    #[test]
    fn alpha_3_codes_and_names_mean_their_market() {
        let table = builtin();
        for (written, code) in [
            ("KSA", "SA"),
            ("SAU", "SA"),
            ("Saudi Arabia", "SA"),
            ("saudi arabia", "SA"),
            ("沙特", "SA"),
            ("沙特阿拉伯", "SA"),
            ("BRA", "BR"),
            ("Brazil", "BR"),
            ("Brasil", "BR"),
            ("巴西", "BR"),
            ("Spain", "ES"),
            ("ESP", "ES"),
            ("西班牙", "ES"),
            ("UAE", "AE"),
            ("U.A.E.", "AE"),
            ("ARE", "AE"),
            ("阿联酋", "AE"),
            ("es", "ES"),
            (" korea ", "KR"),
        ] {
            assert_eq!(
                table.meant(written).map(|m| m.code.as_str()),
                Some(code),
                "{written}"
            );
        }
    }

    /// The ASCII-class patterns answer as the Unicode ones, on every market's presentation,
    /// codes near it, and codes in other scripts.
    #[test]
    fn postal_codes_fit_alike_with_ascii_classes() {
        let mut compared = 0;
        for market in &builtin().markets {
            let Some(postal) = &market.postal else {
                continue;
            };
            let unicode = postal.regex().unwrap();
            let shown = postal.presentation.clone();
            let code = postal
                .prefix
                .as_deref()
                .and_then(|p| shown.strip_prefix(p))
                .unwrap_or(&shown)
                .trim()
                .to_owned();
            let mut codes = vec![code.clone(), shown, format!("{code}0"), format!(" {code}")];
            codes.extend((0..code.len()).map(|i| format!("{}{}", &code[..i], &code[i + 1..])));
            codes.extend((0..code.len()).map(|i| code.replacen(&code[i..=i], "a", 1)));
            codes.extend(
                [
                    "",
                    "1234 ab",
                    "1234AB",
                    "12345-678",
                    "00-950",
                    "٠١٢٣٤",
                    "１２３４５",
                ]
                .map(String::from),
            );
            for c in codes {
                assert_eq!(
                    postal.fits(&c),
                    Some(unicode.is_match(&c)),
                    "{}: {c:?}",
                    market.code
                );
                compared += 1;
            }
        }
        let dotted = super::Postal::new(r"\d.\d", "1-2", None);
        assert_eq!(dotted.fits("1-2"), Some(true));
        assert_eq!(dotted.fits("1é2"), Some(true));
        assert!(compared > 100, "{compared}");
    }

    #[test]
    fn codes_and_unknown_names_mean_nothing() {
        let table = builtin();
        for written in ["SA", "BR", "", "  ", "Atlantis", "XX", "中国"] {
            assert!(table.meant(written).is_none(), "{written}");
        }
    }
}
