//! The YAML files of `checks/` as JSON too, converted when the crate is built: a run reads the
//! built-in catalogue and market table from JSON, about ten times faster than from YAML (the
//! YAML's parse was a quarter of a one-submission lint). The conversion knows no field: what the
//! YAML holds, the JSON holds, so that `Entry` and `MarketTable` read either alike (a test of
//! `src/catalogue.rs` holds them equal).
//!
//! `OUT_DIR/check_json.rs` holds `CHECK_JSON: &[(&str, &str)]`, file name and JSON, for each file
//! that is YAML; a file that is not (a mistake the build reports elsewhere, or the run) is left
//! out, and read from its YAML.

use std::fmt::Write as _;
use std::path::Path;

/// Writes `check_json.rs` into `out_dir` from `files`, the `.yaml` files of `checks/` (each its
/// name and text), in name order.
pub fn write_check_json(files: &[(String, String)], out_dir: &Path) {
    let mut out = String::from("pub static CHECK_JSON: &[(&str, &str)] = &[\n");
    for (name, text) in files {
        let Ok(value) = serde_saphyr::from_str::<serde_json::Value>(text) else {
            continue;
        };
        let json = serde_json::to_string(&value).expect("a JSON value");
        writeln!(out, "    ({name:?}, {json:?}),").unwrap();
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("check_json.rs"), out).unwrap();
}
