//! `/static/{name}`: the CSS and scripts compiled into the binary (`web::assets`), answered from memory. A hashed
//! name is kept by browsers for a year (`immutable`); a plain name (an old link) must be revalidated.
use crate::web::assets;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

const FOREVER: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/static/{name}", web::get().to(serve));
}

async fn serve(req: HttpRequest, name: web::Path<String>) -> HttpResponse {
    let Some((asset, immutable)) = assets::get(&name) else {
        return HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("Không tìm thấy tệp.");
    };
    let mut res = HttpResponse::Ok();
    res.content_type(asset.content_type.as_str())
        .insert_header((
            header::CACHE_CONTROL,
            if immutable { FOREVER } else { REVALIDATE },
        ))
        .insert_header((header::VARY, "Accept-Encoding"));
    match &asset.gzip {
        Some(packed) if accepts_gzip(&req) => res
            .insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")))
            .body(web::Bytes::from_static(packed)),
        // `identity` tells the compression middleware to leave the body as it is.
        _ => res
            .insert_header((
                header::CONTENT_ENCODING,
                HeaderValue::from_static("identity"),
            ))
            .body(web::Bytes::from_static(&asset.body)),
    }
}

/// Whether the request accepts a gzip body (`Accept-Encoding`, a `q=0` refuses).
pub(crate) fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|enc| {
            let mut parts = enc.trim().split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| p.trim().replace(' ', "") == "q=0");
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}
