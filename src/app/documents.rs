//! Reference documents (tài liệu tham khảo): organisers add a link or a PDF and remove them; everyone reads the list.
use super::AppState;
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::store::documents::{self, DocumentView, NewLink};
use sea_orm::TransactionTrait;

/// Adds a link to a document published elsewhere (organisers).
pub async fn add_link(
    state: &AppState,
    actor: &AuthUser,
    link: &NewLink,
) -> AppResult<DocumentView> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let added = documents::add_link(&txn, actor.id, link).await?;
    txn.commit().await?;
    Ok(added)
}

/// Adds an uploaded PDF (organisers); anything else, or a larger file, is refused.
pub async fn add_pdf(
    state: &AppState,
    actor: &AuthUser,
    title: &str,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<DocumentView> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let added = documents::add_pdf(&txn, actor.id, title, file_name, bytes).await?;
    txn.commit().await?;
    Ok(added)
}

/// Removes a document from the list (organisers).
pub async fn remove(state: &AppState, actor: &AuthUser, id: i64) -> AppResult<()> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    documents::remove(&txn, actor.id, id).await?;
    txn.commit().await?;
    Ok(())
}
