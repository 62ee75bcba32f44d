//! The protocol's frames: `Content-Length: N` and other headers, an empty line, then N bytes of
//! JSON. Read here rather than with `lsp_server`'s own reader, which ends the session at the first
//! body that is not a message and allocates whatever length a header announces: a length past
//! [`MAX_CONTENT_LENGTH`] ends the session before anything is allocated, and a body that is not
//! JSON is answered (`-32700`) while the session goes on.

use lsp_server::Message;
use selfcheck::finding::Text;
use selfcheck::text;
use std::io::{self, BufRead, Read, Write};

/// The longest body read: a frame announcing more ends the session.
pub const MAX_CONTENT_LENGTH: usize = 16 * 1024 * 1024;
/// The longest header line read.
const MAX_HEADER_LINE: usize = 8 * 1024;
/// The most header lines of one frame.
const MAX_HEADERS: usize = 32;

/// One frame read.
#[derive(Debug)]
pub enum Frame {
    /// A request, a response or a notification.
    Message(Message),
    /// A body that is not JSON (or not UTF-8): answered with `-32700 Parse error`.
    NotJson,
    /// JSON that is no message of the protocol: answered with `-32600 Invalid Request`, to its
    /// `id` where it has one.
    NotMessage(serde_json::Value),
}

/// A frame that cannot be read: the session cannot find the next one and ends.
#[derive(Debug)]
pub enum Broken {
    /// A header line that is not `Name: value` or is too long, or too many header lines.
    Header,
    /// No `Content-Length`, or one that is not a number.
    NoLength,
    /// A `Content-Length` past [`MAX_CONTENT_LENGTH`].
    TooLong(u64),
    /// The input ended inside a frame.
    Truncated,
    Io(io::Error),
}

impl Broken {
    /// Why the session ends, in both languages.
    pub fn reason(&self) -> Text {
        match self {
            Broken::Header => text!("a frame's headers cannot be read", "无法读取消息帧的头部"),
            Broken::NoLength => text!(
                "a frame has no valid Content-Length",
                "消息帧没有有效的 Content-Length"
            ),
            Broken::TooLong(n) => {
                let most = MAX_CONTENT_LENGTH;
                text!(
                    "a frame announces {n} bytes, more than the {most} a frame may hold",
                    "消息帧声明长度为 {n} 字节，超过上限 {most} 字节"
                )
            }
            Broken::Truncated => text!(
                "the input ended inside a frame",
                "输入在一个消息帧的中途结束"
            ),
            Broken::Io(e) => {
                let why = selfcheck::finding::io_reason(e);
                let (en, zh) = (why.en, why.zh);
                text!("the input cannot be read: {en}", "无法读取输入：{zh}")
            }
        }
    }
}

/// The next frame of `input`; `None` at the end of the input between frames.
pub fn read(input: &mut impl BufRead) -> Result<Option<Frame>, Broken> {
    let mut length = None;
    let mut line = Vec::new();
    for index in 0.. {
        if index > MAX_HEADERS {
            return Err(Broken::Header);
        }
        line.clear();
        let read = input
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)
            .map_err(Broken::Io)?;
        if read == 0 {
            return if index == 0 {
                Ok(None)
            } else {
                Err(Broken::Truncated)
            };
        }
        let Some(text) = line.strip_suffix(b"\n") else {
            // No line end within the limit: too long, or the input ended.
            return Err(if read < MAX_HEADER_LINE {
                Broken::Truncated
            } else {
                Broken::Header
            });
        };
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        if text.is_empty() {
            if index == 0 {
                // Blank lines between frames are passed over.
                continue;
            }
            break;
        }
        let text = std::str::from_utf8(text).map_err(|_| Broken::Header)?;
        let (name, value) = text.split_once(':').ok_or(Broken::Header)?;
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Broken::NoLength);
            }
            let n: u64 = value.parse().unwrap_or(u64::MAX);
            if n > MAX_CONTENT_LENGTH as u64 {
                return Err(Broken::TooLong(n));
            }
            length = Some(n as usize);
        }
    }
    let length = length.ok_or(Broken::NoLength)?;
    let mut body = vec![0; length];
    input.read_exact(&mut body).map_err(|e| match e.kind() {
        io::ErrorKind::UnexpectedEof => Broken::Truncated,
        _ => Broken::Io(e),
    })?;
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return Ok(Some(Frame::NotJson));
    };
    let id = value.get("id").cloned().unwrap_or_default();
    Ok(Some(match serde_json::from_value::<Message>(value) {
        Ok(message) => Frame::Message(message),
        Err(_) => Frame::NotMessage(id),
    }))
}

