//! Contest settings kept in the `settings` table (key -> text), switched by organisers.
use crate::entities::settings;
use crate::error::{AppError, AppResult};
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use serde::{Deserialize, Serialize};

pub const SELF_REGISTRATION: &str = "self_registration";
/// Percent of a unit's headcount that must take part for the unit to be ranked (0-100).
pub const MIN_PARTICIPATION_RATE: &str = "min_participation_rate";
/// The organising body printed on certificates ("Công đoàn cơ sở Thanh tra tỉnh").
pub const ORGANISER: &str = "organiser";
/// Who signs the certificates: their title ("TM. BAN CHẤP HÀNH / CHỦ TỊCH") and name.
pub const SIGNER_TITLE: &str = "signer_title";
pub const SIGNER_NAME: &str = "signer_name";
/// How to reach the organisers (phone, email, office), shown on the home page.
pub const CONTACT: &str = "contact";
/// The longest contact text, in characters.
const MAX_CONTACT_CHARS: usize = 1000;

/// The longest organiser, signer title or signer name, in characters.
const MAX_TEXT_CHARS: usize = 200;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ContestSettings {
    pub self_registration: bool,
    pub min_participation_rate: f64,
    /// The organising body, for certificates; empty until set.
    pub organiser: String,
    pub signer_title: String,
    pub signer_name: String,
    /// How to reach the organisers, for the home page; empty until set.
    pub contact: String,
}

/// A change of settings; absent fields stay as they are.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    pub self_registration: Option<bool>,
    pub min_participation_rate: Option<f64>,
    #[serde(default)]
    pub organiser: Option<String>,
    #[serde(default)]
    pub signer_title: Option<String>,
    #[serde(default)]
    pub signer_name: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
}

pub async fn get<C: ConnectionTrait>(db: &C, key: &str) -> AppResult<Option<String>> {
    Ok(settings::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|s| s.value))
}

pub async fn set<C: ConnectionTrait>(db: &C, key: &str, value: &str) -> AppResult<()> {
    settings::Entity::insert(settings::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value.to_owned()),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(settings::Column::Key)
            .update_columns([settings::Column::Value, settings::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

pub async fn self_registration_open<C: ConnectionTrait>(db: &C) -> AppResult<bool> {
    Ok(get(db, SELF_REGISTRATION).await?.as_deref() == Some("true"))
}

pub async fn load<C: ConnectionTrait>(db: &C) -> AppResult<ContestSettings> {
    let rate = get(db, MIN_PARTICIPATION_RATE)
        .await?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    Ok(ContestSettings {
        self_registration: self_registration_open(db).await?,
        min_participation_rate: rate,
        organiser: get(db, ORGANISER).await?.unwrap_or_default(),
        signer_title: get(db, SIGNER_TITLE).await?.unwrap_or_default(),
        signer_name: get(db, SIGNER_NAME).await?.unwrap_or_default(),
        contact: get(db, CONTACT).await?.unwrap_or_default(),
    })
}

pub async fn apply<C: ConnectionTrait>(db: &C, change: &SettingsChange) -> AppResult<()> {
    if let Some(rate) = change.min_participation_rate {
        if !(0.0..=100.0).contains(&rate) {
            return Err(AppError::invalid(
                MIN_PARTICIPATION_RATE,
                "Tỷ lệ tham gia tối thiểu phải từ 0 đến 100 (%).",
            ));
        }
        set(db, MIN_PARTICIPATION_RATE, &rate.to_string()).await?;
    }
    if let Some(open) = change.self_registration {
        set(db, SELF_REGISTRATION, if open { "true" } else { "false" }).await?;
    }
    for (key, value) in [
        (ORGANISER, &change.organiser),
        (SIGNER_TITLE, &change.signer_title),
        (SIGNER_NAME, &change.signer_name),
    ] {
        if let Some(v) = value {
            let v = crate::domain::text::clean(v);
            if v.chars().count() > MAX_TEXT_CHARS {
                return Err(AppError::invalid(
                    key,
                    format!("Tối đa {MAX_TEXT_CHARS} ký tự."),
                ));
            }
            set(db, key, &v).await?;
        }
    }
    if let Some(contact) = &change.contact {
        // Lines kept (phone, email, office on their own lines); each line cleaned.
        let lines: Vec<String> = contact.lines().map(crate::domain::text::clean).collect();
        let text = lines.join("\n").trim().to_owned();
        if text.chars().count() > MAX_CONTACT_CHARS {
            return Err(AppError::invalid(
                CONTACT,
                format!("Tối đa {MAX_CONTACT_CHARS} ký tự."),
            ));
        }
        set(db, CONTACT, &text).await?;
    }
    Ok(())
}

/// An organiser's change of settings, in one transaction with its audit row; answers the settings after it.
pub async fn update(
    db: &sea_orm::DatabaseConnection,
    actor_id: i64,
    change: &SettingsChange,
) -> AppResult<ContestSettings> {
    use sea_orm::TransactionTrait;
    let txn = db.begin().await?;
    let before = load(&txn).await?;
    apply(&txn, change).await?;
    let after = load(&txn).await?;
    let entry = crate::store::audit::Entry {
        actor_id: Some(actor_id),
        action: "settings.update",
        entity: "settings",
        entity_id: None,
        before: serde_json::to_value(&before).ok(),
        after: serde_json::to_value(&after).ok(),
    };
    crate::store::audit::record(&txn, entry).await?;
    txn.commit().await?;
    Ok(after)
}
