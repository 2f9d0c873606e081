//! `/quan-tri/don-vi`: organisers list, add and change units.
use super::{explain, html, see_other};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::error::{AppError, PageResult};
use crate::store::units::{self, NewUnit, UnitChange};
use crate::web::pages::admin_units;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/don-vi", web::get().to(list))
        .route("/quan-tri/don-vi", web::post().to(create))
        .route("/quan-tri/don-vi/{id}", web::get().to(edit))
        .route("/quan-tri/don-vi/{id}", web::post().to(save));
}

#[derive(Deserialize)]
pub struct UnitForm {
    #[serde(default)]
    csrf: String,
    code: String,
    name: String,
    #[serde(default)]
    parent_id: String,
    #[serde(default)]
    headcount: String,
    #[serde(default)]
    display_order: String,
    retired: Option<String>,
}

impl UnitForm {
    fn parent(&self) -> Option<i64> {
        self.parent_id.trim().parse().ok()
    }
    fn number(s: &str, field: &str) -> Result<i32, AppError> {
        if s.trim().is_empty() {
            return Ok(0);
        }
        s.trim()
            .parse()
            .map_err(|_| AppError::invalid(field, "Vui lòng nhập một số nguyên."))
    }
}

async fn list(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_organiser()?;
    let all = units::list(&state.db).await?;
    Ok(admin_units::list(
        &user.user,
        &user.csrf_token(&state.keys),
        &all,
        None,
    ))
}

async fn create(
    state: web::Data<AppState>,
    user: PageUser,
    form: web::Form<UnitForm>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let result = async {
        let input = NewUnit {
            code: form.code.clone(),
            name: form.name.clone(),
            parent_id: form.parent(),
            headcount: UnitForm::number(&form.headcount, "headcount")?,
            display_order: UnitForm::number(&form.display_order, "display_order")?,
        };
        app::units::create(&state, &user, &input).await
    }
    .await;
    let all = units::list(&state.db).await?;
    let csrf = user.csrf_token(&state.keys);
    match result {
        Ok(u) => Ok(admin_units::list(
            &user.user,
            &csrf,
            &all,
            Some(("ok", &format!("Đã thêm đơn vị {}.", u.name))),
        )),
        Err(e @ AppError::Validation(_)) => Ok(admin_units::list(
            &user.user,
            &csrf,
            &all,
            Some(("error", &explain(&e))),
        )),
        Err(e) => Err(e.into()),
    }
}

async fn edit(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let all = units::list(&state.db).await?;
    let unit = all
        .iter()
        .find(|u| u.id == *path)
        .ok_or(AppError::NotFound)?;
    Ok(admin_units::edit(
        &user.user,
        &user.csrf_token(&state.keys),
        &all,
        unit,
        None,
    ))
}

async fn save(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<UnitForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let id = path.into_inner();
    let result = async {
        let change = UnitChange {
            code: Some(form.code.clone()),
            name: Some(form.name.clone()),
            parent_id: Some(form.parent()),
            headcount: Some(UnitForm::number(&form.headcount, "headcount")?),
            display_order: Some(UnitForm::number(&form.display_order, "display_order")?),
            retired: Some(form.retired.is_some()),
        };
        app::units::update(&state, &user, id, &change).await
    }
    .await;
    match result {
        Ok(_) => Ok(see_other("/quan-tri/don-vi")),
        Err(e @ AppError::Validation(_)) => {
            let all = units::list(&state.db).await?;
            let unit = all.iter().find(|u| u.id == id).ok_or(AppError::NotFound)?;
            let page = admin_units::edit(
                &user.user,
                &user.csrf_token(&state.keys),
                &all,
                unit,
                Some(&explain(&e)),
            );
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Err(e) => Err(e.into()),
    }
}