/// Writes one frame holding `body`.
pub fn write(out: &mut impl Write, body: &serde_json::Value) -> io::Result<()> {
    let text = serde_json::to_string(body)?;
    write!(out, "Content-Length: {}\r\n\r\n", text.len())?;
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// A message as the body of a frame, with its `jsonrpc` member.
pub fn body(message: &Message) -> serde_json::Value {
    let mut value = serde_json::to_value(message).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert("jsonrpc".into(), "2.0".into());
    }
    value
}

/// An error answer to `id` (null where the request's id is not known).
pub fn error(id: serde_json::Value, code: i32, message: &str) -> serde_json::Value {
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {"code": code, "message": message},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Result<Option<Frame>, Broken>> {
        let mut input = io::BufReader::new(input);
        let mut out = Vec::new();
        loop {
            let next = read(&mut input);
            let done = !matches!(next, Ok(Some(_)));
            out.push(next);
            if done {
                return out;
            }
        }
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn frames_are_read_one_after_another() {
        let input = frame(r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#)
            + "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
            + &frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let read = frames(input.as_bytes());
        assert!(
            matches!(&read[0], Ok(Some(Frame::Message(Message::Request(r)))) if r.method == "shutdown")
        );
        assert!(
            matches!(&read[1], Ok(Some(Frame::Message(Message::Notification(n)))) if n.method == "exit")
        );
        assert!(matches!(read[2], Ok(None)));
    }

    #[test]
    fn a_body_that_is_not_json_is_told_and_the_next_frame_read() {
        let input = frame("{not json")
            + &frame("[1, 2]")
            + &frame(r#"{"id":7}"#)
            + &frame(r#"{"jsonrpc":"2.0","method":"exit"}"#);
        let read = frames(input.as_bytes());
        assert!(matches!(read[0], Ok(Some(Frame::NotJson))));
        assert!(matches!(&read[1], Ok(Some(Frame::NotMessage(id))) if id.is_null()));
        assert!(matches!(&read[2], Ok(Some(Frame::NotMessage(id))) if *id == 7));
        assert!(matches!(read[3], Ok(Some(Frame::Message(_)))));
    }

    #[test]
    fn a_frame_that_cannot_be_read_ends_the_input() {
        let too_long = format!("Content-Length: {}\r\n\r\n", MAX_CONTENT_LENGTH + 1);
        assert!(matches!(
            frames(too_long.as_bytes())[0],
            Err(Broken::TooLong(_))
        ));
        let huge = "Content-Length: 99999999999999999999999\r\n\r\n";
        assert!(matches!(
            frames(huge.as_bytes())[0],
            Err(Broken::TooLong(_))
        ));
        let truncated = "Content-Length: 100\r\n\r\n{\"jsonrpc\":";
        assert!(matches!(
            frames(truncated.as_bytes())[0],
            Err(Broken::Truncated)
        ));
        let cut_header = "Content-Len";
        assert!(matches!(
            frames(cut_header.as_bytes())[0],
            Err(Broken::Truncated)
        ));
        assert!(matches!(
            frames(b"Content-Length: -5\r\n\r\n")[0],
            Err(Broken::NoLength)
        ));
        assert!(matches!(
            frames(b"X-Other: 1\r\n\r\n{}")[0],
            Err(Broken::NoLength)
        ));
        assert!(matches!(
            frames(b"no colon here\r\n\r\n")[0],
            Err(Broken::Header)
        ));
        let long_line = "X".repeat(MAX_HEADER_LINE + 10);
        assert!(matches!(
            frames(long_line.as_bytes())[0],
            Err(Broken::Header)
        ));
    }
}
