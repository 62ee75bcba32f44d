//! The HTML sink: each submission rendered into an unnamed temporary file as it comes and
//! counted; at the end the head and the overview, then the submissions copied after them.

use super::SUBMISSIONS_HERE;
use super::page::page;
use super::submission::submission;
use super::tally::Tally;
use crate::render::{Settings, Sink};
use crate::report::Summary;
use crate::run::SubmissionReport;
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

/// The HTML sink: submissions into a temporary file, the counts here.
pub struct Html<'a> {
    out: Box<dyn Write + 'a>,
    settings: &'a Settings,
    body: BufWriter<File>,
    pub(super) tally: Tally,
}

impl<'a> Html<'a> {
    pub fn start(out: Box<dyn Write + 'a>, settings: &'a Settings) -> io::Result<Html<'a>> {
        Ok(Html {
            out,
            settings,
            body: BufWriter::new(tempfile::tempfile()?),
            tally: Tally::default(),
        })
    }
}

impl Sink for Html<'_> {
    fn submission(&mut self, sub: &SubmissionReport) -> io::Result<()> {
        let fails = !sub.verdict.passes();
        self.tally.add(sub, fails);
        let markup = submission(sub, self.tally.submissions, fails, self.settings.lang);
        self.body.write_all(markup.into_string().as_bytes())
    }

    fn finish(self: Box<Self>, summary: &Summary) -> io::Result<()> {
        let Html {
            mut out,
            settings,
            body,
            tally,
        } = *self;
        let mut body = body.into_inner().map_err(|e| e.into_error())?;
        body.seek(SeekFrom::Start(0))?;
        let page = page(&tally, summary, settings).into_string();
        let (before, after) = page.split_once(SUBMISSIONS_HERE).unwrap_or((&page, ""));
        out.write_all(before.as_bytes())?;
        io::copy(&mut body, &mut out)?;
        out.write_all(after.as_bytes())?;
        out.flush()
    }
}
