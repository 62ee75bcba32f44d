//! The documents of a submission as Rust types. Every value a rule can point at keeps its span.
//!
//! Leaf values are [`Field`]s (absent, of the wrong type, or present with a span); list entries
//! without the key that identifies them are dropped by [`List`] after being reported.

pub mod duration;
pub mod spanned;

pub use crate::date::Date;
pub use duration::{canonical_duration, parse_duration};
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
pub use spanned::{Field, List, Sp};
use std::fmt;

/// The YAML documents of a submission, of either programme.
pub const DOCUMENTS: &[&str] = &[
    "submission.yaml",
    "license.yaml",
    "customs.yaml",
    "returns.yaml",
    "service.yaml",
    "fulfillment.yaml",
    "compliance.yaml",
    "logistics.yaml",
    "plan.yaml",
    "registrations.yaml",
];

/// A percentage as written, `97.2` or `"97.2%"`, any finite number: what [`Percent`] and
/// [`PercentGap`] read before they check their range.
fn percent<'de, D: Deserializer<'de>>(d: D, expecting: &'static str) -> Result<f64, D::Error> {
    struct V(&'static str);
    impl Visitor<'_> for V {
        type Value = f64;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
            Ok(v as f64)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
            if v.is_finite() {
                Ok(v)
            } else {
                Err(E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
        fn visit_str<E: de::Error>(self, s: &str) -> Result<f64, E> {
            s.trim()
                .strip_suffix('%')
                .and_then(|n| n.trim().parse::<f64>().ok())
                .filter(|n| n.is_finite())
                .ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self))
        }
    }
    d.deserialize_any(V(expecting))
}

/// What a percentage must be, as the loader names it (SUB002 at the value).
pub const PERCENT_RANGE: &str = "a percentage between 0 and 100";
/// What an amount or a count must be.
pub const NOT_NEGATIVE: &str = "a number that is not negative";

/// A rate in percent, written `97.2` or `"97.2%"`: between 0 and 100 (a share cannot be more,
/// or less).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Percent(pub f64);

impl<'de> Deserialize<'de> for Percent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = percent(d, "a percentage such as 97.2 or \"97.2%\"")?;
        if (0.0..=100.0).contains(&v) {
            Ok(Percent(v))
        } else {
            Err(de::Error::invalid_value(
                de::Unexpected::Float(v),
                &PERCENT_RANGE,
            ))
        }
    }
}

/// A difference in percent (a price gap to a benchmark): any finite number, negative too.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct PercentGap(pub f64);

impl<'de> Deserialize<'de> for PercentGap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        percent(d, "a percentage such as 97.2 or \"97.2%\"").map(PercentGap)
    }
}

/// An amount or a measure (integer or decimal): finite and not negative.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Number(pub f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if !v.is_finite() {
            Err(de::Error::invalid_value(
                de::Unexpected::Float(v),
                &"a number",
            ))
        } else if v < 0.0 {
            Err(de::Error::invalid_value(
                de::Unexpected::Float(v),
                &NOT_NEGATIVE,
            ))
        } else {
            Ok(Number(v))
        }
    }
}

/// A whole number that counts something (a store level, SKUs, viewers): not negative.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Count(pub i64);

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq<i64> for Count {
    fn eq(&self, other: &i64) -> bool {
        self.0 == *other
    }
}

impl PartialOrd<i64> for Count {
    fn partial_cmp(&self, other: &i64) -> Option<std::cmp::Ordering> {
        self.0.partial_cmp(other)
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d)?;
        if v < 0 {
            Err(de::Error::invalid_value(
                de::Unexpected::Signed(v),
                &NOT_NEGATIVE,
            ))
        } else {
            Ok(Count(v))
        }
    }
}

/// `valid_until` of a licence: a date, or long-term (长期, 长期有效: no end date).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ValidUntil {
    Date(Date),
    LongTerm,
}

