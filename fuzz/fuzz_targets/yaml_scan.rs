//! Any text through the YAML scanner: where it decides, its tree is the one the parser's events
//! give, and where the events leave the text to serde-saphyr, the scanner does too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use selfcheck::load::yaml::scan_agrees;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        assert!(scan_agrees(text), "{text:?}");
    }
});
