//! Reissuing a unit's login slips. Passwords are stored only as hashes, so a lost slip cannot be printed again:
//! the people of the unit who have never logged in get a new generated password instead, shown once. Someone who
//! already uses their account keeps it, and self-registered people (who chose their own password) are left alone.
use crate::auth::password::{Hasher, generate_password};
use crate::domain::Role;
use crate::domain::text::name_sort_key;
use crate::entities::users;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Entry};
use crate::store::people::roster::{Slip, hash_all};
use crate::store::units;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;

/// New login slips for one unit.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct UnitSlips {
    pub unit_id: i64,
    pub unit: String,
    /// One per person who had never logged in, sorted by given name; shown once, never stored in clear.
    pub slips: Vec<Slip>,
}

/// The unit's participants who would get a new password: active, made by the organisers, never logged in.
pub async fn never_logged_in<C: ConnectionTrait>(
    db: &C,
    unit_id: i64,
) -> AppResult<Vec<users::Model>> {
    let mut people = users::Entity::find()
        .filter(users::Column::UnitId.eq(unit_id))
        .filter(users::Column::Role.eq(Role::Participant))
        .filter(users::Column::Active.eq(true))
        .filter(users::Column::Registration.is_null())
        .filter(users::Column::FirstLoginAt.is_null())
        .all(db)
        .await?;
    people.sort_by_cached_key(|u| name_sort_key(&u.full_name));
    Ok(people)
}

/// A reissue ready to write: the unit, and each person who never logged in with a new password and its hash.
pub struct Reissue {
    unit: units::UnitView,
    people: Vec<(users::Model, (String, String))>,
}

/// Finds the unit's people who never logged in and hashes a new password for each (slow; before the
/// transaction).
pub async fn prepare(db: &DatabaseConnection, hasher: Hasher, unit_id: i64) -> AppResult<Reissue> {
    let unit = units::find(db, unit_id).await?.ok_or(AppError::NotFound)?;
    let people = never_logged_in(db, unit_id).await?;
    let passwords: Vec<String> = people.iter().map(|_| generate_password()).collect();
    let hashes = hash_all(hasher, passwords.clone()).await?;
    Ok(Reissue {
        unit,
        people: people
            .into_iter()
            .zip(passwords.into_iter().zip(hashes))
            .collect(),
    })
}

/// Writes new passwords for the unit's people who never logged in, in the caller's transaction; their earlier
/// slips stop working. Audited with the logins concerned (never the passwords).
pub async fn reissue<C: ConnectionTrait>(
    txn: &C,
    actor: i64,
    prepared: Reissue,
) -> AppResult<UnitSlips> {
    let Reissue { unit, people } = prepared;
    let unit_id = unit.id;
    let mut slips = Vec::with_capacity(people.len());
    for (person, (password, hash)) in people {
        // Someone who logs in meanwhile keeps the password they just used. No session can rest on the old
        // password (it was never used to log in), so none is ended.
        let changed = users::Entity::update_many()
            .col_expr(users::Column::PasswordHash, Expr::value(hash))
            .col_expr(users::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(users::Column::Id.eq(person.id))
            .filter(users::Column::FirstLoginAt.is_null())
            .exec(txn)
            .await?;
        if changed.rows_affected == 1 {
            slips.push(Slip {
                login: person.login,
                full_name: person.full_name,
                unit: unit.name.clone(),
                password,
            });
        }
    }
    audit::record(
        txn,
        Entry {
            actor_id: Some(actor),
            action: "staff.reissue_slips",
            entity: "unit",
            entity_id: Some(unit_id.to_string()),
            before: None,
            after: Some(serde_json::json!({
                "unit": unit.name,
                "logins": slips.iter().map(|s| &s.login).collect::<Vec<_>>(),
            })),
        },
    )
    .await?;
    Ok(UnitSlips {
        unit_id,
        unit: unit.name,
        slips,
    })
}
