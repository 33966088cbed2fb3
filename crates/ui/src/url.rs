//! Query strings, by hand: the SPA needs only encoding, and a URL crate would cost Wasm bytes.

/// Percent-encodes everything except RFC 3986's unreserved characters, so Chinese text,
/// spaces and `&` survive in a query value or a path segment.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Builds `?k=v&k=v` from pairs, skipping empty values; empty when nothing is left.
pub fn query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if v.is_empty() {
            continue;
        }
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_chinese_and_reserved_characters() {
        assert_eq!(encode("营业执照"), "%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7");
        assert_eq!(encode("a b&c=d/e"), "a%20b%26c%3Dd%2Fe");
        assert_eq!(encode("SCJG-001_x.y~"), "SCJG-001_x.y~");
    }

    #[test]
    fn builds_queries_without_empty_values() {
        assert_eq!(query([("q", ""), ("page", "")]), "");
        assert_eq!(
            query([
                ("q", "开 饭店"),
                ("flag", "online"),
                ("flag", "nearby"),
                ("page", "")
            ]),
            "?q=%E5%BC%80%20%E9%A5%AD%E5%BA%97&flag=online&flag=nearby"
        );
    }
}
