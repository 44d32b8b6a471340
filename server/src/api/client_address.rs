//! Which address a request came from: the TCP peer, or, when the peer is a trusted proxy, the
//! last address in `x-forwarded-for` that is not itself a trusted proxy (proxies append the
//! address they saw, so anything left of that could be made up by the client).
//!
//! A peer is trusted when its address is configured (`limits.trusted_proxies`, e.g. APISIX), or
//! when it shows the proxy key (`limits.proxy_key`): the gateway's REST calls carry it, so a
//! gateway whose address is not known in advance (`easychat serve`'s own, on loopback like any
//! local client) is believed without trusting every local process.

use std::net::IpAddr;

use easychat_proto::PROXY_KEY_METADATA as PROXY_KEY_HEADER;
use tonic::Request;

use crate::domain::accounts::ClientAddress;

/// Who may name the client in `x-forwarded-for`.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    pub addresses: Vec<IpAddr>,
    pub key: Option<String>,
}

impl TrustedProxies {
    fn shows_key<T>(&self, request: &Request<T>) -> bool {
        let Some(key) = &self.key else {
            return false;
        };
        request
            .metadata()
            .get(PROXY_KEY_HEADER)
            .is_some_and(|shown| constant_time_eq(shown.as_bytes(), key.as_bytes()))
    }
}

/// Equality whose time does not depend on where the inputs differ, so the key cannot be
/// guessed byte by byte from response times.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn of<T>(request: &Request<T>, trusted: &TrustedProxies) -> ClientAddress {
    let peer = request.remote_addr().map(|addr| addr.ip());
    let mut trusted_proxies = trusted.addresses.clone();
    if let Some(peer) = peer
        && trusted.shows_key(request)
    {
        trusted_proxies.push(peer);
    }
    let trusted_proxies = trusted_proxies.as_slice();
    let forwarded = request
        .metadata()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    ClientAddress(resolve(peer, &forwarded, trusted_proxies))
}

fn resolve(peer: Option<IpAddr>, forwarded: &str, trusted_proxies: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted_proxies.contains(&peer) {
        return Some(peer);
    }
    let mut client = peer;
    for hop in forwarded.rsplit(',') {
        match hop.trim().parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !trusted_proxies.contains(&ip) {
                    break;
                }
            }
            // A hop that is not an address: stop at the last one we could trust.
            Err(_) => break,
        }
    }
    Some(client)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_proxy_key_makes_its_bearer_trusted() {
        let trusted = TrustedProxies {
            addresses: Vec::new(),
            key: Some("k".repeat(32)),
        };
        let request = |key: Option<&str>| {
            let mut request = Request::new(());
            request
                .metadata_mut()
                .insert("x-forwarded-for", "203.0.113.9".parse().unwrap());
            if let Some(key) = key {
                request
                    .metadata_mut()
                    .insert(PROXY_KEY_HEADER, key.parse().unwrap());
            }
            request
        };
        assert!(trusted.shows_key(&request(Some(&"k".repeat(32)))));
        assert!(!trusted.shows_key(&request(Some("k"))));
        assert!(!trusted.shows_key(&request(None)));
        assert!(!TrustedProxies::default().shows_key(&request(Some(""))));
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let proxy = ip("10.0.0.1");
        assert_eq!(
            resolve(Some(ip("203.0.113.9")), "198.51.100.1", &[proxy]),
            Some(ip("203.0.113.9")),
            "a client cannot pick its own address"
        );
        assert_eq!(
            resolve(Some(proxy), "198.51.100.1, 203.0.113.9", &[proxy]),
            Some(ip("203.0.113.9")),
            "the address the proxy saw, not what the client wrote before it"
        );
        assert_eq!(
            resolve(
                Some(proxy),
                "203.0.113.9, 10.0.0.2",
                &[proxy, ip("10.0.0.2")]
            ),
            Some(ip("203.0.113.9")),
            "chains of trusted proxies are skipped"
        );
        assert_eq!(resolve(Some(proxy), "", &[proxy]), Some(proxy));
        assert_eq!(
            resolve(Some(proxy), "garbage", &[proxy]),
            Some(proxy),
            "an unreadable hop is not believed"
        );
    }
}
