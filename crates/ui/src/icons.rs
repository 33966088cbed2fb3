//! The line icons' drawings (24×24, stroked): the SPA's `Icon` and the server's first screen
//! draw the same path, so the painted page and the mounted app look the same.

/// The path data of icon `name`; a dot for a name not listed here.
pub fn path(name: &str) -> &'static str {
    match name {
        "home" => "M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10",
        "services" => "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z",
        "hall" => "M3 21h18M5 21V10M19 21V10M9 21v-6h6v6M2 10l10-6 10 6",
        "me" => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6",
        "back" => "M15 5l-7 7 7 7",
        "search" => "M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5L21 21",
        "calendar" => "M4 6h16v14H4zM4 10h16M8 3v5M16 3v5",
        "track" => "M5 4h14v16H5zM8 9h8M8 13h8M8 17h5",
        "phone" => "M6 3h4l2 5-3 2a11 11 0 0 0 5 5l2-3 5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 4 5a2 2 0 0 1 2-2z",
        "map" => "M12 21s-7-6.5-7-11a7 7 0 0 1 14 0c0 4.5-7 11-7 11zM12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z",
        "dept" => "M4 21V8l8-5 8 5v13M9 21v-5h6v5M8 11h2M14 11h2",
        _ => "M12 12h0",
    }
}
