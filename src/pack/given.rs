//! A `given` path checked against the JSON Schema of its document, so that a pack naming a
//! field no document has is an error at load time, with the closest field named.

use super::Segment;
use crate::finding::Text;
use crate::load::typed::closest;

/// Checks `path` against the JSON Schema of `document` (generated from the types that load it).
pub(super) fn check_path(document: &str, path: &[Segment]) -> Result<(), (Text, Option<Text>)> {
    let name = document.trim_end_matches(".yaml");
    let Some(root) = crate::schema::schema_value(name) else {
        return Err((
            text!(
                "`{document}` has no schema",
                "`{document}` 没有 JSON Schema"
            ),
            None,
        ));
    };
    let definitions = root.get("definitions").cloned().unwrap_or_default();
    let resolve = |s: &serde_json::Value| -> Vec<serde_json::Value> {
        // `$ref`, `if`/`then`/`else` (submission.yaml of either programme), `anyOf`.
        let mut out = Vec::new();
        let mut todo = vec![s.clone()];
        while let Some(s) = todo.pop() {
            if let Some(r) = s.get("$ref").and_then(|r| r.as_str()) {
                if let Some(d) = r
                    .strip_prefix("#/definitions/")
                    .and_then(|n| definitions.get(n))
                {
                    todo.push(d.clone());
                }
            } else if s.get("if").is_some() {
                todo.extend(["then", "else"].iter().filter_map(|k| s.get(*k).cloned()));
            } else if let Some(any) = s.get("anyOf").and_then(|a| a.as_array()) {
                todo.extend(any.iter().cloned());
            } else {
                out.push(s);
            }
        }
        out
    };
    let mut current = resolve(&root);
    let mut walked = String::new();
    for segment in path {
        let mut next = Vec::new();
        for s in &current {
            match segment {
                Segment::Any => {
                    if let Some(items) = s.get("items") {
                        next.extend(resolve(items));
                    }
                    if let Some(values) = s.get("additionalProperties").filter(|v| v.is_object()) {
                        next.extend(resolve(values));
                    }
                }
                Segment::Key(k) => {
                    if let Some(p) = s.get("properties").and_then(|p| p.get(k)) {
                        next.extend(resolve(p));
                    }
                }
            }
        }
        if next.is_empty() {
            let label = match segment {
                Segment::Any => "*".to_owned(),
                Segment::Key(k) => k.clone(),
            };
            let known: Vec<String> = current
                .iter()
                .filter_map(|s| s.get("properties").and_then(|p| p.as_object()))
                .flat_map(|p| p.keys().cloned())
                .collect();
            let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
            let hint = match segment {
                Segment::Key(k) => closest(k, &known_refs)
                    .map(|c| text!("did you mean `{c}`?", "是否应为 `{c}`？")),
                Segment::Any => Some(text!(
                    "`*` goes where there is a list or a mapping of entries",
                    "`*` 只能用在列表或条目映射的位置"
                )),
            };
            return Err((
                text!(
                    "`{document}` has no field `{label}` at `/{walked}`",
                    "`{document}` 的 `/{walked}` 下没有字段 `{label}`"
                ),
                hint,
            ));
        }
        walked.push_str(&match segment {
            Segment::Any => "*/".to_owned(),
            Segment::Key(k) => format!("{k}/"),
        });
        current = next;
    }
    Ok(())
}
