//! Password hashes: argon2id in PHC format. Hashing is CPU-heavy, so callers run it on the blocking pool.
use crate::error::{AppError, AppResult};
use anyhow::anyhow;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use rand::RngExt;

#[derive(Clone, Copy, Debug)]
pub struct Hasher {
    memory_kib: u32,
}

impl Hasher {
    pub fn new(memory_kib: u32) -> Self {
        Hasher {
            memory_kib: memory_kib.max(1024),
        }
    }

    fn argon2(&self) -> AppResult<Argon2<'static>> {
        let params = Params::new(
            self.memory_kib,
            Params::DEFAULT_T_COST,
            Params::DEFAULT_P_COST,
            None,
        )
        .map_err(|e| anyhow!("argon2 params: {e}"))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    pub fn hash(&self, password: &str) -> AppResult<String> {
        let hash = self
            .argon2()?
            .hash_password(password.as_bytes())
            .map_err(|e| anyhow!("argon2 hash: {e}"))?;
        Ok(hash.to_string())
    }

    /// The parameters stored in the hash are used, so hashes made with older settings still verify.
    pub fn verify(&self, password: &str, stored: &str) -> bool {
        Argon2::default()
            .verify_password(password.as_bytes(), stored)
            .is_ok()
    }

    pub async fn hash_blocking(self, password: String) -> AppResult<String> {
        let _queued = crate::ops::queues::Queued::hashing();
        tokio::task::spawn_blocking(move || self.hash(&password))
            .await
            .map_err(|e| AppError::Internal(anyhow!("hash task: {e}")))?
    }

    pub async fn verify_blocking(self, password: String, stored: String) -> bool {
        let _queued = crate::ops::queues::Queued::hashing();
        tokio::task::spawn_blocking(move || self.verify(&password, &stored))
            .await
            .unwrap_or(false)
    }
}

/// A first password that is easy to read off a printed slip: no 0/O, 1/l/I.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..10)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Passwords people choose: at least 8 characters, at most 128.
pub fn check_new_password(password: &str) -> AppResult<()> {
    let len = password.chars().count();
    if len < 8 {
        return Err(AppError::invalid(
            "password",
            "Mật khẩu phải có ít nhất 8 ký tự.",
        ));
    }
    if len > 128 {
        return Err(AppError::invalid(
            "password",
            "Mật khẩu không được dài quá 128 ký tự.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_and_nothing_else() {
        let hasher = Hasher::new(1024);
        let hash = hasher.hash("mật khẩu đúng").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("mật khẩu đúng", &hash));
        assert!(!hasher.verify("mật khẩu sai", &hash));
        assert!(!hasher.verify("x", "not a hash"));
    }

    #[test]
    fn generated_passwords_avoid_lookalike_characters() {
        let pw = generate_password();
        assert_eq!(pw.len(), 10);
        assert!(!pw.contains(['0', 'O', '1', 'l', 'I']));
    }
}
