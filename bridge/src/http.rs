//! Just enough HTTP/1.1 for the UI tests: one request per connection, a `Content-Length` body
//! (no chunked encoding), sizes capped, and a response that always closes the connection.

use std::io::{self, BufRead, BufReader, Read, Write};

/// The most a request line and its headers may take.
pub const MAX_HEAD: usize = 16 * 1024;
/// The most a request body may take (commands take small JSON objects; files go by path).
pub const MAX_BODY: usize = 1024 * 1024;

/// A parsed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub method: String,
    /// The path without the query string.
    pub path: String,
    pub body: Vec<u8>,
}

/// A response to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    /// Extra headers (name, value).
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Response {
    /// A JSON response with status 200.
    pub fn json(value: &serde_json::Value) -> Response {
        Response {
            status: 200,
            content_type: "application/json",
            headers: Vec::new(),
            body: value.to_string().into_bytes(),
        }
    }

    /// A plain-text error response.
    pub fn error(status: u16, message: &str) -> Response {
        Response {
            status,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: message.as_bytes().to_vec(),
        }
    }
}

/// Why a request could not be read; each maps to a status code.
#[derive(Debug)]
pub enum ParseError {
    /// The connection failed or closed early (nothing to answer).
    Io,
    /// Not a request this server understands (400).
    Bad(&'static str),
    /// The head or the body is too large (413).
    TooLarge,
}

impl From<io::Error> for ParseError {
    fn from(_: io::Error) -> ParseError {
        ParseError::Io
    }
}

/// Reads one request from `stream`.
pub fn read_request(stream: impl Read) -> Result<Request, ParseError> {
    // One byte more than allowed, to tell "exactly at the limit" from "over it".
    let mut reader = BufReader::new(stream.take((MAX_HEAD + MAX_BODY + 1) as u64));
    let mut head_len = 0;
    let mut line = String::new();
    let mut next_line = |reader: &mut BufReader<_>, line: &mut String| -> Result<(), ParseError> {
        line.clear();
        let n = reader.read_line(line)?;
        head_len += n;
        if head_len > MAX_HEAD {
            return Err(ParseError::TooLarge);
        }
        if n == 0 {
            return Err(ParseError::Bad("Verbindung vor dem Ende der Kopfzeilen geschlossen"));
        }
        Ok(())
    };

    next_line(&mut reader, &mut line)?;
    let mut parts = line.trim_end().split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ParseError::Bad("ungültige Anfragezeile"));
    };
    if !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return Err(ParseError::Bad("ungültige Anfragezeile"));
    }
    let method = method.to_owned();
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();

    let mut length = 0usize;
    loop {
        next_line(&mut reader, &mut line)?;
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(ParseError::Bad("ungültige Kopfzeile"));
        };
        let name = name.trim().to_ascii_lowercase();
        let value = value.trim();
        if name == "content-length" {
            length = value.parse().map_err(|_| ParseError::Bad("ungültige Content-Length"))?;
            if length > MAX_BODY {
                return Err(ParseError::TooLarge);
            }
        } else if name == "transfer-encoding" {
            return Err(ParseError::Bad("Transfer-Encoding wird nicht unterstützt"));
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok(Request { method, path, body })
}

/// Writes `response` and announces that the connection closes.
pub fn write_response(mut stream: impl Write, response: &Response) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\
         Cache-Control: no-store\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    // One write: head and body in separate segments would wait for the peer's delayed ACK.
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(&response.body);
    stream.write_all(&bytes)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_post_with_a_body_and_drops_the_query() {
        let raw = b"POST /invoke/get_status?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                    content-length: 7\r\n\r\n{\"a\":1}trailing";
        let req = read_request(&raw[..]).unwrap();
        assert_eq!(req.method, "POST");
        assert_eq!(req.path, "/invoke/get_status");
        assert_eq!(req.body, b"{\"a\":1}");
    }

    #[test]
    fn reads_a_get_without_a_body() {
        let req = read_request(&b"GET / HTTP/1.1\r\n\r\n"[..]).unwrap();
        assert_eq!((req.method.as_str(), req.path.as_str(), req.body.len()), ("GET", "/", 0));
    }

    #[test]
    fn refuses_bad_and_oversized_requests() {
        assert!(matches!(read_request(&b"GET\r\n\r\n"[..]), Err(ParseError::Bad(_))));
        assert!(matches!(read_request(&b"GET x HTTP/1.1\r\n\r\n"[..]), Err(ParseError::Bad(_))));
        let chunked = b"POST /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        assert!(matches!(read_request(&chunked[..]), Err(ParseError::Bad(_))));
        let big = format!("POST /a HTTP/1.1\r\nContent-Length: {}\r\n\r\n", MAX_BODY + 1);
        assert!(matches!(read_request(big.as_bytes()), Err(ParseError::TooLarge)));
        let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(MAX_HEAD));
        assert!(matches!(read_request(long.as_bytes()), Err(ParseError::TooLarge)));
        // The body is shorter than announced.
        let short = b"POST /a HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}";
        assert!(matches!(read_request(&short[..]), Err(ParseError::Io)));
    }

    #[test]
    fn writes_length_and_close() {
        let mut out = Vec::new();
        let mut response = Response::json(&serde_json::json!({"ok": null}));
        response.headers.push(("X-Test", "1".into()));
        write_response(&mut out, &response).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("Content-Length: 11\r\n"), "{text}");
        assert!(text.contains("Connection: close\r\n"), "{text}");
        assert!(text.contains("X-Test: 1\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\n{\"ok\":null}"), "{text}");
    }
}
