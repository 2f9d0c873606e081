//! CSRF protection for cookie sessions: a token bound to the session token (HMAC-SHA256). Pages put it in a
//! hidden form field and a `<meta name="csrf-token">` for scripts; scripts send it as `X-CSRF-Token`.
//! Requests authenticated with `Authorization: Bearer` carry no ambient credentials and need none.
//! The login form has no session yet: it is protected by checking that the browser says it comes from this
//! site ([`same_origin`], review F12).
use crate::error::{AppError, AppResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

pub const HEADER: &str = "x-csrf-token";
pub const FIELD: &str = "csrf";

pub fn token_for(secret: &[u8], session_token: &str) -> String {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(session_token.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

pub fn verify(secret: &[u8], session_token: &str, given: &str) -> AppResult<()> {
    let mut mac =
        <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("HMAC accepts keys of any length");
    mac.update(session_token.as_bytes());
    let given = URL_SAFE_NO_PAD
        .decode(given.trim())
        .map_err(|_| AppError::Csrf)?;
    mac.verify_slice(&given).map_err(|_| AppError::Csrf)
}

/// `scheme://host[:port]/...` -> `host[:port]`, lower-case.
fn authority(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(rest[..end].to_ascii_lowercase())
}

/// Whether a form post comes from this site's own pages: its `Origin` (or, without one, its `Referer`) names
/// the host the request was sent to, or the configured public URL. A post with neither header (a browser
/// that sends none, a script) is let through: browsers always send `Origin` on a cross-site form post.
pub fn same_origin(
    origin: Option<&str>,
    referer: Option<&str>,
    host: Option<&str>,
    public_url: Option<&str>,
) -> bool {
    let Some(claimed) = origin.or(referer) else {
        return true;
    };
    let Some(claimed) = authority(claimed) else {
        return false;
    };
    let host = host.map(str::to_ascii_lowercase);
    host.as_deref() == Some(claimed.as_str())
        || public_url.and_then(authority).as_deref() == Some(claimed.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_login_post_from_another_site_is_not_same_origin() {
        let host = Some("thi.example.gov.vn");
        assert!(same_origin(
            Some("https://thi.example.gov.vn"),
            None,
            host,
            None
        ));
        assert!(same_origin(
            None,
            Some("https://thi.example.gov.vn/dang-nhap"),
            host,
            None
        ));
        assert!(same_origin(None, None, host, None));
        assert!(!same_origin(Some("https://evil.example"), None, host, None));
        assert!(!same_origin(Some("null"), None, host, None));
        assert!(!same_origin(
            None,
            Some("https://evil.example/thi.example.gov.vn"),
            host,
            None
        ));
        assert!(same_origin(
            Some("https://thi.gov.vn"),
            None,
            Some("10.0.0.2:8080"),
            Some("https://thi.gov.vn/")
        ));
    }

    #[test]
    fn a_token_matches_only_its_session() {
        let t = token_for(b"k", "session-a");
        assert!(verify(b"k", "session-a", &t).is_ok());
        assert!(verify(b"k", "session-b", &t).is_err());
        assert!(verify(b"k", "session-a", "garbage!").is_err());
    }
}
