//! Importing the staff roster: rows are checked (domain::roster), matched to units and existing accounts, and
//! written in one transaction. New accounts get a generated first password, shown once on the report's slips
//! and stored only as an argon2id hash. Re-importing the same file changes nothing.
use crate::auth::password::{Hasher, generate_password};
use crate::domain::Role;
use crate::domain::roster::{self, Rejected, StaffRow};
use crate::domain::text::{clean, fold};
use crate::entities::users;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Entry};
use crate::store::people::accounts::{NewUser, insert};
use crate::store::units::by_code;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, Set};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub rejected: Vec<Rejected>,
    /// First passwords of the accounts created now; shown once, never stored in clear.
    pub slips: Vec<Slip>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Slip {
    pub login: String,
    pub full_name: String,
    pub unit: String,
    pub password: String,
}

struct Planned {
    row: StaffRow,
    unit_id: i64,
    unit_name: String,
    existing: Option<users::Model>,
}

/// A roster file read, matched and its new passwords hashed: everything slow, done before the transaction.
pub struct Prepared {
    file_name: String,
    planned: Vec<Planned>,
    rejected: Vec<Rejected>,
    /// (password, its hash) for each new account, in the order of `planned`.
    secrets: Vec<(String, String)>,
}

/// Reads the file, checks its rows, matches them to units and accounts and hashes the new passwords.
pub async fn prepare(
    db: &DatabaseConnection,
    hasher: Hasher,
    bytes: &[u8],
    file_name: &str,
) -> AppResult<Prepared> {
    let cells = crate::spreadsheet::cells(bytes, file_name).map_err(AppError::bad_request)?;
    let (rows, mut rejected) = roster::parse(&cells).map_err(AppError::bad_request)?;
    let (planned, refused) = plan(db, rows).await?;
    rejected.extend(refused);
    rejected.sort_by_key(|r| r.row);
    let new_count = planned.iter().filter(|p| p.existing.is_none()).count();
    let passwords: Vec<String> = (0..new_count).map(|_| generate_password()).collect();
    let hashes = hash_all(hasher, passwords.clone()).await?;
    Ok(Prepared {
        file_name: file_name.to_owned(),
        planned,
        rejected,
        secrets: passwords.into_iter().zip(hashes).collect(),
    })
}

/// Writes a prepared import in the caller's transaction, audited.
pub async fn import<C: ConnectionTrait>(
    txn: &C,
    actor: Option<i64>,
    prepared: Prepared,
) -> AppResult<ImportReport> {
    let Prepared {
        file_name,
        planned,
        rejected,
        secrets,
    } = prepared;
    let mut report = ImportReport {
        rejected,
        ..Default::default()
    };
    let mut secrets = secrets.into_iter();
    for p in planned {
        match p.existing {
            Some(user) if differs(&user, &p.row, p.unit_id) => {
                update(txn, user, &p.row, p.unit_id).await?;
                report.updated += 1;
            }
            Some(_) => report.unchanged += 1,
            None => {
                let (password, hash) = secrets
                    .next()
                    .ok_or_else(|| anyhow::anyhow!("hash count"))?;
                insert(txn, new_user(&p.row, p.unit_id, hash)).await?;
                report.created += 1;
                report.slips.push(Slip {
                    login: p.row.login.clone(),
                    full_name: clean(&p.row.full_name),
                    unit: p.unit_name.clone(),
                    password,
                });
            }
        }
    }
    let summary = serde_json::json!({
        "file": file_name, "created": report.created, "updated": report.updated,
        "unchanged": report.unchanged, "rejected": report.rejected.len(),
        "created_logins": report.slips.iter().map(|s| &s.login).collect::<Vec<_>>(),
    });
    audit::record(
        txn,
        Entry {
            actor_id: actor,
            action: "staff.import",
            entity: "user",
            entity_id: None,
            before: None,
            after: Some(summary),
        },
    )
    .await?;
    Ok(report)
}

