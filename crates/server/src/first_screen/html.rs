//! Writing markup with every piece of data escaped: [`Html::raw`] takes only `&'static str`
//! (markup written in this source), so text from `data/` or a URL can only go in through
//! [`Html::text`], which escapes it for element content and quoted attribute values alike.

/// Markup under construction.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    pub fn new() -> Html {
        Html(String::with_capacity(8 * 1024))
    }

    /// Markup as written in this source.
    pub fn raw(&mut self, markup: &'static str) -> &mut Html {
        self.0.push_str(markup);
        self
    }

    /// Text, escaped: safe as element content and inside a double- or single-quoted attribute.
    pub fn text(&mut self, text: &str) -> &mut Html {
        escape_into(&mut self.0, text);
        self
    }

    /// Another piece of markup built the same way.
    pub fn append(&mut self, other: &Html) -> &mut Html {
        self.0.push_str(&other.0);
        self
    }

    /// `<tag class="…">text</tag>` for the many elements that are one line of text.
    pub fn element(&mut self, open: &'static str, text: &str, close: &'static str) -> &mut Html {
        self.raw(open).text(text).raw(close)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Escapes `&`, `<`, `>`, `"` and `'`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// JSON made safe inside `<script type="application/json">`: the only sequences that could
/// end the element early or open a comment start with `<`, and in valid JSON a `<` can only
/// stand inside a string, where `\u003c` means the same. `JSON.parse` and serde read it back
/// unchanged.
pub fn json_in_script(json: &str) -> String {
    json.replace('<', "\\u003c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_markup_is_not() {
        let mut h = Html::new();
        h.raw("<h1>")
            .text("<script>alert('x')</script> & \"y\"")
            .raw("</h1>");
        assert_eq!(
            h.as_str(),
            "<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;</h1>"
        );
    }

    #[test]
    fn json_cannot_close_its_script_element() {
        let json = serde_json::to_string(&serde_json::json!({
            "name": "</script><script>alert(1)</script><!--"
        }))
        .unwrap();
        let safe = json_in_script(&json);
        assert!(!safe.contains('<'));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["name"], "</script><script>alert(1)</script><!--");
    }
}
