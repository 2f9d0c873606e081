//! The one error type of the application, mapped to HTTP in one place. API routes answer
//! `{"error": {"code", "message", "fields"?}}`; pages wrap it in [`PageError`] and show a Vietnamese page.
//! A 500 logs its cause and shows nothing internal.
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use sea_orm::{DbErr, SqlErr};
use serde::Serialize;
use std::collections::BTreeMap;

pub type AppResult<T> = Result<T, AppError>;

/// `Retry-After` of a busy answer: a few seconds, long enough for a login queue to drain.
pub const BUSY_RETRY_SECS: u32 = 3;

/// Field name -> messages (Vietnamese): the domain's plain type, answered as `AppError::Validation` (422).
pub use crate::domain::FieldErrors;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("unauthorized")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// A one-time link that was used already or has expired: a 410 that says so.
    #[error("link used or expired")]
    LinkGone,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("validation failed")]
    Validation(FieldErrors),
    /// A state conflict the person can understand (round closed, attempt already submitted, ...).
    #[error("conflict {code}: {message}")]
    Conflict { code: &'static str, message: String },
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("too many requests")]
    TooManyRequests,
    /// Too many password checks at once (see `auth::hash_gate`): a 503 with `Retry-After`.
    #[error("server busy")]
    Busy,
    #[error("csrf token missing or wrong")]
    Csrf,
    #[error(transparent)]
    Db(DbErr),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<DbErr> for AppError {
    /// Text PostgreSQL cannot store (a NUL byte: SQLSTATE 22021, 22P05) is the input's fault: a 400, and the
    /// failed statement rolls its transaction back.
    fn from(err: DbErr) -> Self {
        if is_unstorable_text(&err) {
            AppError::bad_request("Dữ liệu có ký tự điều khiển không hợp lệ (ví dụ ký tự NUL).")
        } else {
            AppError::Db(err)
        }
    }
}

fn is_unstorable_text(err: &DbErr) -> bool {
    use sea_orm::{RuntimeErr, sqlx};
    let (DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e))) = err
    else {
        return false;
    };
    match &**e {
        sqlx::Error::Database(d) => matches!(d.code().as_deref(), Some("22021" | "22P05")),
        _ => false,
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `not_found`, `validation`, `round_closed`.
    pub code: String,
    /// Human-readable message in Vietnamese.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<FieldErrors>,
}

impl AppError {
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        AppError::Conflict {
            code,
            message: message.into(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        AppError::BadRequest(message.into())
    }

    /// One invalid field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation(BTreeMap::from([(field.to_owned(), vec![message.into()])]))
    }

    /// Turns a unique-constraint violation into a validation error on `field`; other errors pass through.
    pub fn on_unique(err: DbErr, field: &str, message: &str) -> Self {
        match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => AppError::invalid(field, message),
            _ => AppError::Db(err),
        }
    }

    pub fn code(&self) -> &str {
        match self {
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::LinkGone => "link_gone",
            AppError::BadRequest(_) => "bad_request",
            AppError::Validation(_) => "validation",
            AppError::Conflict { code, .. } => code,
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::TooManyRequests => "too_many_requests",
            AppError::Busy => "server_busy",
            AppError::Csrf => "csrf",
            AppError::Db(_) | AppError::Internal(_) => "internal",
        }
    }

    /// The message a person reads. Never contains internals.
    pub fn message(&self) -> String {
        match self {
            AppError::Unauthorized => "Bạn cần đăng nhập để tiếp tục.".into(),
            AppError::Forbidden => "Bạn không có quyền thực hiện thao tác này.".into(),
            AppError::NotFound => "Không tìm thấy nội dung yêu cầu.".into(),
            AppError::LinkGone => {
                "Liên kết đã được dùng hoặc đã hết hạn. Vui lòng đề nghị ban tổ chức \
                                   gửi một liên kết mới."
                    .into()
            }
            AppError::BadRequest(m) => m.clone(),
            AppError::Validation(_) => "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại.".into(),
            AppError::Conflict { message, .. } => message.clone(),
            AppError::PayloadTooLarge => "Tệp hoặc dữ liệu gửi lên quá lớn.".into(),
            AppError::TooManyRequests => {
                "Bạn thao tác quá nhiều lần. Vui lòng đợi một phút rồi thử lại.".into()
            }
            AppError::Busy => "Máy chủ đang bận, vui lòng thử lại sau ít giây.".into(),
            AppError::Csrf => {
                "Phiên làm việc đã thay đổi. Vui lòng tải lại trang và thử lại.".into()
            }
            AppError::Db(_) | AppError::Internal(_) => {
                "Hệ thống gặp lỗi. Vui lòng thử lại sau.".into()
            }
        }
    }

    pub fn body(&self) -> ErrorBody {
        let fields = match self {
            AppError::Validation(f) => Some(f.clone()),
            _ => None,
        };
        ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                message: self.message(),
                fields,
            },
        }
    }

    /// Seconds a client should wait before retrying, for the answers that have one.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            AppError::Busy => Some(BUSY_RETRY_SECS),
            AppError::TooManyRequests => Some(60),
            _ => None,
        }
    }

    pub fn log_if_internal(&self) {
        if let AppError::Db(e) = self {
            tracing::error!(error = ?e, "database error");
        } else if let AppError::Internal(e) = self {
            tracing::error!(error = ?e, "internal error");
        }
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::LinkGone => StatusCode::GONE,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict { .. } => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        self.log_if_internal();
        let mut res = HttpResponse::build(self.status_code());
        if let Some(secs) = self.retry_after() {
            res.insert_header(("Retry-After", secs));
        }
        res.json(self.body())
    }
}

/// The same error, shown to a person as a page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl From<AppError> for PageError {
    fn from(e: AppError) -> Self {
        PageError(e)
    }
}

impl From<DbErr> for PageError {
    fn from(e: DbErr) -> Self {
        PageError(e.into())
    }
}

impl From<anyhow::Error> for PageError {
    fn from(e: anyhow::Error) -> Self {
        PageError(e.into())
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

pub type PageResult<T> = Result<T, PageError>;
