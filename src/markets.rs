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

fn yes() -> bool {
    true
}

impl MarketTable {
    pub fn get(&self, code: &str) -> Option<&Market> {
        self.markets.iter().find(|m| m.code == code)
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
        serde_saphyr::from_str(text).unwrap_or_else(|e| panic!("checks/markets.yaml: {e}"))
    })
}
