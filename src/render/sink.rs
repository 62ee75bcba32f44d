//! Where one output format goes: each submission's report as its turn comes, then the run's
//! summary. Every format implements it ([`super::stream`] for the streamed text formats,
//! [`super::html`] for the page).

use crate::finding::Text;
use crate::report::Summary;
use crate::run::SubmissionReport;
use std::io;

/// Where one output format goes.
pub trait Sink {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()>;
    /// What the person running selfcheck should know of this output, once every submission has
    /// been handed on (said on standard error): SARIF past code scanning's limit.
    fn notes(&self) -> Vec<Text> {
        Vec::new()
    }
    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()>;
}
