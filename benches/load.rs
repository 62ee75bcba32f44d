//! Loading and linting one submission, so that a regression in the loader shows as a number:
//! `cargo bench --bench load` (see the README's "Benchmark" section). The corpus-wide comparison
//! with the I/O floor and check-jsonschema is `bench/run.sh`.

use selfcheck::run::{Options, lint_submission};
use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// Reading, parsing and typing every document of the clean co-operation submission.
#[divan::bench(args = ["clean", "challenge"])]
fn load(name: &str) -> selfcheck::load::Submission {
    selfcheck::load::load(&fixture(name))
}

/// The whole check of one submission: loading, every rule and the policy.
#[divan::bench(args = ["clean", "challenge"])]
fn lint(bencher: divan::Bencher, name: &str) {
    let dir = fixture(name);
    let options = Options::default();
    bencher.bench(|| lint_submission(&dir, &options));
}
