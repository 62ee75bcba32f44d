//! The integration tests, linked as one binary (`it`) with a module per area: one link for the
//! whole suite instead of one per file. Shared set-up is in `common`.
//!
//! ```sh
//! cargo test --test it                  # every integration test
//! cargo test --test it rules::          # one module
//! ```

mod common;

mod attacks;
mod check_files;
mod chinese;
mod cli;
mod code_scanning;
mod confusables;
mod customs;
mod discover;
mod examples;
mod figures;
mod first_run;
mod fix;
mod floods;
mod forecast;
mod gitlab;
mod hook;
mod hostile;
mod hostile_output;
mod hostile_xlsx;
mod html;
mod input_mistakes;
mod integrations;
mod job_summary;
mod junit_xml;
mod layers;
mod manners;
mod missing_values;
mod near_miss;
mod new_rule;
mod outlook;
mod packs;
mod phones;
mod postal;
mod reference;
mod rules;
mod scale;
mod server;
mod sizes;
mod syscalls;
mod templates;
mod tooling;
mod trust;
mod uscc;
mod verdict;
mod words;
