//! The embedding channel: what a page may offer depends on it (a mini-program web-view, for
//! one, cannot open third-party sites such as a map). The SPA detects it once at start from
//! the browser; the server's first screen classifies the request's user agent the same way.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// A phone browser, or any webview we do not recognise.
    Browser,
    /// WeChat's in-app browser (a link opened in a chat, or the QR scanner).
    WeChat,
    /// A WeChat mini-program's `<web-view>`.
    MiniProgram,
}

impl Channel {
    /// The value of `data-channel` on `<html>`, for styles that differ by channel.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Browser => "browser",
            Channel::WeChat => "wechat",
            Channel::MiniProgram => "miniprogram",
        }
    }

    /// Whether links to third-party sites (maps) can be opened.
    pub fn opens_external_links(self) -> bool {
        self != Channel::MiniProgram
    }
}

/// Classifies a user agent and the value of `window.__wxjs_environment` (which only the
/// browser knows; the server passes `None`).
pub fn classify(user_agent: &str, wxjs_environment: Option<&str>) -> Channel {
    let ua = user_agent.to_ascii_lowercase();
    if wxjs_environment == Some("miniprogram") || ua.contains("miniprogram") {
        Channel::MiniProgram
    } else if ua.contains("micromessenger") {
        Channel::WeChat
    } else {
        Channel::Browser
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WECHAT_ANDROID: &str = "Mozilla/5.0 (Linux; Android 12; PGEM10 Build/SP1A.210812.016; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5235 MMWEBSDK/20230805 MMWEBID/1234 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";

    #[test]
    fn recognises_wechat_and_mini_programs() {
        assert_eq!(classify(WECHAT_ANDROID, None), Channel::WeChat);
        assert_eq!(
            classify(WECHAT_ANDROID, Some("miniprogram")),
            Channel::MiniProgram
        );
        assert_eq!(
            classify(&format!("{WECHAT_ANDROID} miniProgram"), None),
            Channel::MiniProgram
        );
        assert_eq!(
            classify(
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1",
                None
            ),
            Channel::Browser
        );
    }
}
