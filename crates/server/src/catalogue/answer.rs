//! One catalogue answer as bytes, with its compressed forms and its strong `ETag`, and how it
//! is sent: `If-None-Match` gives `304 Not Modified`, `Accept-Encoding` picks the form.
//!
//! Each form is its own representation with its own strong tag (`"<hash>"`, `"<hash>-br"`,
//! `"<hash>-gz"`), as HTTP asks of a strong validator, so the answers carry
//! `Content-Encoding` themselves and `CompressionLayer` passes them through untouched.
//! [`negotiate`] chooses the way tower-http would, so that an identity answer is never
//! compressed behind the tag's back.

use axum::body::{Body, Bytes};
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH, VARY,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use std::io::Write;
use std::sync::OnceLock;

/// What a phone may do with a catalogue answer: keep it for five minutes, then ask again
/// with its `ETag` (a 304 costs a few hundred bytes). The catalogue is the same for everyone,
/// so a CDN may keep it too. Every other API answer is `no-store` (`security_headers`).
pub const CACHE_CONTROL_VALUE: &str = "public, max-age=300";

/// The content codings a catalogue answer is offered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Encoding {
    Identity,
    Gzip,
    Brotli,
}

impl Encoding {
    fn token(self) -> Option<&'static str> {
        match self {
            Encoding::Identity => None,
            Encoding::Gzip => Some("gzip"),
            Encoding::Brotli => Some("br"),
        }
    }

    fn tag_suffix(self) -> &'static str {
        match self {
            Encoding::Identity => "",
            Encoding::Gzip => "-gz",
            Encoding::Brotli => "-br",
        }
    }
}

/// The coding for a request's `Accept-Encoding`: the highest `q`, brotli before gzip before
/// identity on a tie, nothing with `q=0` (tower-http's `CompressionLayer` rule, which must
/// agree: it would otherwise compress an identity answer and keep its tag).
pub fn negotiate(headers: &HeaderMap) -> Encoding {
    let mut best: Option<(u16, Encoding)> = None;
    for value in headers.get_all(ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut parts = item.splitn(2, ';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let encoding = if name.eq_ignore_ascii_case("br") {
                Encoding::Brotli
            } else if name.eq_ignore_ascii_case("gzip") || name.eq_ignore_ascii_case("x-gzip") {
                Encoding::Gzip
            } else if name.eq_ignore_ascii_case("identity") {
                Encoding::Identity
            } else {
                continue;
            };
            let q = match parts.next() {
                None => 1000,
                Some(p) => match qvalue(p) {
                    Some(q) => q,
                    None => continue,
                },
            };
            if q > 0 && best.is_none_or(|b| (q, encoding) > b) {
                best = Some((q, encoding));
            }
        }
    }
    best.map_or(Encoding::Identity, |(_, e)| e)
}

/// `q=0.5` as thousandths; `None` when it is not a q-value.
fn qvalue(param: &str) -> Option<u16> {
    let v = param
        .strip_prefix("q=")
        .or_else(|| param.strip_prefix("Q="))?;
    let (int, frac) = v.split_once('.').unwrap_or((v, ""));
    if frac.len() > 3 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac_value = format!("{frac:0<3}").parse::<u16>().ok()?;
    match int {
        "0" => Some(frac_value),
        "1" if frac_value == 0 => Some(1000),
        _ => None,
    }
}

/// Whether `If-None-Match` names `etag` (or is `*`). The comparison is the weak one HTTP
/// asks for here (`W/` ignored); a header that is not a list of tags matches nothing.
pub fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers.get_all(IF_NONE_MATCH).iter().any(|value| {
        let Ok(value) = value.to_str() else {
            return false;
        };
        value
            .split(',')
            .map(str::trim)
            .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
    })
}

/// An answer's bytes and the forms made of them.
pub struct Answer {
    identity: Bytes,
    /// Hex of the identity bytes' XXH3-128, a hash with a fixed specification: the same bytes
    /// give the same tag on every replica, build and restart. Not SHA-256: a browse page or a
    /// search is hashed on every request, and SHA-256 was a quarter of the server's time on
    /// a browse page under load; a tag needs no resistance to forgery.
    hash: String,
    gzip: OnceLock<Bytes>,
    br: OnceLock<Bytes>,
}

