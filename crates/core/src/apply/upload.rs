//! 上传材料: what an upload may be (its type read from its structure, never from its name),
//! what its name may be, and how much one citizen may store. The server enforces all of it;
//! the SPA shows the same name before the server has answered.

use serde::{Deserialize, Serialize};

/// `POST /api/v1/uploads` answers with this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Upload {
    pub id: String,
    /// The file name the citizen chose, cleaned by [`upload_name`]: data for display only.
    pub name: String,
    /// `image/jpeg`, `image/png` or `application/pdf`, as read from the content.
    pub content_type: String,
    pub size: u64,
}

/// Largest upload accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

/// Why an upload's content is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SniffRefusal {
    /// Not a JPEG, PNG or PDF at all.
    Unsupported,
    /// Starts like one of them but is not one whole (cut off, damaged, or something else
    /// disguised as one, such as a web page behind `%PDF-`).
    Malformed,
}

impl SniffRefusal {
    pub fn code(self) -> &'static str {
        match self {
            SniffRefusal::Unsupported => "unsupported_type",
            SniffRefusal::Malformed => "malformed_file",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            SniffRefusal::Unsupported => "只能上传 JPG、PNG 格式的照片或 PDF 文件",
            SniffRefusal::Malformed => {
                "这个文件不是完整的 JPG、PNG 或 PDF 文件（可能已损坏或内容与格式不符），请重新拍照或导出后再上传"
            }
        }
    }
}

/// How far into a file markup is looked for: browsers decide what a file "really" is from
/// its first few hundred bytes, so a web page hidden in a file shows there.
const HEAD: usize = 4096;

/// Where a PDF's `%%EOF` must be: readers look for the trailer from the end.
const PDF_TAIL: usize = 1024;

/// The type of an upload, read from its structure: a JPEG from its start-of-image through
/// an end-of-image after the scan, a PNG from its header chunk through its end chunk, a PDF
/// from its header and its `%%EOF` trailer. Web markup near the start refuses any of them.
pub fn sniff_upload(bytes: &[u8]) -> Result<&'static str, SniffRefusal> {
    let kind = if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ("image/jpeg", jpeg_is_whole(bytes))
    } else if bytes.starts_with(PNG_SIGNATURE) {
        ("image/png", png_is_whole(bytes))
    } else if bytes.starts_with(b"%PDF-") {
        ("application/pdf", pdf_is_whole(bytes))
    } else {
        return Err(SniffRefusal::Unsupported);
    };
    match kind {
        (content_type, true) if !has_web_markup(&bytes[..bytes.len().min(HEAD)]) => {
            Ok(content_type)
        }
        _ => Err(SniffRefusal::Malformed),
    }
}

const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Marker segments from SOI to the first start-of-scan, each with a length that fits, then
/// an EOI somewhere after the scan.
fn jpeg_is_whole(b: &[u8]) -> bool {
    let mut i = 2;
    loop {
        if b.get(i) != Some(&0xFF) {
            return false;
        }
        // Any number of 0xFF fill bytes may come before a marker.
        while b.get(i) == Some(&0xFF) {
            i += 1;
        }
        let Some(&marker) = b.get(i) else {
            return false;
        };
        i += 1;
        match marker {
            // TEM and RSTn stand alone.
            0x01 | 0xD0..=0xD7 => continue,
            // A second SOI, an EOI before any image, or no marker at all.
            0x00..=0xBF | 0xD8 | 0xD9 | 0xFF => return false,
            _ => {}
        }
        let Some(len) = b
            .get(i..i + 2)
            .map(|l| u16::from_be_bytes([l[0], l[1]]) as usize)
        else {
            return false;
        };
        if len < 2 || i + len > b.len() {
            return false;
        }
        i += len;
        if marker == 0xDA {
            return b[i..].windows(2).any(|w| w == [0xFF, 0xD9]);
        }
    }
}

/// IHDR first, then chunks whose lengths fit, up to an IEND.
fn png_is_whole(b: &[u8]) -> bool {
    let mut i = PNG_SIGNATURE.len();
    let mut first = true;
    loop {
        let Some(head) = b.get(i..i + 8) else {
            return false;
        };
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = &head[4..8];
        if first && (kind != b"IHDR" || len != 13) {
            return false;
        }
        if !kind.iter().all(u8::is_ascii_alphabetic) || len > 0x7FFF_FFFF {
            return false;
        }
        first = false;
        // Length, type, data and CRC.
        let Some(next) = i.checked_add(12 + len).filter(|n| *n <= b.len()) else {
            return false;
        };
        if kind == b"IEND" {
            return len == 0;
        }
        i = next;
    }
}