/// Matches rows to units and accounts, refusing unknown units and logins, CCCDs or phones used twice.
async fn plan(
    db: &DatabaseConnection,
    rows: Vec<StaffRow>,
) -> AppResult<(Vec<Planned>, Vec<Rejected>)> {
    let units = by_code(db).await?;
    let people = users::Entity::find().all(db).await?;
    let by_login: HashMap<&str, &users::Model> =
        people.iter().map(|u| (u.login.as_str(), u)).collect();
    let owner_of = |value: &str, pick: fn(&users::Model) -> Option<&str>| {
        people
            .iter()
            .find(|u| pick(u) == Some(value))
            .map(|u| u.login.as_str())
    };
    let (mut seen_login, mut seen_cccd, mut seen_phone) =
        (HashMap::new(), HashMap::new(), HashMap::new());
    let (mut planned, mut rejected) = (Vec::new(), Vec::new());
    for row in rows {
        let reject = |reason: String| Rejected {
            row: row.row,
            reason,
        };
        let Some(unit) = units.get(&row.unit_code).filter(|u| !u.retired) else {
            rejected.push(reject(format!(
                "Mã đơn vị \"{}\" không có trong danh sách đơn vị.",
                row.unit_code
            )));
            continue;
        };
        if let Some(first) = seen_login.insert(row.login.clone(), row.row) {
            rejected.push(reject(format!(
                "Mã cán bộ \"{}\" trùng với dòng {first}.",
                row.login
            )));
            continue;
        }
        if let Some(first) = row
            .cccd
            .as_ref()
            .and_then(|c| seen_cccd.insert(c.clone(), row.row))
        {
            rejected.push(reject(format!("Số CCCD trùng với dòng {first}.")));
            continue;
        }
        if let Some(first) = row
            .phone
            .as_ref()
            .and_then(|p| seen_phone.insert(p.clone(), row.row))
        {
            rejected.push(reject(format!("Số điện thoại trùng với dòng {first}.")));
            continue;
        }
        let taken = |value: &Option<String>, pick| {
            value
                .as_deref()
                .and_then(|v| owner_of(v, pick))
                .filter(|owner| *owner != row.login)
        };
        if let Some(owner) = taken(&row.cccd, |u| u.cccd.as_deref()) {
            rejected.push(reject(format!("Số CCCD đã thuộc tài khoản \"{owner}\".")));
            continue;
        }
        if let Some(owner) = taken(&row.phone, |u| u.phone.as_deref()) {
            rejected.push(reject(format!(
                "Số điện thoại đã thuộc tài khoản \"{owner}\"."
            )));
            continue;
        }
        planned.push(Planned {
            existing: by_login.get(row.login.as_str()).map(|u| (*u).clone()),
            unit_id: unit.id,
            unit_name: unit.name.clone(),
            row,
        });
    }
    Ok((planned, rejected))
}

/// Hashing is the slow part: spread it over the blocking pool.
pub(crate) async fn hash_all(hasher: Hasher, passwords: Vec<String>) -> AppResult<Vec<String>> {
    let jobs = passwords
        .chunks(25)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            tokio::task::spawn_blocking(move || {
                chunk
                    .iter()
                    .map(|p| hasher.hash(p))
                    .collect::<AppResult<Vec<_>>>()
            })
        })
        .collect::<Vec<_>>();
    let mut out = Vec::with_capacity(passwords.len());
    for job in jobs {
        let hashed = job.await.map_err(|e| anyhow::anyhow!("hash task: {e}"))??;
        out.extend(hashed);
    }
    Ok(out)
}

fn new_user(row: &StaffRow, unit_id: i64, hash: String) -> NewUser {
    NewUser {
        login: row.login.clone(),
        full_name: row.full_name.clone(),
        role: Role::Participant,
        unit_id: Some(unit_id),
        position: row.position.clone(),
        email: row.email.clone(),
        phone: row.phone.clone(),
        cccd: row.cccd.clone(),
        password_hash: Some(hash),
    }
}

/// Optional columns left empty keep what the account already has.
fn differs(user: &users::Model, row: &StaffRow, unit_id: i64) -> bool {
    let keeps = |new: &Option<String>, old: &Option<String>| new.is_none() || new == old;
    user.full_name != clean(&row.full_name)
        || user.unit_id != Some(unit_id)
        || !keeps(&row.position, &user.position)
        || !keeps(&row.email, &user.email)
        || !keeps(&row.phone, &user.phone)
        || !keeps(&row.cccd, &user.cccd)
}

async fn update<C: sea_orm::ConnectionTrait>(
    db: &C,
    user: users::Model,
    row: &StaffRow,
    unit_id: i64,
) -> AppResult<()> {
    let mut active: users::ActiveModel = user.into();
    let name = clean(&row.full_name);
    active.search_name = Set(fold(&name));
    active.full_name = Set(name);
    active.unit_id = Set(Some(unit_id));
    for (value, field) in [
        (&row.position, &mut active.position),
        (&row.email, &mut active.email),
        (&row.phone, &mut active.phone),
        (&row.cccd, &mut active.cccd),
    ] {
        if let Some(v) = value {
            *field = Set(Some(v.clone()));
        }
    }
    active.updated_at = Set(Utc::now());
    active
        .update(db)
        .await
        .map_err(crate::store::people::accounts::unique_to_field)?;
    Ok(())
}
