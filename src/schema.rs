//! JSON Schemas of the documents, generated from the same Rust types that load them, for editors
//! with the YAML language server (`# yaml-language-server: $schema=…`).

use crate::load::typed::{Field, List, Sp};
use crate::model::*;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;

/// The documents that have a schema, by the name `selfcheck schema` takes.
pub const DOCUMENTS: &[&str] = &[
    "submission",
    "license",
    "customs",
    "returns",
    "service",
    "fulfillment",
    "compliance",
    "logistics",
    "plan",
    "registrations",
];

/// The schema of one document as a value, or `None` for an unknown name.
pub fn schema_value(document: &str) -> Option<serde_json::Value> {
    serde_json::from_str(&schema(document)?).ok()
}

/// The schema of one document, pretty-printed, or `None` for an unknown name.
pub fn schema(document: &str) -> Option<String> {
    let generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let mut schema = match document {
        "submission" => submission_schema(generator),
        "license" => generator.into_root_schema_for::<LicenseDoc>(),
        "customs" => generator.into_root_schema_for::<CustomsDoc>(),
        "returns" => generator.into_root_schema_for::<ReturnsDoc>(),
        "service" => generator.into_root_schema_for::<ServiceDoc>(),
        "fulfillment" => generator.into_root_schema_for::<FulfillmentDoc>(),
        "compliance" => generator.into_root_schema_for::<ComplianceDoc>(),
        "logistics" => generator.into_root_schema_for::<LogisticsDoc>(),
        "plan" => generator.into_root_schema_for::<PlanDoc>(),
        "registrations" => generator.into_root_schema_for::<RegistrationsDoc>(),
        _ => return None,
    };
    schema.insert("title".into(), format!("selfcheck {document}.yaml").into());
    let mut out = serde_json::to_string_pretty(&schema).ok()?;
    out.push('\n');
    Some(out)
}

/// `submission.yaml` of either programme: `program: challenge` selects the challenge's fields,
/// anything else the co-operation programme's.
fn submission_schema(mut generator: SchemaGenerator) -> Schema {
    let cooperation = generator.subschema_for::<SubmissionDoc>();
    let challenge = generator.subschema_for::<ChallengeSubmissionDoc>();
    let definitions: serde_json::Map<String, serde_json::Value> =
        generator.take_definitions(true).into_iter().collect();
    json_schema!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "if": {"properties": {"program": {"const": "challenge"}}, "required": ["program"]},
        "then": challenge,
        "else": cooperation,
        "definitions": definitions,
    })
}

/// `Sp<T>` and `Field<T>` are `T` in a document: their schema is `T`'s.
macro_rules! transparent_schema {
    ($($wrapper:ident),+) => {$(
        impl<T: JsonSchema> JsonSchema for $wrapper<T> {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                T::schema_name()
            }
            fn json_schema(g: &mut SchemaGenerator) -> Schema {
                g.subschema_for::<T>()
            }
        }
    )+};
}

transparent_schema!(Sp, Field);

impl<T: JsonSchema> JsonSchema for List<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("List_of_{}", T::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "array", "items": g.subschema_for::<T>()})
    }
}

const DATE_PATTERN: &str = r"^\d{4}-\d{2}-\d{2}$";

/// The product's own value types: inlined, named after the type, with the schema given.
macro_rules! value_schema {
    ($($ty:ident => $schema:tt),+ $(,)?) => {$(
        impl JsonSchema for $ty {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    )+};
}

value_schema! {
    Date => {"type": "string", "pattern": DATE_PATTERN, "description": "YYYY-MM-DD"},
    Percent => {"anyOf": [
        {"type": "number", "minimum": 0, "maximum": 100},
        {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"}
    ], "description": "a percentage between 0 and 100: 97.2 or \"97.2%\""},
    PercentGap => {"anyOf": [
        {"type": "number"},
        {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*%\s*$"}
    ], "description": "a difference in percent: -8 or \"-8%\""},
    Number => {"type": "number", "minimum": 0},
    Count => {"type": "integer", "minimum": 0},
    ValidUntil => {"anyOf": [
        {"type": "string", "pattern": DATE_PATTERN},
        {"type": "string", "enum": ["long-term", "长期", "长期有效"]}
    ], "description": "a date (YYYY-MM-DD) or long-term / 长期 / 长期有效"},
}
