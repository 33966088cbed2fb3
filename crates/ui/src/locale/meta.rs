//! What a shared link says about a page (`<title>` is the page's own, see
//! `screens::document_title`): the description a chat or a search engine shows under it.
//! Only the server's first screen writes these, so they are a table of their own that the
//! SPA's Wasm does not carry.

pub struct MetaLocale {
    /// The home page, and every page without a description of its own.
    pub brand: &'static str,
    /// A guide: (matter, department, summary).
    pub matter: fn(&str, &str, &str) -> String,
    /// A theme: (theme, summary, departments).
    pub theme: fn(&str, &str, &str) -> String,
    /// A hall: (hall, address, opening hours).
    pub hall: fn(&str, &str, &str) -> String,
}

pub static ZH_CN: MetaLocale = MetaLocale {
    brand: "联办：查办事指南、办一件事、找办事大厅的一网通办政务服务。",
    matter: |m, d, s| format!("{m}办事指南（{d}）：{s}"),
    theme: |th, s, d| format!("一件事“{th}”：{s}涉及部门：{d}。"),
    hall: |h, a, o| format!("{h}，地址：{a}。办公时间：{o}。"),
};

/// The table in use (one language now, as [`super::t`]).
pub fn meta() -> &'static MetaLocale {
    &ZH_CN
}