fn pdf_is_whole(b: &[u8]) -> bool {
    let tail = &b[b.len().saturating_sub(PDF_TAIL)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// Opening tags and schemes that make a browser treat bytes as a web page or an image
/// with script.
const WEB_MARKUP: &[&[u8]] = &[
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<iframe",
    b"<frame",
    b"<svg",
    b"<img",
    b"<object",
    b"<embed",
    b"<meta",
    b"<link",
    b"<style",
    b"<form",
    b"javascript:",
];

fn has_web_markup(head: &[u8]) -> bool {
    let lower = head.to_ascii_lowercase();
    WEB_MARKUP
        .iter()
        .any(|m| lower.windows(m.len()).any(|w| w == *m))
}

/// Longest file name kept, in characters.
pub const MAX_UPLOAD_NAME_CHARS: usize = 100;

/// What is shown for a file that came without a usable name.
pub const UNNAMED_UPLOAD: &str = "未命名文件";

/// A file name as the platform keeps it: the last part of any path, without control or
/// invisible direction characters (which can disguise `exe.pdf` as `fdp.exe`), trimmed, at
/// most [`MAX_UPLOAD_NAME_CHARS`] characters with its extension kept. Never interpreted:
/// `<img onerror=…>` stays those characters, shown as text.
pub fn upload_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .collect();
    let clean = clean.trim();
    if clean.is_empty() || clean.chars().all(|c| c == '.') {
        return UNNAMED_UPLOAD.to_string();
    }
    if clean.chars().count() <= MAX_UPLOAD_NAME_CHARS {
        return clean.to_string();
    }
    match clean.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && (1..=10).contains(&ext.chars().count()) => {
            let keep = MAX_UPLOAD_NAME_CHARS - 1 - ext.chars().count();
            let stem: String = stem.chars().take(keep).collect();
            format!("{}.{ext}", stem.trim_end())
        }
        _ => clean.chars().take(MAX_UPLOAD_NAME_CHARS).collect(),
    }
}

/// Format characters that change how text around them is drawn without showing themselves.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// 上传限额: how much one citizen may store, so that one account cannot fill the platform's
/// storage. Generous for a real application: 我要开饭店 asks for at most nine materials, a
/// few pages each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UploadQuota {
    /// Files per day (China time).
    pub files_per_day: u32,
    /// Bytes per day (China time).
    pub bytes_per_day: u64,
    /// Bytes of the citizen's uploads that no submitted case uses yet.
    pub pending_bytes: u64,
    /// Days after which an upload that no draft or case uses is removed.
    pub orphan_days: u32,
}

impl Default for UploadQuota {
    fn default() -> Self {
        UploadQuota {
            files_per_day: 50,
            bytes_per_day: 200 * MIB,
            pending_bytes: 80 * MIB,
            orphan_days: 7,
        }
    }
}

const MIB: u64 = 1024 * 1024;

/// What a citizen has stored, as the quota counts it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UploadUsage {
    pub files_today: u32,
    pub bytes_today: u64,
    pub pending_bytes: u64,
}

/// Which limit an upload would pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuotaRefusal {
    FilesPerDay { limit: u32 },
    BytesPerDay { limit: u64 },
    Pending { limit: u64, orphan_days: u32 },
}

impl UploadQuota {
    /// Whether one more file of `size` bytes fits beside `usage`.
    pub fn check(&self, usage: &UploadUsage, size: u64) -> Result<(), QuotaRefusal> {
        if usage.files_today >= self.files_per_day {
            return Err(QuotaRefusal::FilesPerDay {
                limit: self.files_per_day,
            });
        }
        if usage.bytes_today.saturating_add(size) > self.bytes_per_day {
            return Err(QuotaRefusal::BytesPerDay {
                limit: self.bytes_per_day,
            });
        }
        if usage.pending_bytes.saturating_add(size) > self.pending_bytes {
            return Err(QuotaRefusal::Pending {
                limit: self.pending_bytes,
                orphan_days: self.orphan_days,
            });
        }
        Ok(())
    }
}

