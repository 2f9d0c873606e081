//! Reading a multipart upload (`file`, optional `format` and `bank`) with a size limit: more than
//! [`MAX_UPLOAD`] is a 413, whatever the client claims.
use crate::error::{AppError, AppResult};
use actix_multipart::Multipart;
use actix_web::HttpRequest;
use futures_util::StreamExt;

pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;

pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub format: Option<String>,
    pub bank: Option<String>,
}

pub async fn read(req: &HttpRequest, mut payload: Multipart) -> AppResult<Upload> {
    let declared = req
        .headers()
        .get("content-length")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_UPLOAD + 64 * 1024) {
        return Err(AppError::PayloadTooLarge);
    }
    let bad = || AppError::bad_request("Yêu cầu phải là multipart/form-data có trường \"file\".");
    let (mut file, mut format, mut bank) = (None, None, None);
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
            if data.len() + chunk.len() > MAX_UPLOAD {
                return Err(AppError::PayloadTooLarge);
            }
            data.extend_from_slice(&chunk);
        }
        let text = || String::from_utf8(data.clone()).map_err(|_| bad());
        match name.as_str() {
            "file" => file = Some((file_name, data)),
            "format" => format = Some(text()?),
            "bank" => bank = Some(text()?).filter(|b: &String| !b.trim().is_empty()),
            _ => {}
        }
    }
    let (file_name, bytes) =
        file.ok_or_else(|| AppError::invalid("file", "Chưa chọn tệp để nhập (trường \"file\")."))?;
    Ok(Upload {
        file_name,
        bytes,
        format,
        bank,
    })
}
