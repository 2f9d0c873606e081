//! Reading a multipart upload (a `file` field and small text fields such as `csrf`, `format`, `bank`) with one
//! size limit: a body declared or found larger than the limit is a 413, whatever the client claims.
use crate::error::{AppError, AppResult};
use actix_multipart::Multipart;
use actix_web::HttpRequest;
use futures_util::StreamExt;
use std::collections::HashMap;

/// Question banks: the largest shipped XLSX is well under 1 MB.
pub const BANK_LIMIT: usize = 10 * 1024 * 1024;
/// A roster of tens of thousands of people fits in a few hundred kB.
pub const ROSTER_LIMIT: usize = 5 * 1024 * 1024;
/// Room for the multipart boundaries and the small fields around the file.
const ENVELOPE: usize = 64 * 1024;

/// The fields of an upload form.
pub struct Upload {
    /// The file's name and bytes, if a non-empty file was sent.
    pub file: Option<(String, Vec<u8>)>,
    text: HashMap<String, String>,
}

impl Upload {
    /// A text field, trimmed; `None` when absent or empty.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.text
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }
}

pub async fn read(req: &HttpRequest, mut payload: Multipart, limit: usize) -> AppResult<Upload> {
    let declared = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit + ENVELOPE) {
        return Err(AppError::PayloadTooLarge);
    }
    let bad = || AppError::bad_request("Dữ liệu tải lên không hợp lệ (cần multipart/form-data).");
    let mut upload = Upload {
        file: None,
        text: HashMap::new(),
    };
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| bad())?;
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .unwrap_or_default()
            .to_owned();
        let mut data = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(|_| bad())?;
            if data.len() + chunk.len() > limit {
                return Err(AppError::PayloadTooLarge);
            }
            data.extend_from_slice(&chunk);
        }
        if name == "file" {
            if !data.is_empty() {
                upload.file = Some((file_name, data));
            }
        } else {
            let text = String::from_utf8(data).map_err(|_| bad())?;
            upload.text.insert(name, text);
        }
    }
    Ok(upload)
}