/// `80MB`, `1.5MB`: a size as a citizen reads it.
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes * 10 + MIB / 2) / MIB;
    if tenths.is_multiple_of(10) {
        format!("{}MB", tenths / 10)
    } else {
        format!("{}.{}MB", tenths / 10, tenths % 10)
    }
}

impl QuotaRefusal {
    pub fn code(&self) -> &'static str {
        match self {
            QuotaRefusal::FilesPerDay { .. } => "upload_daily_files",
            QuotaRefusal::BytesPerDay { .. } => "upload_daily_bytes",
            QuotaRefusal::Pending { .. } => "upload_pending_limit",
        }
    }

    /// Until tomorrow for the daily limits; the pending one passes when the citizen submits.
    pub fn is_daily(&self) -> bool {
        !matches!(self, QuotaRefusal::Pending { .. })
    }

    pub fn message(&self) -> String {
        match self {
            QuotaRefusal::FilesPerDay { limit } => format!(
                "今天已上传{limit}个文件，达到每天的上限。已上传的文件仍然有效，其他文件请明天再上传"
            ),
            QuotaRefusal::BytesPerDay { limit } => format!(
                "今天上传的文件已达{}，达到每天的上限。已上传的文件仍然有效，其他文件请明天再上传",
                megabytes(*limit)
            ),
            QuotaRefusal::Pending { limit, orphan_days } => format!(
                "尚未提交的材料已达{}的上限：请先提交申请，或把文件压缩后再上传。没有用在草稿或申请中的文件会在{orphan_days}天后自动删除",
                megabytes(*limit)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A real 1×1 PNG.
    pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDAT\x78\xda\x63\x64\xf8\xcf\x50\x0f\0\x03\x86\x01\x80\x5a\x34\x7d\x6b\0\0\0\0IEND\xae\x42\x60\x82";

    /// The smallest JPEG structure: SOI, a quantisation table, a scan, EOI.
    fn jpeg() -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        v.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        v.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0]);
        v.extend_from_slice(&[0x12, 0x34, 0xFF, 0x00, 0x56]);
        v.extend_from_slice(&[0xFF, 0xD9]);
        v
    }

    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

    #[test]
    fn whole_files_are_recognised() {
        assert_eq!(sniff_upload(PNG), Ok("image/png"));
        assert_eq!(sniff_upload(&jpeg()), Ok("image/jpeg"));
        assert_eq!(sniff_upload(PDF), Ok("application/pdf"));
    }

    #[test]
    fn other_files_are_unsupported() {
        assert_eq!(
            sniff_upload(b"hello, I am text"),
            Err(SniffRefusal::Unsupported)
        );
        assert_eq!(
            sniff_upload(b"MZ\x90\0\x03"),
            Err(SniffRefusal::Unsupported)
        );
        assert_eq!(sniff_upload(b""), Err(SniffRefusal::Unsupported));
    }

    #[test]
    fn a_web_page_behind_a_pdf_header_is_refused() {
        let polyglot =
            b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n";
        assert_eq!(sniff_upload(polyglot), Err(SniffRefusal::Malformed));
        let mut shouting = PDF.to_vec();
        shouting.splice(
            9..9,
            b"<SCRIPT src=//evil.example/x.js></SCRIPT>".iter().copied(),
        );
        assert_eq!(sniff_upload(&shouting), Err(SniffRefusal::Malformed));
    }

    #[test]
    fn cut_off_files_are_refused() {
        // A PDF header and nothing else; the trailer cut off.
        assert_eq!(
            sniff_upload(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
            Err(SniffRefusal::Malformed)
        );
        assert_eq!(
            sniff_upload(&PDF[..PDF.len() - 7]),
            Err(SniffRefusal::Malformed)
        );
        // A PNG without IEND, or whose first chunk is not IHDR.
        assert_eq!(
            sniff_upload(&PNG[..PNG.len() - 12]),
            Err(SniffRefusal::Malformed)
        );
        let mut swapped = PNG.to_vec();
        swapped[12..16].copy_from_slice(b"IDAT");
        assert_eq!(sniff_upload(&swapped), Err(SniffRefusal::Malformed));
        // A chunk length past the end.
        let mut long = PNG.to_vec();
        long[33..37].copy_from_slice(&0x7000_0000u32.to_be_bytes());
        assert_eq!(sniff_upload(&long), Err(SniffRefusal::Malformed));
        // A JPEG without EOI, and one whose first segment is HTML.
        let j = jpeg();
        assert_eq!(
            sniff_upload(&j[..j.len() - 2]),
            Err(SniffRefusal::Malformed)
        );
        assert_eq!(
            sniff_upload(b"\xff\xd8\xff<html><script>x</script>\xff\xd9"),
            Err(SniffRefusal::Malformed)
        );
        // An HTML page in a JPEG comment.
        let mut commented = vec![0xFF, 0xD8, 0xFF, 0xFE, 0, 22];
        commented.extend_from_slice(b"<script>alert(1)</sc");
        commented.extend_from_slice(&j[2..]);
        assert_eq!(sniff_upload(&commented), Err(SniffRefusal::Malformed));
        // Noise after the JPEG signature.
        let mut noise = vec![0xFF, 0xD8, 0xFF, 0xE0];
        noise.resize(1000, 0);
        assert_eq!(sniff_upload(&noise), Err(SniffRefusal::Malformed));
    }

    #[test]
    fn names_are_kept_as_data() {
        assert_eq!(upload_name("租赁合同.jpg"), "租赁合同.jpg");
        assert_eq!(
            upload_name("<img src=x onerror=alert(1)>.png"),
            "<img src=x onerror=alert(1)>.png"
        );
        assert_eq!(upload_name("../../etc/passwd"), "passwd");
        assert_eq!(upload_name("C:\\fakepath\\营业执照.pdf"), "营业执照.pdf");
        assert_eq!(
            upload_name("a\r\nSet-Cookie: x=1\0.pdf"),
            "aSet-Cookie: x=1.pdf"
        );
        // U+202E (right-to-left override) makes "lease", U+202E, "fdp.exe" read as "leaseexe.pdf".
        assert_eq!(upload_name("lease\u{202E}fdp.exe"), "leasefdp.exe");
        assert_eq!(upload_name("  \u{200B} "), UNNAMED_UPLOAD);
        assert_eq!(upload_name(".."), UNNAMED_UPLOAD);
        assert_eq!(upload_name("dir/"), UNNAMED_UPLOAD);
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.pdf", "合".repeat(300));
        let kept = upload_name(&long);
        assert_eq!(kept.chars().count(), MAX_UPLOAD_NAME_CHARS);
        assert!(kept.ends_with("合.pdf"), "{kept}");
        let no_ext = "x".repeat(300);
        assert_eq!(upload_name(&no_ext).len(), MAX_UPLOAD_NAME_CHARS);
    }

    #[test]
    fn the_quota_counts_files_bytes_and_what_is_not_submitted() {
        let q = UploadQuota::default();
        let mb5 = 5 * MIB;
        assert_eq!(q.check(&UploadUsage::default(), mb5), Ok(()));
        // Nine materials of two 4 MiB pages each fit.
        let nine = UploadUsage {
            files_today: 17,
            bytes_today: 17 * 4 * MIB,
            pending_bytes: 17 * 4 * MIB,
        };
        assert_eq!(q.check(&nine, 4 * MIB), Ok(()));
        let pending = UploadUsage {
            files_today: 16,
            bytes_today: 16 * mb5,
            pending_bytes: 16 * mb5,
        };
        let refused = q.check(&pending, mb5).unwrap_err();
        assert_eq!(refused.code(), "upload_pending_limit");
        assert!(refused.message().contains("80MB"), "{}", refused.message());
        assert!(refused.message().contains("7天"));
        // Submitted uploads no longer count as pending, but still count for the day.
        let submitted = UploadUsage {
            pending_bytes: 0,
            ..pending
        };
        assert_eq!(q.check(&submitted, mb5), Ok(()));
        let day = UploadUsage {
            files_today: 50,
            ..UploadUsage::default()
        };
        assert!(q.check(&day, 1).unwrap_err().message().contains("50个文件"));
        let bytes = UploadUsage {
            bytes_today: 200 * MIB,
            ..UploadUsage::default()
        };
        let refused = q.check(&bytes, 1).unwrap_err();
        assert!(refused.is_daily());
        assert!(refused.message().contains("200MB"));
    }

    #[test]
    fn sizes_read_in_megabytes() {
        assert_eq!(megabytes(80 * MIB), "80MB");
        assert_eq!(megabytes(3 * MIB / 2), "1.5MB");
    }
}
