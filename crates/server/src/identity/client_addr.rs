//! The client address that the SMS and login throttles count against.

use crate::Settings;
use axum::http::HeaderMap;
use std::net::{IpAddr, SocketAddr};

/// The address a request is counted against.
///
/// Without `--trust-forwarded-for`: the peer of the connection. With it: the entry of
/// `X-Forwarded-For` written by the outermost of the `--trusted-proxies` proxies in front of the
/// server. Each proxy appends the address it received the request from, so that entry is the
/// N-th from the right; everything to its left was written by the client and may be anything.
/// A header with fewer entries than there are proxies, or an entry that is not an address,
/// cannot have come through them all: the peer counts then.
pub fn client_addr(settings: &Settings, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    resolve(
        settings.trust_forwarded_for,
        settings.trusted_proxies,
        headers,
        peer,
    )
}

fn resolve(trust: bool, proxies: u32, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    let forwarded = trust.then(|| forwarded_for(headers, proxies)).flatten();
    match forwarded.or(peer.map(|p| p.ip())) {
        Some(ip) => throttle_key(ip),
        None => "unknown".into(),
    }
}

/// The N-th entry from the right of every `X-Forwarded-For` line, in order (a proxy may add
/// its own line instead of extending the last one).
fn forwarded_for(headers: &HeaderMap, proxies: u32) -> Option<IpAddr> {
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .collect();
    let index = entries
        .len()
        .checked_sub(usize::try_from(proxies.max(1)).ok()?)?;
    parse_entry(entries[index])
}

/// An address as proxies write it: `203.0.113.7`, `203.0.113.7:5123`, `2001:db8::1` or
/// `[2001:db8::1]:5123`.
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<SocketAddr>().ok().map(|s| s.ip()))
}

/// One key per client: an IPv4 address as it is, an IPv6 address by its /64, since one
/// subscriber is given at least a /64 and could otherwise take a fresh address per request.
fn throttle_key(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn settings(trust: bool, proxies: u32) -> (bool, u32) {
        (trust, proxies)
    }

    fn headers(lines: &[&'static str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for l in lines {
            h.append("x-forwarded-for", HeaderValue::from_static(l));
        }
        h
    }

    const PEER: &str = "192.0.2.1:40000";

    fn addr(s: &(bool, u32), lines: &[&'static str]) -> String {
        resolve(s.0, s.1, &headers(lines), Some(PEER.parse().unwrap()))
    }

    #[test]
    fn without_trust_the_peer_counts_whatever_the_header_says() {
        assert_eq!(addr(&settings(false, 1), &["203.0.113.7"]), "192.0.2.1");
    }

    #[test]
    fn one_proxy_means_the_right_most_entry() {
        let s = settings(true, 1);
        assert_eq!(addr(&s, &["10.0.0.1, 198.51.100.9"]), "198.51.100.9");
        assert_eq!(addr(&s, &["10.0.0.1", "198.51.100.9"]), "198.51.100.9");
        assert_eq!(addr(&s, &["198.51.100.9:5123"]), "198.51.100.9");
    }

    #[test]
    fn two_proxies_mean_the_second_from_the_right() {
        let s = settings(true, 2);
        assert_eq!(
            addr(&s, &["1.1.1.1, 198.51.100.9, 10.0.0.2"]),
            "198.51.100.9"
        );
        // Fewer entries than proxies: the request did not come through both.
        assert_eq!(addr(&s, &["198.51.100.9"]), "192.0.2.1");
    }

    #[test]
    fn garbage_or_no_header_falls_back_to_the_peer() {
        let s = settings(true, 1);
        assert_eq!(addr(&s, &["10.0.0.1, not-an-address"]), "192.0.2.1");
        assert_eq!(addr(&s, &[]), "192.0.2.1");
    }

    #[test]
    fn ipv6_counts_by_its_64_prefix() {
        let s = settings(true, 1);
        assert_eq!(addr(&s, &["2001:db8:1:2:aaaa::1"]), "2001:db8:1:2::/64");
        assert_eq!(
            addr(&s, &["[2001:db8:1:2:bbbb::9]:443"]),
            "2001:db8:1:2::/64"
        );
        assert_eq!(addr(&s, &["::ffff:198.51.100.9"]), "198.51.100.9");
    }
}
