//! `cchc-quiz seed-load`: participants, an open ranked round and an open practice round for the load generator,
//! and a login token for each participant (minted with the server's own key). Accounts get no password: they
//! exist only for load tests. Re-running reuses the unit and the accounts and opens new rounds.
use crate::auth::jwt::Keys;
use crate::config::Settings;
use crate::domain::{Counting, PredictionKind, Reveal, Role, ShowNames};
use crate::entities::{rounds, units, users};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
pub struct Fixture {
    pub round_id: i64,
    pub practice_round_id: i64,
    pub tokens: Vec<String>,
    /// An organiser's token, for tools that create rounds or read every route (schemathesis).
    pub organiser_token: String,
}

const UNIT_CODE: &str = "LOADTEST";

pub async fn run(
    settings: &Settings,
    db: &DatabaseConnection,
    participants: usize,
    questions: i32,
    out: &Path,
) -> anyhow::Result<()> {
    let keys = Keys::load(settings, db).await?;
    let unit_id = ensure_unit(db, participants).await?;
    let ids = ensure_participants(db, unit_id, participants).await?;
    let round_id = open_round(db, "Đợt thi kiểm thử tải", false, questions).await?;
    let practice_round_id = open_round(db, "Thi thử kiểm thử tải", true, questions).await?;
    let mut tokens = Vec::with_capacity(ids.len());
    for id in ids {
        tokens.push(
            keys.issue(id, 0)
                .map_err(|e| anyhow::anyhow!("token: {e}"))?
                .token,
        );
    }
    let organiser = ensure_account(
        db,
        "loadtest-organiser",
        "Ban Tổ chức Kiểm thử",
        Role::Organiser,
        None,
    )
    .await?;
    let organiser_token = keys
        .issue(organiser, 0)
        .map_err(|e| anyhow::anyhow!("token: {e}"))?
        .token;
    let fixture = Fixture {
        round_id,
        practice_round_id,
        tokens,
        organiser_token,
    };
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(out, serde_json::to_vec(&fixture)?)?;
    println!(
        "Đã tạo {participants} thí sinh, đợt thi {round_id} và đợt thi thử {practice_round_id}; tệp: {}",
        out.display()
    );
    Ok(())
}

async fn ensure_unit(db: &DatabaseConnection, headcount: usize) -> anyhow::Result<i64> {
    if let Some(u) = units::Entity::find()
        .filter(units::Column::Code.eq(UNIT_CODE))
        .one(db)
        .await?
    {
        let mut active: units::ActiveModel = u.into();
        active.headcount = Set(headcount as i32);
        return Ok(active.update(db).await?.id);
    }
    let now = Utc::now();
    let unit = units::ActiveModel {
        code: Set(UNIT_CODE.into()),
        name: Set("Đơn vị kiểm thử tải".into()),
        parent_id: Set(None),
        headcount: Set(headcount as i32),
        display_order: Set(9999),
        retired: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(unit.insert(db).await?.id)
}

async fn ensure_participants(
    db: &DatabaseConnection,
    unit_id: i64,
    n: usize,
) -> anyhow::Result<Vec<i64>> {
    let txn = db.begin().await?;
    let mut ids = Vec::with_capacity(n);
    for i in 1..=n {
        let login = format!("loadtest-{i:05}");
        let full_name = format!("Thí sinh Kiểm thử {i:05}");
        ids.push(ensure_account(&txn, &login, &full_name, Role::Participant, Some(unit_id)).await?);
    }
    txn.commit().await?;
    Ok(ids)
}

/// An account without a password (it can only be used through a minted token).
async fn ensure_account<C: ConnectionTrait>(
    db: &C,
    login: &str,
    full_name: &str,
    role: Role,
    unit_id: Option<i64>,
) -> anyhow::Result<i64> {
    if let Some(u) = users::Entity::find()
        .filter(users::Column::Login.eq(login))
        .one(db)
        .await?
    {
        return Ok(u.id);
    }
    let now = Utc::now();
    let user = users::ActiveModel {
        login: Set(login.to_owned()),
        search_name: Set(crate::domain::text::fold(full_name)),
        full_name: Set(full_name.to_owned()),
        role: Set(role),
        unit_id: Set(unit_id),
        password_hash: Set(None),
        token_version: Set(0),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(user.insert(db).await?.id)
}

async fn open_round(
    db: &DatabaseConnection,
    title: &str,
    practice: bool,
    questions: i32,
) -> anyhow::Result<i64> {
    let now = Utc::now();
    let round = rounds::ActiveModel {
        title: Set(title.into()),
        opens_at: Set(now - Duration::minutes(1)),
        closes_at: Set(now + Duration::hours(6)),
        time_limit_secs: Set(40 * 60),
        question_count: Set(questions),
        max_attempts: Set(1),
        counting: Set(Counting::Best),
        prediction: Set(if practice {
            PredictionKind::None
        } else {
            PredictionKind::FullScoreCount
        }),
        practice: Set(practice),
        reveal: Set(Reveal::AfterClose),
        bank_id: Set(None),
        published_at: Set(None),
        show_names: Set(ShowNames::Full),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    Ok(round.insert(db).await?.id)
}
