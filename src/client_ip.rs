//! Who the client is, for per-client limits: the TCP peer, or, when the peer is one of the configured reverse
//! proxies (`--trusted-proxies`), the right-most address of `X-Forwarded-For` that is not itself a trusted
//! proxy. Anything a client writes to the left of that is ignored, so a forged header gains nothing.
use actix_web::HttpRequest;
use ipnet::IpNet;
use std::net::IpAddr;
use std::str::FromStr;

/// One entry of `--trusted-proxies`: an address (`10.0.0.5`) or a range (`10.0.0.0/24`, `fd00::/8`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrustedProxy(IpNet);

impl FromStr for TrustedProxy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Ok(net) = s.parse::<IpNet>() {
            return Ok(TrustedProxy(net.trunc()));
        }
        s.parse::<IpAddr>()
            .map(|ip| TrustedProxy(IpNet::from(ip)))
            .map_err(|_| format!("not an IP address or CIDR range: {s:?}"))
    }
}

/// Whether `ip` is one of the trusted proxies.
pub fn is_trusted(proxies: &[TrustedProxy], ip: IpAddr) -> bool {
    let ip = ip.to_canonical();
    proxies.iter().any(|p| p.0.contains(&ip))
}

/// The client's address from the TCP `peer` and the `X-Forwarded-For` values (in header order).
pub fn resolve<'a>(
    proxies: &[TrustedProxy],
    peer: Option<IpAddr>,
    forwarded_for: impl Iterator<Item = &'a str>,
) -> Option<IpAddr> {
    let peer = peer?.to_canonical();
    if !is_trusted(proxies, peer) {
        return Some(peer);
    }
    let hops: Vec<&str> = forwarded_for.flat_map(|v| v.split(',')).collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        // An unreadable hop was written by someone we do not trust: stop at the last address we could trust.
        let Ok(ip) = hop.trim().parse::<IpAddr>() else {
            break;
        };
        client = ip.to_canonical();
        if !is_trusted(proxies, client) {
            break;
        }
    }
    Some(client)
}

/// The client's address for `req` under the app's trusted proxies.
pub fn of_request(proxies: &[TrustedProxy], req: &HttpRequest) -> Option<IpAddr> {
    let xff = req
        .headers()
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok());
    resolve(proxies, req.peer_addr().map(|a| a.ip()), xff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proxies(list: &[&str]) -> Vec<TrustedProxy> {
        list.iter().map(|s| s.parse().unwrap()).collect()
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn a_forwarded_address_counts_only_from_a_trusted_proxy() {
        let p = proxies(&["10.0.0.1"]);
        let xff = || ["198.51.100.7"].into_iter();
        assert_eq!(resolve(&p, ip("10.0.0.1"), xff()), ip("198.51.100.7"));
        assert_eq!(resolve(&p, ip("203.0.113.9"), xff()), ip("203.0.113.9"));
        assert_eq!(resolve(&[], ip("10.0.0.1"), xff()), ip("10.0.0.1"));
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client_and_forged_left_hops_are_ignored() {
        let p = proxies(&["10.0.0.0/8"]);
        let xff = ["1.2.3.4, 198.51.100.7", "10.1.1.1"].into_iter();
        assert_eq!(resolve(&p, ip("10.0.0.1"), xff), ip("198.51.100.7"));
        let garbage = ["nonsense, 10.2.2.2"].into_iter();
        assert_eq!(resolve(&p, ip("10.0.0.1"), garbage), ip("10.2.2.2"));
        let none = std::iter::empty();
        assert_eq!(resolve(&p, ip("10.0.0.1"), none), ip("10.0.0.1"));
    }

    #[test]
    fn entries_are_addresses_or_ranges() {
        assert!("127.0.0.1".parse::<TrustedProxy>().is_ok());
        assert!("10.0.0.0/8".parse::<TrustedProxy>().is_ok());
        assert!("::1".parse::<TrustedProxy>().is_ok());
        assert!("proxy.local".parse::<TrustedProxy>().is_err());
        assert!(is_trusted(
            &proxies(&["127.0.0.1"]),
            ip("::ffff:127.0.0.1").unwrap()
        ));
    }
}
