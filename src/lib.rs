//! selfcheck lints a cross-border seller's onboarding submission folder before review.
//!
//! [`lint`] is the one entry point the command line and the tests share.

pub mod catalogue;
pub mod code;
pub mod config;
pub mod discover;
pub mod finding;
pub mod fix;
pub mod forecast;
pub mod init;
pub mod load;
pub mod markets;
pub mod model;
pub mod pack;
pub mod policy;
pub mod render;
pub mod report;
pub mod rules;
pub mod run;
pub mod schema;
pub mod source;

pub use report::{Counts, Report, SubmissionReport, Summary};
pub use run::{
    Options, PackSet, RunError, Shard, lint, lint_each, lint_submission, lint_with, load_packs,
    today_cst,
};
