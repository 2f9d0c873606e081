//! CSRF protection for cookie sessions: a token bound to the session token (HMAC-SHA256). Pages put it in a
//! hidden form field and a `<meta name="csrf-token">` for scripts; scripts send it as `X-CSRF-Token`.
//! Requests authenticated with `Authorization: Bearer` carry no ambient credentials and need none.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_matches_only_its_session() {
        let t = token_for(b"k", "session-a");
        assert!(verify(b"k", "session-a", &t).is_ok());
        assert!(verify(b"k", "session-b", &t).is_err());
        assert!(verify(b"k", "session-a", "garbage!").is_err());
    }
}