impl Answer {
    /// An answer whose compressed forms are made when first asked for.
    pub fn new(json: Vec<u8>) -> Answer {
        let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&json));
        Answer {
            identity: Bytes::from(json),
            hash,
            gzip: OnceLock::new(),
            br: OnceLock::new(),
        }
    }

    /// An answer kept for the life of the process: compressed now, harder than a per-request
    /// answer can afford, so that no request pays for it.
    pub fn prepared(json: Vec<u8>) -> Answer {
        let answer = Answer::new(json);
        let _ = answer.gzip.set(gzip(&answer.identity, 9));
        let _ = answer.br.set(brotli(&answer.identity, 9));
        answer
    }

    pub fn bytes(&self) -> &[u8] {
        &self.identity
    }

    /// The strong tag of the form sent for `encoding`, quotes included.
    pub fn etag(&self, encoding: Encoding) -> String {
        format!("\"{}{}\"", self.hash, encoding.tag_suffix())
    }

    fn body(&self, encoding: Encoding) -> Bytes {
        match encoding {
            Encoding::Identity => self.identity.clone(),
            Encoding::Gzip => self.gzip.get_or_init(|| gzip(&self.identity, 6)).clone(),
            Encoding::Brotli => self.br.get_or_init(|| brotli(&self.identity, 4)).clone(),
        }
    }

    /// The answer to a GET with `headers`: 304 when the client holds this form already,
    /// else 200 with the form its `Accept-Encoding` prefers.
    pub fn respond(&self, headers: &HeaderMap) -> Response {
        let encoding = negotiate(headers);
        let etag = self.etag(encoding);
        let fresh = none_match(headers, &etag);
        let mut response = if fresh {
            Response::new(Body::empty())
        } else {
            Response::new(Body::from(self.body(encoding)))
        };
        let h = response.headers_mut();
        if fresh {
            *response.status_mut() = StatusCode::NOT_MODIFIED;
        } else {
            h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            if let Some(token) = encoding.token() {
                h.insert(CONTENT_ENCODING, HeaderValue::from_static(token));
            }
        }
        let h = response.headers_mut();
        h.insert(
            ETAG,
            HeaderValue::try_from(etag).expect("a tag is quoted hex"),
        );
        h.insert(CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL_VALUE));
        h.insert(VARY, HeaderValue::from_static("accept-encoding"));
        response
    }
}

fn gzip(bytes: &[u8], level: u32) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::new(level),
    );
    encoder
        .write_all(bytes)
        .expect("writing to memory cannot fail");
    Bytes::from(encoder.finish().expect("writing to memory cannot fail"))
}

fn brotli(bytes: &[u8], quality: u32) -> Bytes {
    let mut out = Vec::with_capacity(bytes.len() / 3);
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        writer
            .write_all(bytes)
            .expect("writing to memory cannot fail");
    }
    Bytes::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn negotiates_like_the_compression_layer() {
        let enc = |v: &str| negotiate(&headers(&[("accept-encoding", v)]));
        assert_eq!(negotiate(&HeaderMap::new()), Encoding::Identity);
        assert_eq!(enc("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(enc("gzip, deflate"), Encoding::Gzip);
        assert_eq!(enc("br;q=0.5, gzip;q=0.8"), Encoding::Gzip);
        assert_eq!(enc("br;q=0, gzip;q=0"), Encoding::Identity);
        assert_eq!(enc("identity;q=1, gzip;q=0.5"), Encoding::Identity);
        assert_eq!(enc("x-gzip"), Encoding::Gzip);
        assert_eq!(enc("BR;Q=1.000"), Encoding::Brotli);
        assert_eq!(
            enc("br;q=2, gzip;q=0.1"),
            Encoding::Gzip,
            "q=2 is no q-value"
        );
        assert_eq!(enc("deflate, zstd, *"), Encoding::Identity);
        assert_eq!(
            enc("br;q=1;x=y, gzip"),
            Encoding::Gzip,
            "as tower-http reads it"
        );
    }

    #[test]
    fn if_none_match_takes_lists_weak_prefixes_and_star() {
        let tag = "\"abc\"";
        let m = |v: &str| none_match(&headers(&[("if-none-match", v)]), tag);
        assert!(m("\"abc\""));
        assert!(m("\"x\", W/\"abc\""));
        assert!(m("*"));
        assert!(!m("\"abc-br\""));
        assert!(!m("abc"));
        assert!(!m(""));
        assert!(!none_match(&HeaderMap::new(), tag));
        let two = headers(&[("if-none-match", "\"x\""), ("if-none-match", "\"abc\"")]);
        assert!(none_match(&two, tag));
    }

    #[test]
    fn each_form_has_its_own_tag_and_decodes_to_the_same_bytes() {
        let json = br#"{"items":[],"total":0,"page":1,"per_page":20}"#.repeat(20);
        let answer = Answer::prepared(json.clone());
        let tags = [Encoding::Identity, Encoding::Gzip, Encoding::Brotli].map(|e| answer.etag(e));
        assert!(tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2]);
        assert_eq!(answer.etag(Encoding::Identity).len(), 34);
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&answer.body(Encoding::Gzip)[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, json);
        let mut plain = Vec::new();
        brotli::Decompressor::new(&answer.body(Encoding::Brotli)[..], 4096)
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, json);
        // Another answer of the same bytes has the same tag; other bytes another one.
        assert_eq!(Answer::new(json.clone()).etag(Encoding::Identity), tags[0]);
        assert_ne!(
            Answer::new(b"{}".to_vec()).etag(Encoding::Identity),
            tags[0]
        );
    }
}
