//! `markets:`: a configuration's overrides and additions to the market table, each checked
//! against the fields of a market entry.

use crate::finding::Text;
use crate::load::tree;
use crate::load::typed::{closest, struct_fields};
use crate::markets::{Market, MarketTable};
use std::collections::BTreeMap;

/// A mistake in `markets:`: where (the market's key, or the field's), what, and what to do.
pub(super) type OverrideError = (Option<std::ops::Range<usize>>, Text, Option<Text>);

/// The table with `overrides` applied: keys of an existing market replace its values; a new
/// market code adds a market, which then needs every field. `node` is the `markets:` mapping of
/// the file, for places. A market with a mistake is left as it was; every mistake is returned.
pub(super) fn with_overrides(
    base: &MarketTable,
    overrides: &BTreeMap<String, serde_json::Value>,
    node: Option<&tree::Node>,
) -> (MarketTable, Vec<OverrideError>) {
    let known: &[&str] = struct_fields::<Market>();
    let entry = |code: &str| node.and_then(|n| n.entry(code));
    let key_span = |code: &str| entry(code).map(|(k, _)| k.span.clone());
    let field_span = |code: &str, field: &str| {
        entry(code)
            .and_then(|(_, v)| v.entry(field))
            .map(|(k, _)| k.span.clone())
            .or_else(|| key_span(code))
    };
    let mut errors: Vec<OverrideError> = Vec::new();
    let mut table = base.clone();
    for (code, value) in overrides {
        let serde_json::Value::Object(fields) = value else {
            errors.push((
                key_span(code),
                text!(
                    "`{code}` must be a mapping of market fields",
                    "`{code}` 须为市场字段的映射"
                ),
                None,
            ));
            continue;
        };
        let mut unknown = false;
        for key in fields.keys() {
            if !known.contains(&key.as_str()) || key == "code" {
                unknown = true;
                let help =
                    closest(key, known).map(|k| text!("did you mean `{k}`?", "是否应为 `{k}`？"));
                errors.push((
                    field_span(code, key),
                    text!(
                        "markets.{code}: unknown field `{key}`",
                        "markets.{code}：未知字段 `{key}`"
                    ),
                    help,
                ));
            }
        }
        if unknown {
            continue;
        }
        let existing = table.markets.iter().position(|m| m.code == *code);
        if existing.is_none()
            && let Some((meant, _)) = crate::rules::market_meant(base, code)
        {
            // `KSA:` would add a market of its own; `SA:` was meant.
            let (right, en, zh) = (&meant.code, &meant.name.en, &meant.name.zh);
            errors.push((
                key_span(code),
                text!("`{code}` is not a market code", "`{code}` 不是市场代码"),
                Some(text!(
                    "did you mean `{right}` ({en})? markets are written as two-letter ISO codes",
                    "是否应为 `{right}`（{zh}）？市场须写作两位 ISO 代码"
                )),
            ));
            continue;
        }
        let mut market = match existing.and_then(|i| serde_json::to_value(&table.markets[i]).ok()) {
            Some(serde_json::Value::Object(market)) => market,
            _ => serde_json::Map::from_iter([("code".to_owned(), code.clone().into())]),
        };
        market.extend(fields.clone());
        match serde_json::from_value::<Market>(serde_json::Value::Object(market)) {
            Ok(market) => match existing {
                Some(i) => table.markets[i] = market,
                None => table.markets.push(market),
            },
            Err(e) => {
                let help = existing.is_none().then(|| {
                    text!(
                        "a new market needs every field of a market entry, as in checks/markets.yaml",
                        "新增市场须填写市场条目的全部字段，参见 checks/markets.yaml"
                    )
                });
                errors.push((
                    key_span(code),
                    text!("markets.{code}: {e}", "markets.{code}：无法读取（{e}）"),
                    help,
                ));
            }
        }
    }
    (table, errors)
}
