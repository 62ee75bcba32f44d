//! selfcheck lints a cross-border seller's onboarding submission folder before review.
//!
//! [`lint`] is the one entry point the command line and the tests share.

// First, so that its `text!` macro is in scope in every module after it.
#[macro_use]
pub mod finding;

pub mod atomic;
pub mod catalogue;
pub mod code;
pub mod config;
pub mod date;
pub mod declaration;
pub mod discover;
pub mod fix;
pub mod forecast;
pub mod init;
pub mod load;
pub mod markets;
pub mod mistake;
pub mod model;
pub mod pack;
pub mod policy;
pub mod render;
pub mod report;
pub mod rules;
pub mod run;
pub mod schema;
pub mod source;
pub mod untrusted;

pub use report::{Counts, FailOn, Summary, Verdict};
pub use run::{
    Options, PackSet, Report, RunError, Shard, SubmissionReport, lint, lint_each, lint_submission,
    lint_with, load_packs, today_cst,
};
