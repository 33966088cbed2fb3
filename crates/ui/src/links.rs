//! Links a page writes the same way in the SPA and in the server's first screen.

use crate::url::{encode, query};
use lianban_core::catalogue::HallSummary;

/// A `tel:` link; the text stays as the guide writes it.
pub fn tel(phone: &str) -> String {
    let digits: String = phone
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '+' | '-'))
        .collect();
    format!("tel:{digits}")
}

/// AMap's URI API: opens the map app, or the web map, with a marker. The coordinates are
/// WGS-84, which AMap converts when told so.
pub fn map_link(h: &HallSummary) -> String {
    format!(
        "https://uri.amap.com/marker?position={},{}&name={}&coordinate=wgs84&callnative=1",
        coordinate(h.longitude),
        coordinate(h.latitude),
        encode(&h.name)
    )
}

/// A coordinate with six decimals (about 0.1 m), written with integer arithmetic: Rust's
/// float formatting alone costs about 11 KB of Wasm.
fn coordinate(degrees: f64) -> String {
    let micro = (degrees * 1e6).round() as i64;
    let sign = if micro < 0 { "-" } else { "" };
    let micro = micro.unsigned_abs();
    format!("{sign}{}.{:06}", micro / 1_000_000, micro % 1_000_000)
}

pub fn matter_href(code: &str) -> String {
    format!("/matters/{}", encode(code))
}

pub fn theme_href(id: &str) -> String {
    format!("/themes/{}", encode(id))
}

/// The start of a theme's guided application (its first question).
pub fn theme_apply_href(id: &str) -> String {
    format!("{}/apply", theme_href(id))
}

pub fn hall_href(id: &str) -> String {
    format!("/halls/{}", encode(id))
}

/// 预约办理 from a guide: its business category preset, its halls offered.
pub fn book_matter_href(matter_code: &str, category_id: &str) -> String {
    format!(
        "/appointments/new{}",
        query([("matter", matter_code), ("category", category_id)])
    )
}

/// 预约办理 from a hall's page.
pub fn book_hall_href(hall_id: &str) -> String {
    format!("/appointments/new?hall={}", encode(hall_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dials_only_digits() {
        assert_eq!(tel("0571-8888 1234"), "tel:0571-88881234");
        assert_eq!(tel("12345"), "tel:12345");
    }

    #[test]
    fn coordinates_have_six_decimals() {
        assert_eq!(coordinate(112.239741), "112.239741");
        assert_eq!(coordinate(30.3352), "30.335200");
        assert_eq!(coordinate(-0.5), "-0.500000");
    }

    #[test]
    fn paths_are_encoded() {
        assert_eq!(matter_href("CG 1/2"), "/matters/CG%201%2F2");
        assert_eq!(
            book_matter_href("CG-001", "construction"),
            "/appointments/new?matter=CG-001&category=construction"
        );
        assert_eq!(book_hall_href("a&b"), "/appointments/new?hall=a%26b");
    }
}
