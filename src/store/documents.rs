//! Reference documents: links and uploaded PDFs that participants open before a round. A PDF is checked by its
//! first bytes (`%PDF-`) and its size, and kept in the database.
use crate::domain::text::clean;
use crate::entities::documents;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Entry};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde::{Deserialize, Serialize};

/// The largest PDF accepted, in bytes (10 MiB; the database refuses larger ones too).
pub const MAX_PDF_BYTES: usize = 10 * 1024 * 1024;

/// A document as listed: a link or a PDF served at `/tai-lieu/{id}`.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct DocumentView {
    pub id: i64,
    pub title: String,
    /// The link, for a link.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The PDF's name and size, for an upload.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size_bytes: Option<i64>,
}

/// `POST /api/v1/documents` and the organisers' link form.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    pub title: String,
    pub url: String,
}

fn title_of(typed: &str) -> AppResult<String> {
    let title = clean(typed);
    match title.chars().count() {
        1..=300 => Ok(title),
        _ => Err(AppError::invalid(
            "title",
            "Tên tài liệu phải có từ 1 đến 300 ký tự.",
        )),
    }
}

/// A listed row: id, title, url, file name, size (never the PDF's bytes).
type Row = (i64, String, Option<String>, Option<String>, Option<i64>);

pub async fn list<C: ConnectionTrait>(db: &C) -> AppResult<Vec<DocumentView>> {
    let rows: Vec<Row> = documents::Entity::find()
        .select_only()
        .columns([
            documents::Column::Id,
            documents::Column::Title,
            documents::Column::Url,
            documents::Column::FileName,
            documents::Column::SizeBytes,
        ])
        .order_by_asc(documents::Column::DisplayOrder)
        .order_by_asc(documents::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, url, file_name, size_bytes)| DocumentView {
            id,
            title,
            url,
            file_name,
            size_bytes,
        })
        .collect())
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    actor: i64,
    model: documents::ActiveModel,
) -> AppResult<DocumentView> {
    let saved = model.insert(db).await?;
    let view = DocumentView {
        id: saved.id,
        title: saved.title,
        url: saved.url,
        file_name: saved.file_name,
        size_bytes: saved.size_bytes,
    };
    audit::record(
        db,
        Entry {
            actor_id: Some(actor),
            action: "document.add",
            entity: "document",
            entity_id: Some(view.id.to_string()),
            before: None,
            after: serde_json::to_value(&view).ok(),
        },
    )
    .await?;
    Ok(view)
}

/// A link to a document published elsewhere (http or https only).
pub async fn add_link<C: ConnectionTrait>(
    db: &C,
    actor: i64,
    link: &NewLink,
) -> AppResult<DocumentView> {
    let title = title_of(&link.title)?;
    let url = link.url.trim();
    let web = url.starts_with("https://") || url.starts_with("http://");
    if !web || url.len() > 2000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(AppError::invalid(
            "url",
            "Địa chỉ phải bắt đầu bằng https:// hoặc http:// và không có dấu cách.",
        ));
    }
    let model = documents::ActiveModel {
        title: Set(title),
        url: Set(Some(url.to_owned())),
        display_order: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    insert(db, actor, model).await
}

/// An uploaded PDF: refused unless it is one (its first bytes) and at most [`MAX_PDF_BYTES`].
pub async fn add_pdf<C: ConnectionTrait>(
    db: &C,
    actor: i64,
    title: &str,
    file_name: &str,
    bytes: Vec<u8>,
) -> AppResult<DocumentView> {
    let title = title_of(title)?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(AppError::invalid(
            "file",
            "Chỉ nhận tệp PDF (tệp này không phải PDF).",
        ));
    }
    if bytes.len() > MAX_PDF_BYTES {
        return Err(AppError::PayloadTooLarge);
    }
    let name: String = file_name
        .rsplit(['/', '\\'])
        .next()
        .map(clean)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "tai-lieu.pdf".to_owned())
        .chars()
        .take(255)
        .collect();
    let model = documents::ActiveModel {
        title: Set(title),
        file_name: Set(Some(name)),
        size_bytes: Set(Some(bytes.len() as i64)),
        content: Set(Some(bytes)),
        display_order: Set(0),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    insert(db, actor, model).await
}

/// The PDF of an uploaded document: its name and bytes.
pub async fn pdf<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<(String, Vec<u8>)> {
    let doc = documents::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    match (doc.file_name, doc.content) {
        (Some(name), Some(bytes)) => Ok((name, bytes)),
        _ => Err(AppError::NotFound),
    }
}

pub async fn remove<C: ConnectionTrait>(db: &C, actor: i64, id: i64) -> AppResult<()> {
    let gone = list(db).await?.into_iter().find(|d| d.id == id);
    let Some(gone) = gone else {
        return Err(AppError::NotFound);
    };
    documents::Entity::delete_many()
        .filter(documents::Column::Id.eq(id))
        .exec(db)
        .await?;
    audit::record(
        db,
        Entry {
            actor_id: Some(actor),
            action: "document.remove",
            entity: "document",
            entity_id: Some(id.to_string()),
            before: serde_json::to_value(&gone).ok(),
            after: None,
        },
    )
    .await?;
    Ok(())
}