impl<'de> Deserialize<'de> for ValidUntil {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ValidUntil;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date or `long-term`")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<ValidUntil, E> {
                match s.trim() {
                    "long-term" | "长期" | "长期有效" => Ok(ValidUntil::LongTerm),
                    t => Date::parse(t, false)
                        .map(ValidUntil::Date)
                        .ok_or_else(|| E::invalid_value(de::Unexpected::Str(s), &self)),
                }
            }
        }
        d.deserialize_str(V)
    }
}

/// An enumeration written as text, with the spellings each value accepts.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => [$canonical:literal $(, $alias:literal)*]),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const VALUES: &'static [&'static str] = &[$($canonical),+];

            pub fn parse(s: &str) -> Option<$name> {
                match s.trim() {
                    $($canonical $(| $alias)* => Some($name::$variant),)+
                    _ => None,
                }
            }

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $canonical),+ }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // Checked inside the visitor, so a wrong value is reported at the value itself.
                struct V;
                impl ::serde::de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter) -> ::std::fmt::Result {
                        write!(f, "one of {:?}", $name::VALUES)
                    }
                    fn visit_str<E: ::serde::de::Error>(self, s: &str) -> Result<$name, E> {
                        $name::parse(s).ok_or_else(|| E::unknown_variant(s, $name::VALUES))
                    }
                }
                d.deserialize_str(V)
            }
        }

        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({"type": "string", "enum": [$($canonical $(, $alias)*),+]})
            }
        }
    };
}

pub(crate) use text_enum;

text_enum!(Program { Cooperation => ["cooperation"], Challenge => ["challenge"] });

impl Default for Program {
    /// The co-operation checklist is the default.
    fn default() -> Program {
        Program::Cooperation
    }
}
text_enum!(EntityType {
    LimitedCompany => ["limited-company"],
    JointStock => ["joint-stock"],
    Partnership => ["partnership"],
    SoleProprietorship => ["sole-proprietorship"],
    IndividualBusiness => ["individual-business"],
    ForeignInvested => ["foreign-invested"],
    Other => ["other"],
});
text_enum!(Direction { Export => ["export", "出口", "E"], Import => ["import", "进口", "I"] });
text_enum!(Calendar { WorkingDays => ["working-days"], CalendarDays => ["calendar-days"] });
text_enum!(Staffing {
    Native => ["native"],
    Bilingual => ["bilingual"],
    Outsourced => ["outsourced"],
    MachineTranslation => ["machine-translation"],
});
text_enum!(Mode { LocalWarehouse => ["local-warehouse"], DirectMail => ["direct-mail"] });
text_enum!(Warehouse { Platform => ["platform"], ThirdParty => ["third-party"], Own => ["own"] });

