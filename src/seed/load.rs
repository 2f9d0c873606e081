//! `cchc-quiz seed-load`: participants, an open ranked round and an open practice round for the load generator,
//! and a login token for each participant (minted with the server's own key). Accounts get no password (they
//! exist only for load tests) unless `--password` gives them one, for `loadgen login`. Re-running reuses the unit and the accounts and opens new rounds.
use crate::auth::jwt::Keys;
use crate::config::Settings;
use crate::domain::{Counting, PredictionKind, Reveal, Role};
use crate::entities::{units, users};
use crate::store;
use crate::store::rounds::{DrawRule, NewRound};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Serialize)]
pub struct Fixture {
    pub round_id: i64,
    pub practice_round_id: i64,
    pub tokens: Vec<String>,
    /// The participants' logins, in the order of `tokens`.
    pub logins: Vec<String>,
    /// An organiser's token, for tools that create rounds or read every route (schemathesis).
    pub organiser_token: String,
}

const UNIT_CODE: &str = "LOADTEST";

pub struct Sizes {
    pub participants: usize,
    pub questions: i32,
}

pub async fn run(
    settings: &Settings,
    db: &DatabaseConnection,
    Sizes {
        participants,
        questions,
    }: Sizes,
    password: Option<&str>,
    out: &Path,
) -> anyhow::Result<()> {
    let keys = Keys::load(settings, db).await?;
    let unit_id = ensure_unit(db, participants).await?;
    let ids = ensure_participants(db, unit_id, participants).await?;
    if let Some(password) = password {
        let hash = crate::auth::password::Hasher::new(settings.argon2_memory_kib)
            .hash_blocking(password.to_owned())
            .await?;
        set_password(db, &ids, &hash).await?;
    }
    let logins = (1..=participants).map(login_of).collect();
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
        logins,
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
        let login = login_of(i);
        let full_name = format!("Thí sinh Kiểm thử {i:05}");
        ids.push(ensure_account(&txn, &login, &full_name, Role::Participant, Some(unit_id)).await?);
    }
    txn.commit().await?;
    Ok(ids)
}

fn login_of(i: usize) -> String {
    format!("loadtest-{i:05}")
}

/// One hash for every load-test account: each login still verifies it in full.
async fn set_password(db: &DatabaseConnection, ids: &[i64], hash: &str) -> anyhow::Result<()> {
    users::Entity::update_many()
        .col_expr(
            users::Column::PasswordHash,
            sea_orm::sea_query::Expr::value(hash),
        )
        .filter(users::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
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
    let available = store::rounds::topic_counts(db, None).await?;
    let draw_rules = spread(&available, questions)
        .ok_or_else(|| {
            anyhow::anyhow!(
                "ngân hàng câu hỏi chỉ có {} câu, không đủ {questions} câu cho đợt thi kiểm thử tải",
                available.values().sum::<i64>()
            )
        })?
        .into_iter()
        .map(|(topic, count)| DrawRule { topic, count })
        .collect();
    let now = Utc::now();
    let input = NewRound {
        title: title.into(),
        opens_at: now - Duration::minutes(1),
        closes_at: now + Duration::hours(6),
        time_limit_secs: 40 * 60,
        question_count: questions,
        max_attempts: 1,
        counting: Some(Counting::Best),
        prediction: Some(if practice {
            PredictionKind::None
        } else {
            PredictionKind::FullScoreCount
        }),
        practice,
        reveal: Some(Reveal::AfterClose),
        bank_id: None,
        draw_rules,
        unit_ids: Vec::new(),
        rules: String::new(),
        prizes: Default::default(),
    };
    // The store's own path: the same validation and draw rules as a round made by an organiser.
    let txn = db.begin().await?;
    let round = store::rounds::create(&txn, input)
        .await
        .map_err(|e| anyhow::anyhow!("không tạo được đợt thi kiểm thử tải: {e:?}"))?;
    txn.commit().await?;
    Ok(round.id)
}

/// Draw rules for `questions` questions spread as evenly as the topics' pools allow (topics in name order, one
/// question at a time to each topic that still has some); `None` when the pools hold too few.
fn spread(available: &HashMap<String, i64>, questions: i32) -> Option<Vec<(String, i32)>> {
    let mut topics: Vec<(&String, i64)> = available
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(t, n)| (t, *n))
        .collect();
    topics.sort();
    let mut counts = vec![0i32; topics.len()];
    let mut left = questions;
    while left > 0 {
        let before = left;
        for (i, (_, have)) in topics.iter().enumerate() {
            if left > 0 && i64::from(counts[i]) < *have {
                counts[i] += 1;
                left -= 1;
            }
        }
        if left == before {
            return None;
        }
    }
    Some(
        topics
            .into_iter()
            .zip(counts)
            .filter(|(_, c)| *c > 0)
            .map(|((t, _), c)| (t.clone(), c))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pools(sizes: &[(&str, i64)]) -> HashMap<String, i64> {
        sizes.iter().map(|(t, n)| ((*t).to_owned(), *n)).collect()
    }

    #[test]
    fn questions_are_spread_evenly_and_sum_to_the_round_size() {
        let rules = spread(&pools(&[("a", 50), ("b", 50), ("c", 50)]), 20).unwrap();
        assert_eq!(rules, [("a".into(), 7), ("b".into(), 7), ("c".into(), 6)]);
    }

    #[test]
    fn a_small_topic_gives_what_it_has_and_the_others_make_up_the_rest() {
        let rules = spread(&pools(&[("a", 2), ("b", 30), ("empty", 0)]), 20).unwrap();
        assert_eq!(rules, [("a".into(), 2), ("b".into(), 18)]);
    }

    #[test]
    fn too_few_questions_in_the_bank_is_refused() {
        assert_eq!(spread(&pools(&[("a", 3), ("b", 4)]), 20), None);
        assert_eq!(spread(&HashMap::new(), 1), None);
    }
}
