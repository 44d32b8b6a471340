//! Which address a request came from: the TCP peer, or, when the peer is a configured trusted
//! proxy, the last address in `x-forwarded-for` that is not itself a trusted proxy (proxies
//! append the address they saw, so anything left of that could be made up by the client).

use std::net::IpAddr;

use tonic::Request;

use crate::domain::accounts::ClientAddress;

pub fn of<T>(request: &Request<T>, trusted_proxies: &[IpAddr]) -> ClientAddress {
    let peer = request.remote_addr().map(|addr| addr.ip());
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
