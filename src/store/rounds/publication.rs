//! Whether a round's results are public, and how names are shown there.
use crate::domain::ShowNames;
use crate::entities::rounds;
use crate::error::AppResult;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde::Serialize;
use serde_json::{Value, json};

/// Whether and how a round's results are public.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Publication {
    pub round_id: i64,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub published_at: Option<chrono::DateTime<Utc>>,
    pub show_names: ShowNames,
}

impl From<&rounds::Model> for Publication {
    fn from(round: &rounds::Model) -> Self {
        Publication {
            round_id: round.id,
            published_at: round.published_at,
            show_names: round.show_names,
        }
    }
}

pub fn to_json(round: &rounds::Model) -> Value {
    json!(Publication::from(round))
}

/// Sets (`Some(show_names)`) or clears (`None`) a round's publication.
pub async fn write<C: ConnectionTrait>(
    db: &C,
    round: rounds::Model,
    show: Option<ShowNames>,
) -> AppResult<rounds::Model> {
    let mut am: rounds::ActiveModel = round.into();
    am.published_at = Set(show.map(|_| Utc::now()));
    if let Some(names) = show {
        am.show_names = Set(names);
    }
    am.updated_at = Set(Utc::now());
    Ok(am.update(db).await?)
}
