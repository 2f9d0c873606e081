//! The rows of the authorization matrix (`authz.rs`): every API route the app serves, with the status each kind of
//! caller gets. The OpenAPI document must list exactly these routes (`the_openapi_document_lists_every_route`).
//! Placeholders: `{own}` the participant, `{unit}` their unit, `{password}` the caller's password, `{round}` an
//! open round for every unit, `{unit_round}` an open round for the participant's unit only, `{attempt}` the
//! participant's attempt in progress there and `{question}` one of its questions, `{closed}` a closed round,
//! `{published}` a closed round with published results, `{bank}` a bank's slug.
use crate::authz::{Body, Route, route};

use Body::{Csv, Json, None as NoBody, Upload};

pub const ROUTES: &[Route] = &[
    route("GET", "/api/v1/me", NoBody, [401, 200, 200, 200, 200]),
    route(
        "POST",
        "/api/v1/me/password",
        Json(r#"{"current_password":"{password}","new_password":"mat-khau-moi-123"}"#),
        [401, 200, 200, 200, 200],
    ),
    route(
        "POST",
        "/api/v1/auth/logout",
        NoBody,
        [401, 204, 204, 204, 204],
    ),
    route(
        "POST",
        "/api/v1/auth/login",
        Json(r#"{"login":"khong-co","password":"sai-mat-khau"}"#),
        [401, 401, 401, 401, 401],
    ),
    route(
        "POST",
        "/api/v1/auth/register",
        Json(
            r#"{"full_name":"A","unit_id":{unit},"phone":"0912345678","cccd":"001089012345","password":"12345678"}"#,
        ),
        [409, 409, 409, 409, 409],
    ),
    route("GET", "/api/v1/units", NoBody, [401, 200, 200, 200, 200]),
    route(
        "POST",
        "/api/v1/units",
        Json(r#"{"code":"MOI","name":"Đơn vị mới","headcount":5}"#),
        [401, 403, 403, 403, 201],
    ),
    route(
        "PATCH",
        "/api/v1/units/{unit}",
        Json(r#"{"name":"Tên mới"}"#),
        [401, 403, 403, 403, 200],
    ),
    route(
        "PATCH",
        "/api/v1/units/987654",
        Json(r#"{"name":"Tên mới"}"#),
        [401, 403, 403, 403, 404],
    ),
    route(
        "POST",
        "/api/v1/units/{unit}/reissue-slips",
        NoBody,
        [401, 403, 403, 403, 200],
    ),
    route(
        "POST",
        "/api/v1/units/987654/reissue-slips",
        NoBody,
        [401, 403, 403, 403, 404],
    ),
    route(
        "GET",
        "/api/v1/documents",
        NoBody,
        [200, 200, 200, 200, 200],
    ),
    route(
        "POST",
        "/api/v1/documents",
        Json(r#"{"title":"Luật Tiếp công dân","url":"https://vanban.chinhphu.vn/"}"#),
        [401, 403, 403, 403, 201],
    ),
    route(
        "POST",
        "/api/v1/documents/upload",
        Upload("tai-lieu.pdf", "%PDF-1.4 (no title field)"),
        [401, 403, 403, 403, 422],
    ),
    route(
        "DELETE",
        "/api/v1/documents/987654",
        NoBody,
        [401, 403, 403, 403, 404],
    ),
    route("GET", "/api/v1/staff", NoBody, [401, 403, 403, 200, 200]),
    route(
        "GET",
        "/api/v1/staff/{own}",
        NoBody,
        [401, 200, 403, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/staff/987654",
        NoBody,
        [401, 403, 403, 404, 404],
    ),
    route(
        "PATCH",
        "/api/v1/staff/{own}",
        Json(r#"{"full_name":"Tên Đã Sửa"}"#),
        [401, 403, 403, 403, 200],
    ),
    route(
        "POST",
        "/api/v1/staff/{own}/reset-password",
        NoBody,
        [401, 403, 403, 403, 200],
    ),
    route(
        "POST",
        "/api/v1/staff/{own}/approve",
        NoBody,
        [401, 403, 403, 403, 409],
    ),
    route(
        "GET",
        "/api/v1/staff/template",
        NoBody,
        [401, 403, 403, 403, 200],
    ),
    route(
        "POST",
        "/api/v1/staff/import",
        Csv("Mã cán bộ,Họ và tên,Mã đơn vị\nnv1,Nguyễn Văn Một,KHONGCO\n"),
        [401, 403, 403, 403, 200],
    ),
    route("GET", "/api/v1/audit", NoBody, [401, 403, 403, 403, 200]),
    route("GET", "/api/v1/settings", NoBody, [401, 403, 403, 403, 200]),
    route(
        "PUT",
        "/api/v1/settings",
        Json(r#"{"min_participation_rate":50}"#),
        [401, 403, 403, 403, 200],
    ),
    // Question banks: organisers import; organisers and judges read.
    route("GET", "/api/v1/banks", NoBody, [401, 403, 403, 200, 200]),
    route(
        "GET",
        "/api/v1/questions",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    route(
        "POST",
        "/api/v1/banks/import",
        Upload("cau-hoi.txt", "Câu hỏi thử?\nA. Một\nB. Hai\nANSWER: A\n"),
        [401, 403, 403, 403, 200],
    ),
    route(
        "GET",
        "/api/v1/banks/template.xlsx",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/banks/template.csv",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/banks/{bank}/export",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    // Rounds: everyone logged in reads the rounds open to them; organisers change them.
    route("GET", "/api/v1/rounds", NoBody, [401, 200, 200, 200, 200]),
    route(
        "POST",
        "/api/v1/rounds",
        Json(
            r#"{"title":"Tuần mới","opens_at":"2099-01-01T00:00:00Z","closes_at":"2099-01-08T00:00:00Z","time_limit_secs":600,"question_count":2,"draw_rules":[{"topic":"a","count":2}]}"#,
        ),
        [401, 403, 403, 403, 201],
    ),
    route(
        "GET",
        "/api/v1/rounds/{round}",
        NoBody,
        [401, 200, 200, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/rounds/{unit_round}",
        NoBody,
        [401, 200, 404, 200, 200],
    ),
    route(
        "PATCH",
        "/api/v1/rounds/{round}",
        Json(r#"{"title":"Tuần thi đã sửa"}"#),
        [401, 403, 403, 403, 200],
    ),
    route(
        "GET",
        "/api/v1/rounds/{round}/progress",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    route(
        "POST",
        "/api/v1/rounds/{round}/overrides",
        Json(r#"{"user_id":{own},"extra_time_secs":60}"#),
        [401, 403, 403, 403, 200],
    ),
    // Attempts: only the owner answers and submits; organisers and judges may read any.
    route(
        "POST",
        "/api/v1/rounds/{round}/attempts",
        NoBody,
        [401, 200, 200, 200, 200],
    ),
    route(
        "POST",
        "/api/v1/rounds/{unit_round}/attempts",
        NoBody,
        [401, 200, 404, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/attempts/{attempt}",
        NoBody,
        [401, 200, 404, 200, 200],
    ),
    route(
        "PUT",
        "/api/v1/attempts/{attempt}/answers/{question}",
        Json(r#"{"option_ids":[]}"#),
        [401, 200, 404, 404, 404],
    ),
    route(
        "POST",
        "/api/v1/attempts/{attempt}/submit",
        Json("{}"),
        [401, 200, 404, 404, 404],
    ),
    route(
        "GET",
        "/api/v1/me/attempts",
        NoBody,
        [401, 200, 200, 200, 200],
    ),
    // Results: unpublished rankings for organisers and judges only; published ones for everyone.
    route(
        "GET",
        "/api/v1/rounds/{closed}/leaderboard",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/rounds/{published}/leaderboard",
        NoBody,
        [200, 200, 200, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/rounds/{closed}/leaderboard/units",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/contest/leaderboard",
        NoBody,
        [200, 200, 200, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/contest/leaderboard/units",
        NoBody,
        [200, 200, 200, 200, 200],
    ),
    route(
        "POST",
        "/api/v1/rounds/{closed}/publish",
        Json(r#"{"show_names":"full"}"#),
        [401, 403, 403, 403, 200],
    ),
    route(
        "POST",
        "/api/v1/rounds/{published}/unpublish",
        NoBody,
        [401, 403, 403, 403, 200],
    ),
    route(
        "GET",
        "/api/v1/rounds/{closed}/export",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/contest/export?format=csv",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/rounds/{closed}/stats",
        NoBody,
        [401, 403, 403, 200, 200],
    ),
    route(
        "PUT",
        "/api/v1/questions/{question}/key",
        Json(r#"{"version":1,"correct":["A"]}"#),
        [401, 403, 403, 403, 200],
    ),
    route(
        "POST",
        "/api/v1/questions/{question}/withdraw",
        NoBody,
        [401, 403, 403, 403, 200],
    ),
    route(
        "POST",
        "/api/v1/questions/{question}/restore",
        NoBody,
        [401, 403, 403, 403, 200],
    ),
];
