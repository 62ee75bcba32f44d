//! The findings the loader raises while reading a submission: SUB001 (a missing document),
//! SUB002 (a file or value that cannot be read), SUB003 (an unknown field) and SUB007 (a case
//! twin), each made in the file of its concern: [`files`], [`yaml`], [`values`], [`table`].

mod files;
mod table;
mod values;
mod yaml;

pub use files::{
    case_twin, control_character, folder_unreadable, missing_document, unreadable_file,
};
pub use table::{missing_column, unknown_column, unknown_header};
pub use values::{
    date_written_otherwise, missing_key, problem, unknown_field, unreadable_at, wrong_value,
};
pub use yaml::{empty_document, not_a_mapping, yaml_error};
