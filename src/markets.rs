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
}

impl Postal {
    pub fn new(pattern: &str, presentation: &str, prefix: Option<&str>) -> Postal {
        Postal {
            pattern: pattern.to_owned(),
            presentation: presentation.to_owned(),
            prefix: prefix.map(str::to_owned),
            region_prefix: None,
            compiled: Default::default(),
        }
    }

    /// The full-match pattern of the code, compiled on first use; `None` when it does not compile.
    pub fn regex(&self) -> Option<&regex::Regex> {
        self.compiled
            .get_or_init(|| regex::Regex::new(&format!("^(?:{})$", self.pattern)).ok())
            .as_ref()
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

    #[test]
    fn codes_and_unknown_names_mean_nothing() {
        let table = builtin();
        for written in ["SA", "BR", "", "  ", "Atlantis", "XX", "中国"] {
            assert!(table.meant(written).is_none(), "{written}");
        }
    }
}
