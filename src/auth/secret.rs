//! Where the token-signing secret comes from (review N1): the configuration (`CCHC_JWT_SECRET`), else the
//! owner-only file `<data-dir>/jwt-secret`, generated once. It is never kept in the database, whose readers
//! could otherwise mint organiser tokens; an older install's secret found there is moved to the file (so its
//! sessions survive) and deleted. The database keeps only a fingerprint, so that an instance started with a
//! secret other than its siblings' on the same database stops with a clear message instead of rejecting their
//! tokens.
use anyhow::Context;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use rand::RngExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, Value};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Where older versions kept the secret on PostgreSQL.
const LEGACY_KEY: &str = "jwt_secret";
const FINGERPRINT_KEY: &str = "jwt_secret_fingerprint";

pub async fn signing_secret(
    configured: Option<&str>,
    data_dir: &Path,
    db: &DatabaseConnection,
) -> anyhow::Result<Vec<u8>> {
    let file = data_dir.join("jwt-secret");
    let secret = match configured {
        Some(s) if s.len() >= 16 => s.to_owned(),
        Some(_) => anyhow::bail!("CCHC_JWT_SECRET must be at least 16 characters"),
        None => from_file_or_database(&file, db).await?,
    };
    execute(
        db,
        "DELETE FROM settings WHERE key = $1",
        [LEGACY_KEY.into()],
    )
    .await?;
    check_fingerprint(db, &secret, configured.is_some(), &file).await?;
    Ok(secret.into_bytes())
}

async fn from_file_or_database(file: &Path, db: &DatabaseConnection) -> anyhow::Result<String> {
    if let Ok(existing) = std::fs::read_to_string(file) {
        let existing = existing.trim();
        if existing.len() >= 16 {
            crate::private_files::restrict_if_present(file)?;
            return Ok(existing.to_owned());
        }
    }
    if let Some(dir) = file.parent() {
        crate::private_files::ensure_dir(dir)?;
    }
    let secret = match read_setting(db, LEGACY_KEY).await? {
        Some(old) => {
            tracing::warn!(
                file = %file.display(),
                "the signing secret was moved out of the database into this file; every other instance on \
                 this database needs the same secret (CCHC_JWT_SECRET)"
            );
            old
        }
        None => {
            let bytes: [u8; 32] = rand::rng().random();
            URL_SAFE_NO_PAD.encode(bytes)
        }
    };
    crate::private_files::write(file, &secret)
        .with_context(|| format!("cannot write {}", file.display()))?;
    Ok(secret)
}

fn fingerprint(secret: &str) -> String {
    let digest = Sha256::digest(format!("cchc-quiz signing secret fingerprint\0{secret}"));
    URL_SAFE_NO_PAD.encode(digest)
}

/// A configured secret is authoritative (it may be a rotation); a generated one must match its siblings'.
async fn check_fingerprint(
    db: &DatabaseConnection,
    secret: &str,
    configured: bool,
    file: &Path,
) -> anyhow::Result<()> {
    let mine = fingerprint(secret);
    let conflict = if configured {
        "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at"
    } else {
        "DO NOTHING"
    };
    let sql = format!(
        "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) {conflict}"
    );
    execute(
        db,
        &sql,
        [
            FINGERPRINT_KEY.into(),
            mine.clone().into(),
            Utc::now().into(),
        ],
    )
    .await?;
    if read_setting(db, FINGERPRINT_KEY).await?.as_deref() != Some(mine.as_str()) {
        anyhow::bail!(
            "the signing secret in {} is not the one the other instances on this database use: give every \
             instance the same CCHC_JWT_SECRET",
            file.display()
        );
    }
    Ok(())
}

async fn execute<const N: usize>(
    db: &DatabaseConnection,
    sql: &str,
    values: [Value; N],
) -> anyhow::Result<()> {
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(())
}

async fn read_setting(db: &DatabaseConnection, key: &str) -> anyhow::Result<Option<String>> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT value FROM settings WHERE key = $1",
            [key.into()],
        ))
        .await?;
    Ok(row.map(|r| r.try_get::<String>("", "value")).transpose()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fingerprint_does_not_contain_the_secret_and_tells_secrets_apart() {
        let secret = "0123456789abcdef-secret";
        assert!(!fingerprint(secret).contains(secret));
        assert_eq!(fingerprint(secret), fingerprint(secret));
        assert_ne!(fingerprint(secret), fingerprint("another-secret-0123456"));
    }
}
