//! `selfcheck server`: the Language Server Protocol (3.17) over standard input and output, so
//! that a seller sees the findings of the whole submission while typing, in any editor.
//!
//! When a document of a submission is opened, changed or saved, the submission is linted as
//! `selfcheck lint` lints it — its configuration found as for any run (SPEC §7), its packs,
//! suppressions and as-of date — with every open document's unsaved text in place of the file
//! (`selfcheck::run::lint_folder`, `selfcheck::load::Overlay`), and the diagnostics of each of its
//! files are published. Nothing is written: fixes are code actions the editor applies.
//!
//! A thread reads frames ([`frames`]) and hands them to the session's thread, which handles all
//! that is waiting before it lints: a burst of changes costs one lint. No async runtime.
//!
//! - `position`: lines and columns in UTF-16 or UTF-8 (negotiated), from byte offsets;
//! - `uri`: `file:` URIs and paths;
//! - `documents`: the open documents, their changes, and the submission each belongs to;
//! - `diagnostics`: a report as diagnostics, file by file;
//! - `actions`, `hover`: quick fixes and fix-all; a rule's documentation on hover;
//! - `session`: the lifecycle and the messages.

mod actions;
mod diagnostics;
mod documents;
mod frames;
mod hover;
mod position;
mod session;
mod uri;

pub use session::Start;

use lsp_types::MessageType;
use selfcheck::untrusted;
use session::{Flow, Session};
use std::process::ExitCode;
use std::sync::mpsc;

/// What the reading thread hands on.
enum Incoming {
    Frame(frames::Frame),
    /// The input ended between frames.
    End,
    /// A frame that cannot be read: the session ends.
    Broken(frames::Broken),
}

/// Serves one client on standard input and output until `exit` (0 after `shutdown`, else 1)
/// or the end of the input (1 unless after `shutdown`).
pub fn serve(start: Start) -> ExitCode {
    // A panic (a bug in a rule) is caught around each lint; it is described on standard error
    // with whatever text it carries shown escaped (a seller's value may be in it).
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let payload = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        eprintln!(
            "selfcheck server: internal error / 内部错误 ({at}): {}",
            untrusted::line(&payload)
        );
    }));
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let mut input = std::io::stdin().lock();
        loop {
            let (incoming, last) = match frames::read(&mut input) {
                Ok(Some(frame)) => (Incoming::Frame(frame), false),
                Ok(None) => (Incoming::End, true),
                Err(broken) => (Incoming::Broken(broken), true),
            };
            if sender.send(incoming).is_err() || last {
                return;
            }
        }
    });
    let mut session = Session::new(std::io::stdout().lock(), start);
    loop {
        let Ok(first) = receiver.recv() else {
            return ExitCode::from(session.ended());
        };
        let mut next = Some(first);
        // Everything waiting is handled before the lints: a burst of changes is linted once.
        while let Some(incoming) = next {
            let flow = match incoming {
                Incoming::Frame(frame) => session.receive(frame),
                Incoming::End => Flow::Exit(session.ended()),
                Incoming::Broken(broken) => {
                    let why = broken.reason();
                    let (en, zh) = (why.en, why.zh);
                    let message = selfcheck::text!("{en}; the session ends", "{zh}；会话结束");
                    session.log(MessageType::Error, &message);
                    Flow::Exit(1)
                }
            };
            if let Flow::Exit(code) = flow {
                return ExitCode::from(code);
            }
            next = receiver.try_recv().ok();
        }
        session.flush();
    }
}
