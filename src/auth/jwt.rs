//! Login tokens. The token only names the person (`sub`) and the token version it was issued for (`ver`);
//! role and unit are read from the database. Bumping a person's token version (logout, password change)
//! makes every older token useless.
use crate::config::Settings;
use crate::error::{AppError, AppResult};
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub iat: i64,
    pub exp: i64,
    pub ver: i32,
}

pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Separate key material for CSRF tokens.
    pub(crate) csrf_secret: Vec<u8>,
    ttl: Duration,
}

pub struct IssuedToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

impl Keys {
    pub fn from_secret(secret: &[u8], ttl_hours: u32) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "iat", "sub"]);
        let mut csrf_secret = b"csrf:".to_vec();
        csrf_secret.extend_from_slice(secret);
        Keys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            csrf_secret,
            ttl: Duration::hours(i64::from(ttl_hours.max(1))),
        }
    }

    /// The configured secret, or one generated once and kept in the data folder (see `auth::secret`).
    pub async fn load(settings: &Settings, db: &DatabaseConnection) -> anyhow::Result<Self> {
        let secret =
            super::secret::signing_secret(settings.jwt_secret.as_deref(), &settings.data_dir, db)
                .await?;
        Ok(Keys::from_secret(&secret, settings.token_ttl_hours))
    }

    pub fn issue(&self, user_id: i64, token_version: i32) -> AppResult<IssuedToken> {
        let now = Utc::now();
        let expires_at = now + self.ttl;
        let claims = Claims {
            sub: user_id.to_string(),
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            ver: token_version,
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .context("signing a token")?;
        Ok(IssuedToken { token, expires_at })
    }

    /// The CSRF key (pages that issue a new session, and tests that play a browser script).
    pub fn csrf_secret_bytes(&self) -> Vec<u8> {
        self.csrf_secret.clone()
    }

    /// Checks signature, algorithm and expiry; anything wrong is simply "not logged in".
    pub fn verify(&self, token: &str) -> AppResult<(i64, i32)> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|_| AppError::Unauthorized)?;
        let id = data
            .claims
            .sub
            .parse::<i64>()
            .map_err(|_| AppError::Unauthorized)?;
        Ok((id, data.claims.ver))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    #[test]
    fn a_token_verifies_only_with_its_own_key() {
        let keys = Keys::from_secret(b"0123456789abcdef0123", 1);
        let other = Keys::from_secret(b"another-secret-key-x", 1);
        let issued = keys.issue(42, 3).unwrap();
        assert_eq!(keys.verify(&issued.token).unwrap(), (42, 3));
        assert!(other.verify(&issued.token).is_err());
    }

    #[test]
    fn an_unsigned_token_is_refused() {
        let keys = Keys::from_secret(b"0123456789abcdef0123", 1);
        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let exp = Utc::now().timestamp() + 3600;
        let body = URL_SAFE_NO_PAD.encode(format!(r#"{{"sub":"1","iat":1,"exp":{exp},"ver":0}}"#));
        assert!(keys.verify(&format!("{header}.{body}.")).is_err());
    }
}