/// A document or a section of one: every field may be absent, unknown keys are reported.
macro_rules! section {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident: $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Deserialize, JsonSchema)]
        #[serde(default)]
        #[schemars(deny_unknown_fields)]
        pub struct $name { $($(#[$fmeta])* pub $field: $ty),* }
    };
}

/// A list entry: the key that identifies it is required (its absence drops the entry, SUB002),
/// every other field may be absent, unknown keys are reported.
macro_rules! entry {
    (
        $(#[$meta:meta])* pub struct $name:ident {
            $(#[$kmeta:meta])* pub $key:ident: $kty:ty,
            $($(#[$fmeta:meta])* pub $field:ident: $ty:ty),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Deserialize, JsonSchema)]
        #[schemars(deny_unknown_fields)]
        pub struct $name {
            $(#[$kmeta])* pub $key: $kty,
            $(#[serde(default)] $(#[$fmeta])* pub $field: $ty),*
        }
    };
}

// ---------------------------------------------------------------- submission.yaml

section! {
    pub struct SubmissionDoc {
        pub program: Field<Program>,
        pub applicant: Field<Applicant>,
        pub markets: Field<List<String>>,
        pub submitted_on: Field<Date>,
    }
}

section! {
    pub struct Applicant {
        pub store_id: Field<String>,
        pub store_level: Field<Count>,
        pub positive_feedback_90d: Field<Percent>,
        pub dispute_rate: Field<Percent>,
        pub annual_export_usd: Field<Number>,
        pub categories: Field<List<String>>,
    }
}

// ---------------------------------------------------------------- license.yaml

section! {
    pub struct LicenseDoc {
        pub entity_name: Field<String>,
        pub uscc: Field<String>,
        pub entity_type: Field<EntityType>,
        pub legal_representative: Field<String>,
        pub registered_on: Field<Date>,
        pub valid_until: Field<ValidUntil>,
        pub business_scope: Field<String>,
        pub scan: Field<String>,
    }
}

// ---------------------------------------------------------------- customs.yaml

section! {
    pub struct CustomsDoc {
        pub registration: Field<Registration>,
        pub declarations: Field<List<Declaration>>,
    }
}

section! {
    pub struct Registration {
        pub code: Field<String>,
        pub entity_name: Field<String>,
    }
}

entry! {
    /// One export declaration, from `customs.yaml` or a row of `declarations.csv`.
    #[derive(Clone)]
    pub struct Declaration {
        pub number: Sp<String>,
        pub direction: Field<Direction>,
        pub declared_on: Field<Date>,
        pub consignor_name: Field<String>,
        pub consignor_uscc: Field<String>,
        pub scan: Field<String>,
    }
}

// ---------------------------------------------------------------- returns.yaml

section! {
    pub struct ReturnsDoc {
        pub addresses: Field<List<Address>>,
    }
}

entry! {
    pub struct Address {
        pub market: Sp<String>,
        pub recipient: Field<String>,
        pub contact_name: Field<String>,
        pub phone: Field<String>,
        pub street: Field<String>,
        pub city: Field<String>,
        pub region: Field<String>,
        pub postal_code: Field<String>,
        pub country: Field<String>,
        pub effective_from: Field<Date>,
        pub reported_on: Field<Date>,
    }
}

// ---------------------------------------------------------------- service.yaml

section! {
    pub struct ServiceDoc {
        pub languages: Field<List<ServiceLanguage>>,
        pub returns_handling: Field<ReturnsHandling>,
    }
}

entry! {
    pub struct ServiceLanguage {
        pub language: Sp<String>,
        pub markets: Field<List<String>>,
        pub first_response: Field<String>,
        pub calendar: Field<Calendar>,
        pub working_week: Field<String>,
        pub hours: Field<String>,
        pub timezone: Field<String>,
        pub staffing: Field<Staffing>,
    }
}

section! {
    pub struct ReturnsHandling {
        pub first_response: Field<String>,
    }
}

// ---------------------------------------------------------------- fulfillment.yaml

section! {
    pub struct FulfillmentDoc {
        pub monthly_gmv_usd: Field<Number>,
        pub prepayment_budget_usd: Field<Number>,
        pub markets: Field<List<FulfillmentMarket>>,
    }
}

entry! {
    pub struct FulfillmentMarket {
        pub market: Sp<String>,
        pub mode: Field<Mode>,
        pub warehouse: Field<Warehouse>,
        pub carrier: Field<String>,
        pub stock_sync_interval: Field<String>,
        pub return_plan: Field<String>,
    }
}

// ---------------------------------------------------------------- compliance.yaml

section! {
    pub struct ComplianceDoc {
        pub certificates: Field<List<Certificate>>,
        pub epr: Field<List<Epr>>,
    }
}

entry! {
    pub struct Certificate {
        #[serde(rename = "type")]
        pub kind: Sp<String>,
        pub number: Field<String>,
        pub issuer: Field<String>,
        pub markets: Field<List<String>>,
        pub valid_until: Field<Date>,
        pub scan: Field<String>,
    }
}

entry! {
    pub struct Epr {
        pub market: Sp<String>,
        pub number: Field<String>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(Date::parse("2026-11-20", false).is_some());
        assert!(Date::parse("2026-02-30", false).is_none());
        assert!(Date::parse("2026/11/20", false).is_none());
        assert!(Date::parse("2026/11/20", true).is_some());
        assert!(Date::parse("20261120", true).is_some());
    }
}

// ================================================================ programme `challenge`

text_enum!(StoreType { Enterprise => ["enterprise"], Individual => ["individual"] });
text_enum!(Track { Rising => ["rising"], Leap => ["leap"] });

section! {
    /// `submission.yaml` of the Global Seller Challenge (`program: challenge`).
    pub struct ChallengeSubmissionDoc {
        pub program: Field<Program>,
        pub applicant: Field<ChallengeApplicant>,
        pub markets: Field<List<String>>,
        pub submitted_on: Field<Date>,
        /// T+0 of the challenge.
        pub challenge_start: Field<Date>,
        pub attachments: Field<ChallengeAttachments>,
    }
}

section! {
    pub struct ChallengeApplicant {
        pub store_type: Field<StoreType>,
        pub opened_on: Field<Date>,
        pub track: Field<Track>,
        /// The last three months, oldest first.
        pub monthly_gmv_usd: Field<List<Number>>,
        pub health_score: Field<Number>,
        pub sku_count: Field<Count>,
        pub categories: Field<List<String>>,
        /// The legal representative's live face verification in the app: `done` or `pending`.
        pub face_verification: Field<String>,
    }
}

section! {
    pub struct ChallengeAttachments {
        /// Sealed commitment letter, PDF.
        pub commitment_letter: Field<String>,
        /// Screenshot of the 3-month store health score, PNG or JPEG.
        pub health_score_screenshot: Field<String>,
    }
}

section! {
    /// `logistics.yaml`.
    pub struct LogisticsDoc {
        pub agreement: Field<Agreement>,
        /// The platform's shipping service; `standard-guaranteed` is the one the challenge requires.
        pub service: Field<String>,
        pub first_order_by: Field<Date>,
        pub dispatch_within: Field<String>,
        pub refund_within: Field<String>,
        pub tracking_coverage: Field<Percent>,
    }
}

section! {
    pub struct Agreement {
        pub provider: Field<String>,
        pub start_date: Field<Date>,
        pub countries: Field<List<String>>,
        pub scan: Field<String>,
    }
}

section! {
    /// `plan.yaml`.
    pub struct PlanDoc {
        pub a_plus_pages: Field<List<APlusPage>>,
        pub livestreams: Field<List<Livestream>>,
        pub customer_service: Field<CustomerService>,
        pub listing_compliance: Field<Percent>,
        pub diagnosis: Field<Diagnosis>,
    }
}

section! {
    pub struct APlusPage {
        pub sku: Field<String>,
        pub video: Field<bool>,
        pub carousel: Field<bool>,
    }
}

section! {
    pub struct Livestream {
        pub date: Field<Date>,
        pub expected_viewers: Field<Count>,
    }
}

section! {
    pub struct CustomerService {
        pub response_time: Field<String>,
        pub smart_reply_templates: Field<bool>,
    }
}

section! {
    pub struct Diagnosis {
        /// Percentages, written `-8` or `"-8%"` like the other percentages.
        pub price_gap_pct: Field<PercentGap>,
        pub price_currency: Field<String>,
        pub main_image_ctr: Field<Percent>,
        pub bounce_rate: Field<Percent>,
    }
}

section! {
    /// `registrations.yaml`.
    pub struct RegistrationsDoc {
        pub registrations: Field<List<LocalRegistration>>,
    }
}

entry! {
    /// One local registration (EU EPR, US FDA).
    pub struct LocalRegistration {
        pub market: Sp<String>,
        pub kind: Field<String>,
        pub number: Field<String>,
    }
}
