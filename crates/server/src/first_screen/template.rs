//! The built `index.html`, cut once at start-up where a painted page writes: the
//! `<meta name="description">` tag, the `<title>` and the static shell (`<div id="shell">` up
//! to its own `</div>`). Everything else, the wasm loader's tags and the inline scripts first
//! (their CSP hashes are computed from the file), is copied as it is, so the loader may
//! change without this module knowing.

use super::html::escape;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Description,
    Title,
    Shell,
}

/// What a painted page puts into the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The whole document title, e.g. "食品经营许可（新办） - 联办".
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct Template {
    pieces: Vec<Piece>,
    /// The static shell as the build wrote it, for the pages painted without content.
    shell: String,
}

impl Template {
    /// Cuts `html`; an error names the marker that is missing.
    pub fn parse(html: &str) -> Result<Template, String> {
        let lower = html.to_ascii_lowercase();
        let description = find_meta_description(&lower).ok_or("<meta name=\"description\">")?;
        let title = find_element(&lower, "<title>", "</title>").ok_or("<title>")?;
        let shell = find_shell(&lower).ok_or("<div id=\"shell\">")?;
        let mut cuts = [
            (description, Piece::Description),
            (title, Piece::Title),
            (shell.clone(), Piece::Shell),
        ];
        cuts.sort_by_key(|(range, _)| range.start);
        if cuts.windows(2).any(|w| w[0].0.end > w[1].0.start) {
            return Err("the description, title and shell overlap".into());
        }
        let mut pieces = Vec::new();
        let mut at = 0;
        for (range, piece) in cuts {
            pieces.push(Piece::Literal(html[at..range.start].to_string()));
            pieces.push(piece);
            at = range.end;
        }
        pieces.push(Piece::Literal(html[at..].to_string()));
        Ok(Template {
            pieces,
            shell: html[shell].to_string(),
        })
    }

    /// The page with `head`'s title and description, and `shell` (complete markup, from
    /// `<div id="shell">` on) in place of the static shell; `None` keeps the static shell.
    pub fn render(&self, head: &Head, shell: Option<&str>) -> String {
        let mut out = String::with_capacity(
            self.pieces
                .iter()
                .map(|p| match p {
                    Piece::Literal(s) => s.len(),
                    _ => 0,
                })
                .sum::<usize>()
                + shell.map_or(self.shell.len(), str::len)
                + 1024,
        );
        for piece in &self.pieces {
            match piece {
                Piece::Literal(s) => out.push_str(s),
                Piece::Description => {
                    out.push_str("<meta name=\"description\" content=\"");
                    out.push_str(&escape(&head.description));
                    out.push_str("\">");
                }
                Piece::Title => {
                    let title = escape(&head.title);
                    let description = escape(&head.description);
                    out.push_str("<title>");
                    out.push_str(&title);
                    out.push_str("</title>");
                    // For the preview a chat or a social site shows of a shared link.
                    out.push_str("\n  <meta property=\"og:type\" content=\"website\">");
                    out.push_str("\n  <meta property=\"og:site_name\" content=\"");
                    out.push_str(&escape(lianban_ui::locale::t().brand));
                    out.push_str("\">\n  <meta property=\"og:title\" content=\"");
                    out.push_str(&title);
                    out.push_str("\">\n  <meta property=\"og:description\" content=\"");
                    out.push_str(&description);
                    out.push_str("\">");
                }
                Piece::Shell => out.push_str(shell.unwrap_or(&self.shell)),
            }
        }
        out
    }
}

fn find_element(lower: &str, open: &str, close: &str) -> Option<std::ops::Range<usize>> {
    let start = lower.find(open)?;
    let end = start + lower[start..].find(close)? + close.len();
    Some(start..end)
}

