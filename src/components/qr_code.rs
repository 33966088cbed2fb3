//! A QR code drawn in the app as SVG: nothing leaves the phone to make it.
//!
//! Byte mode in the smallest version that fits, drawn as one `<path>`: this skips the crate's
//! segment optimiser and generic renderers, which would only add Wasm bytes for a short string.

use leptos::prelude::*;
use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode as Code, Version};

const EC: EcLevel = EcLevel::M;
const QUIET: usize = 4;

/// The SVG of a QR code for `text`, or `None` when it is too long for any version.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    let code = (1..=40).find_map(|v| {
        let mut bits = Bits::new(Version::Normal(v));
        bits.push_byte_data(text.as_bytes()).ok()?;
        bits.push_terminator(EC).ok()?;
        Code::with_bits(bits, EC).ok()
    })?;
    let width = code.width();
    let size = width + 2 * QUIET;
    let mut path = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let (x, y) = (i % width + QUIET, i / width + QUIET);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{label}" class="qr__svg" viewBox="0 0 {size} {size}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>"##
    ))
}

#[component]
pub fn QrCode(text: String, label: &'static str) -> impl IntoView {
    let svg = qr_svg(&text, label).unwrap_or_default();
    view! { <div class="qr" inner_html=svg></div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_a_short_string() {
        let svg = qr_svg("lianban:licence:12:结婚证", "二维码").unwrap();
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains(r#"aria-label="二维码""#));
        // 28 bytes: version 3 (29 modules) at level M, plus the quiet zone.
        assert!(svg.contains("viewBox=\"0 0 37 37\""));
    }
}
