//! The OpenAPI 3 document of the JSON API, generated from the handlers' `#[utoipa::path]` annotations and the
//! request/response types, served at `/api/v1/openapi.json`.
use crate::error::{ErrorBody, ErrorDetail};
use crate::results::files::{Format, TableName};
use actix_web::{HttpResponse, web};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "cchc-quiz API", version = "1", description = "API của nền tảng thi trực tuyến \"Tìm hiểu về cải cách hành chính\". Mọi lỗi có dạng {\"error\": {\"code\", \"message\"}}."),
    paths(
        super::banks::list, super::banks::questions, super::banks::import, super::banks::export_bank,
        super::banks::template_xlsx, super::banks::template_csv, super::banks::withdraw, super::banks::restore,
        super::auth::login, super::auth::logout, super::auth::register,
        super::me::me, super::me::change_password,
        super::documents::list, super::documents::add_link, super::documents::upload_pdf, super::documents::remove,
        super::units::list, super::units::create, super::units::update, super::units::reissue_slips,
        super::staff::list, super::staff::one, super::staff::update, super::staff::reset_password,
        super::staff::approve,
        super::staff::import, super::staff::template,
        super::audit::list, super::settings::get, super::settings::put,
        super::rounds::create, super::rounds::list, super::rounds::get, super::rounds::update,
        super::rounds::progress_of, super::rounds::override_for,
        super::attempts::start, super::attempts::get, super::attempts::save_answer, super::attempts::submit,
        super::attempts::mine,
        super::results::leaderboard, super::results::unit_leaderboard, super::results::contest_leaderboard,
        super::results::contest_unit_leaderboard, super::results::publish, super::results::unpublish,
        super::results::export_round, super::results::export_contest, super::results::stats,
        super::results::correct_key,
    ),
    components(schemas(ErrorBody, ErrorDetail, Format, TableName)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/openapi.json", web::get().to(openapi_json));
}

async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