fn find_meta_description(lower: &str) -> Option<std::ops::Range<usize>> {
    let mut at = 0;
    while let Some(start) = lower[at..].find("<meta").map(|i| at + i) {
        let end = start + lower[start..].find('>')? + 1;
        let tag = &lower[start..end];
        if tag.contains("name=\"description\"") || tag.contains("name=description") {
            return Some(start..end);
        }
        at = end;
    }
    None
}

/// `<div id="shell">` to the `</div>` that closes it (the shell nests plain `<div>`s).
fn find_shell(lower: &str) -> Option<std::ops::Range<usize>> {
    let start = lower.find("<div id=\"shell\"")?;
    let mut depth = 0usize;
    let mut at = start;
    loop {
        let open = lower[at..].find("<div").map(|i| at + i);
        let close = lower[at..].find("</div").map(|i| at + i)?;
        match open {
            Some(open) if open < close => {
                depth += 1;
                at = open + 4;
            }
            _ => {
                depth -= 1;
                at = close + lower[close..].find('>')? + 1;
                if depth == 0 {
                    return Some(start..at);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::security_headers::inline_scripts;

    /// The source `index.html`: what trunk builds keeps these markers.
    const INDEX: &str = include_str!("../../../../index.html");

    fn head() -> Head {
        Head {
            title: "我要开饭店 - 联办".into(),
            description: "一件事“我要开饭店”".into(),
        }
    }

    #[test]
    fn finds_the_markers_of_the_real_index_html() {
        let t = Template::parse(INDEX).expect("index.html has the markers");
        assert!(t.shell.starts_with("<div id=\"shell\">"));
        assert!(t.shell.ends_with("</div>"));
        assert!(t.shell.contains("<nav class=\"tabbar\""));
        // Nothing is lost: without content the page is the file, but for the head.
        let same = t.render(&head(), None);
        assert!(same.contains(&t.shell));
        assert_eq!(same.matches("<title>").count(), 1);
    }

    #[test]
    fn writes_the_head_and_the_shell_and_keeps_the_inline_scripts() {
        let t = Template::parse(INDEX).unwrap();
        let page = t.render(
            &head(),
            Some("<div id=\"shell\"><main id=\"main\" class=\"page\"><h1>x</h1></main></div>"),
        );
        assert!(page.contains("<title>我要开饭店 - 联办</title>"));
        assert!(page.contains("<meta property=\"og:title\" content=\"我要开饭店 - 联办\">"));
        assert!(page.contains("<meta name=\"description\" content=\"一件事“我要开饭店”\">"));
        assert!(page.contains("<meta property=\"og:description\" content=\"一件事“我要开饭店”\">"));
        assert_eq!(page.matches("name=\"description\"").count(), 1);
        assert!(page.contains("<h1>x</h1>"));
        assert!(!page.contains("id=\"shell-status\""));
        // The CSP hashes, computed from the file, still match every inline script.
        assert_eq!(inline_scripts(&page), inline_scripts(INDEX));
        assert!(!inline_scripts(INDEX).is_empty());
    }

    #[test]
    fn escapes_the_head() {
        let t = Template::parse(INDEX).unwrap();
        let page = t.render(
            &Head {
                title: "</title><script>alert(1)</script>".into(),
                description: "\"><script>alert(2)</script>".into(),
            },
            None,
        );
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
    }

    #[test]
    fn finds_nested_shells_and_says_what_is_missing() {
        let html = "<html><head><meta charset=utf-8><meta name=\"description\" content=\"d\"><title>t</title></head>\
                    <body><div id=\"shell\"><div><div></div></div><p>x</p></div><script>s()</script></body></html>";
        let t = Template::parse(html).unwrap();
        assert_eq!(
            t.shell,
            "<div id=\"shell\"><div><div></div></div><p>x</p></div>"
        );
        let page = t.render(&head(), Some("<div id=\"shell\">new</div>"));
        assert!(page.ends_with("<div id=\"shell\">new</div><script>s()</script></body></html>"));
        assert!(Template::parse("<title>t</title>")
            .unwrap_err()
            .contains("description"));
    }
}
