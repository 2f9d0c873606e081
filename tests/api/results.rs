//! Rankings, publication, exports and regrading, checked against an independent computation written here.
use crate::helpers::TestApp;
use crate::results_seed::{self, Seeded, Sitting, score};
use calamine::{Data, DataType, Reader, Xlsx, open_workbook_from_rs};
use cchc_quiz::domain::{PredictionKind, Role};
use cchc_quiz::entities::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::HashMap;

/// (user id, rank, score) in rank order, then user id — computed without the application's code.
pub(crate) fn expected_ranking(s: &Seeded) -> (Vec<(i64, u64, i64)>, i64) {
    let max: i32 = s.questions.iter().map(|q| q.points).sum();
    let mut best: HashMap<i64, (&Sitting, i32)> = HashMap::new();
    for sit in &s.sittings {
        let points = score(&s.questions, &sit.chosen).0;
        let better = |old: &(&Sitting, i32)| {
            (-points, sit.duration_ms, sit.finished_at, sit.attempt_no)
                < (
                    -old.1,
                    old.0.duration_ms,
                    old.0.finished_at,
                    old.0.attempt_no,
                )
        };
        if best.get(&sit.user_id).is_none_or(better) {
            best.insert(sit.user_id, (sit, points));
        }
    }
    let figure = best.values().filter(|(_, p)| *p == max).count() as i64;
    let key = |(sit, p): &(&Sitting, i32)| {
        let distance = sit.prediction.map(|x| (x - figure).abs());
        (
            -p,
            distance.is_none(),
            distance.unwrap_or(0),
            sit.duration_ms,
            sit.finished_at,
        )
    };
    let mut rows: Vec<_> = best.into_values().collect();
    rows.sort_by(|a, b| key(a).cmp(&key(b)).then(a.0.user_id.cmp(&b.0.user_id)));
    let mut out: Vec<(i64, u64, i64)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let rank = if i > 0 && key(&rows[i - 1]) == key(row) {
            out[i - 1].1
        } else {
            i as u64 + 1
        };
        out.push((row.0.user_id, rank, i64::from(row.1)));
    }
    (out, figure)
}

/// unit id -> (participants, rate, average, ranked) with the 0.2 minimum rate of the seed.
pub(crate) fn expected_units(
    s: &Seeded,
    ranking: &[(i64, u64, i64)],
) -> HashMap<i64, (u64, f64, f64, bool)> {
    let unit_of: HashMap<i64, i64> = s.sittings.iter().map(|x| (x.user_id, x.unit_id)).collect();
    s.units
        .iter()
        .map(|(unit_id, headcount)| {
            let scores: Vec<i64> = ranking
                .iter()
                .filter(|r| unit_of[&r.0] == *unit_id)
                .map(|r| r.2)
                .collect();
            let n = scores.len() as f64;
            let rate = n / f64::from(*headcount);
            let avg = if n > 0.0 {
                scores.iter().sum::<i64>() as f64 / n
            } else {
                0.0
            };
            (
                *unit_id,
                (scores.len() as u64, rate, avg, n > 0.0 && rate >= 0.2),
            )
        })
        .collect()
}

pub(crate) fn got_ranking(body: &Value) -> Vec<(i64, u64, i64)> {
    body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["user_id"].as_i64().unwrap(),
                e["rank"].as_u64().unwrap(),
                e["score"].as_i64().unwrap(),
            )
        })
        .collect()
}

pub(crate) async fn json_of(res: reqwest::Response) -> Value {
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn the_leaderboard_and_unit_ranking_match_an_independent_computation(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    let judge = app.create_user(Role::Judge, None).await;
    let (expected, figure) = expected_ranking(&seeded);
    assert!(
        expected.windows(2).any(|w| w[0].1 == w[1].1),
        "the seed must produce shared ranks"
    );
    let body = json_of(
        app.get(
            &format!("/api/v1/rounds/{}/leaderboard", seeded.round_id),
            Some(&judge),
        )
        .await,
    )
    .await;
    assert_eq!(got_ranking(&body), expected);
    assert_eq!(body["true_figure"], figure);
    assert_eq!(body["prediction_applied"], true);
    assert_eq!(body["entries"].as_array().unwrap().len(), 30);

    let body = json_of(
        app.get(
            &format!("/api/v1/rounds/{}/leaderboard/units", seeded.round_id),
            Some(&judge),
        )
        .await,
    )
    .await;
    let want = expected_units(&seeded, &expected);
    let units = body["units"].as_array().unwrap();
    assert_eq!(units.len(), 4);
    for u in units {
        let (participants, rate, avg, ranked) = want[&u["unit"]["id"].as_i64().unwrap()];
        assert_eq!(u["participants"].as_u64().unwrap(), participants);
        assert!((u["participation_rate"].as_f64().unwrap() - rate).abs() < 1e-9);
        assert!((u["average_score"].as_f64().unwrap() - avg).abs() < 1e-9);
        assert_eq!(u["ranked"].as_bool().unwrap(), ranked, "{u}");
        assert_eq!(u["rank"].is_null(), !ranked);
    }
    let rates: Vec<f64> = units
        .iter()
        .filter(|u| u["ranked"] == true)
        .map(|u| u["participation_rate"].as_f64().unwrap())
        .collect();
    assert!(
        rates.windows(2).all(|w| w[0] >= w[1]),
        "ranked units by participation rate: {rates:?}"
    );
    assert_eq!(
        units.last().unwrap()["ranked"],
        false,
        "the unit with 4 of 40 people is listed last, unranked"
    );
}

/// A sheet's table: its header row and the rows below, without the title block above the empty row.
pub(crate) fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(name).unwrap();
    let blank = range
        .rows()
        .position(|r| r.iter().all(|c| c.is_empty()))
        .expect("an empty row under the title block");
    range.range((blank as u32 + 1, 0), range.end().unwrap())
}

async fn the_xlsx_export_carries_the_same_figures_as_the_leaderboard(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    let judge = app.create_user(Role::Judge, None).await;
    let res = app
        .get(
            &format!("/api/v1/rounds/{}/export?format=xlsx", seeded.round_id),
            Some(&judge),
        )
        .await;
    assert_eq!(res.status(), 200);
    let bytes = res.bytes().await.unwrap();
    let (expected, _) = expected_ranking(&seeded);
    let logins: HashMap<i64, String> = seeded
        .people
        .iter()
        .map(|p| (p.id, p.login.clone()))
        .collect();

    let individual = sheet(&bytes, "Xếp hạng cá nhân");
    let header: Vec<String> = individual
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[0], "Hạng");
    assert_eq!(header[5], "Điểm");
    let rows: Vec<(String, u64, i64)> = individual
        .rows()
        .skip(1)
        .map(|r| {
            (
                r[2].to_string(),
                r[0].as_f64().unwrap() as u64,
                r[5].as_f64().unwrap() as i64,
            )
        })
        .collect();
    let want: Vec<(String, u64, i64)> = expected
        .iter()
        .map(|(u, rank, s)| (logins[u].clone(), *rank, *s))
        .collect();
    assert_eq!(rows, want);
    assert!(
        individual.rows().skip(1).all(|r| r[11].is_datetime()),
        "submission times are real Excel dates"
    );

    let units = sheet(&bytes, "Xếp hạng đơn vị");
    let unit_want = expected_units(&seeded, &expected);
    let codes: HashMap<String, i64> = (0..4)
        .map(|i| (format!("DV{i}"), seeded.units[i].0))
        .collect();
    for r in units.rows().skip(1) {
        let (participants, rate, ..) = unit_want[&codes[&r[1].to_string()]];
        assert_eq!(r[4].as_f64().unwrap() as u64, participants);
        assert!((r[5].as_f64().unwrap() - rate).abs() < 1e-9);
    }
    let answers = sheet(&bytes, "Bài thi và câu trả lời");
    assert_eq!(
        answers.rows().count() - 1,
        seeded.sittings.len() * 3,
        "every attempt with every answer"
    );
    let questions = sheet(&bytes, "Thống kê câu hỏi");
    assert_eq!(questions.rows().count() - 1, 3);

    let csv = app
        .get(
            &format!(
                "/api/v1/rounds/{}/export?format=csv&table=units",
                seeded.round_id
            ),
            Some(&judge),
        )
        .await;
    assert_eq!(csv.status(), 200);
    let text = csv.bytes().await.unwrap();
    assert!(
        text.starts_with(&[0xEF, 0xBB, 0xBF]),
        "CSV starts with a UTF-8 BOM for Excel"
    );
    assert!(String::from_utf8_lossy(&text).contains("Tỷ lệ tham gia"));
}

async fn unpublished_results_are_invisible_to_participants_and_anonymous_visitors(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let someone = &seeded.people[0];
    let board = format!("/api/v1/rounds/{}/leaderboard", seeded.round_id);
    assert_eq!(app.get(&board, None).await.status(), 401);
    assert_eq!(app.get(&board, Some(someone)).await.status(), 403);
    assert_eq!(
        app.get(&format!("{board}/units"), Some(someone))
            .await
            .status(),
        403
    );
    let export = format!("/api/v1/rounds/{}/export?format=xlsx", seeded.round_id);
    assert_eq!(app.get(&export, Some(someone)).await.status(), 403);
    assert_eq!(
        app.get(&format!("/api/v1/rounds/{}/stats", seeded.round_id), None)
            .await
            .status(),
        401
    );
    assert_eq!(
        app.get(&format!("/ket-qua/{}", seeded.round_id), None)
            .await
            .status(),
        404
    );
    let publish = format!("/api/v1/rounds/{}/publish", seeded.round_id);
    assert_eq!(
        app.post_json(&publish, Some(someone), &json!({"show_names": "full"}))
            .await
            .status(),
        403
    );

    let res = app
        .post_json(&publish, Some(&organiser), &json!({"show_names": "masked"}))
        .await;
    assert_eq!(res.status(), 200);
    let body = json_of(app.get(&board, None).await).await;
    let text = body.to_string();
    assert!(
        !text.contains("Nguyễn Văn Thí Sinh"),
        "names are masked: {text}"
    );
    assert!(
        text.contains("N. V. T. Sinh"),
        "the given name stays: {text}"
    );
    assert!(
        body["entries"][0]["login"].is_null(),
        "logins are not public"
    );
    let page = app
        .get(&format!("/ket-qua/{}", seeded.round_id), None)
        .await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("N. V. T. Sinh"));
    assert_eq!(
        app.get(&export, Some(someone)).await.status(),
        403,
        "exports stay with the judges"
    );

    let res = app
        .post_json(
            &format!("/api/v1/rounds/{}/unpublish", seeded.round_id),
            Some(&organiser),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(app.get(&board, None).await.status(), 401);
    let actions: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("round"))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(actions, vec!["results.publish", "results.unpublish"]);
}

async fn correcting_an_answer_key_rescores_attempts_and_changes_the_ranks(app: TestApp) {
    let mut seeded = results_seed::closed_round(&app).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let board = format!("/api/v1/rounds/{}/leaderboard", seeded.round_id);
    let before = got_ranking(&json_of(app.get(&board, Some(&organiser)).await).await);
    let q1 = seeded.questions[0].clone();
    let res = app
        .send_json(
            reqwest::Method::PUT,
            &format!("/api/v1/questions/{}/key", q1.question_id),
            Some(&organiser),
            &json!({"version": 1, "correct": ["D"]}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let outcome: Value = res.json().await.unwrap();
    assert_eq!(
        outcome["affected_attempts"].as_u64().unwrap() as usize,
        seeded.sittings.len()
    );
    assert!(!outcome["changed"].as_array().unwrap().is_empty());

    seeded.questions[0].correct = [q1.options[3]].into();
    let (expected, _) = expected_ranking(&seeded);
    let after = got_ranking(&json_of(app.get(&board, Some(&organiser)).await).await);
    assert_ne!(before, after, "the new key changes the ranking");
    assert_eq!(after, expected);
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("question.regrade"))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the regrade is logged");
    assert!(logged.before_json.unwrap().contains("\"correct\":[\"A\"]"));
    assert!(logged.after_json.unwrap().contains("\"correct\":[\"D\"]"));
    let page = app
        .get("/giam-khao", Some(&organiser))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Lịch sử sửa đáp án"),
        "the correction is shown to the judges"
    );
    assert!(page.contains(&format!("#{} (phiên bản 1)", q1.question_id)));

    let wrong = app
        .send_json(
            reqwest::Method::PUT,
            &format!("/api/v1/questions/{}/key", q1.question_id),
            Some(&organiser),
            &json!({"version": 1, "correct": ["A", "B"]}),
        )
        .await;
    assert_eq!(
        wrong.status(),
        422,
        "a single-answer question cannot get two keys"
    );
}

async fn a_practice_round_is_never_ranked(app: TestApp) {
    let round_id = results_seed::round(&app, true, PredictionKind::None).await;
    let judge = app.create_user(Role::Judge, None).await;
    let res = app
        .get(
            &format!("/api/v1/rounds/{round_id}/leaderboard"),
            Some(&judge),
        )
        .await;
    assert_eq!(res.status(), 409);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "practice_round");
}

async fn the_contest_ranking_sums_counting_scores_and_hides_unpublished_rounds(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    let judge = app.create_user(Role::Judge, None).await;
    let (expected, _) = expected_ranking(&seeded);
    let body = json_of(app.get("/api/v1/contest/leaderboard", Some(&judge)).await).await;
    let totals: Vec<i64> = body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["total_score"].as_i64().unwrap())
        .collect();
    let mut want: Vec<i64> = expected.iter().map(|e| e.2).collect();
    want.sort_by(|a, b| b.cmp(a));
    assert_eq!(totals, want);
    let public = json_of(app.get("/api/v1/contest/leaderboard", None).await).await;
    assert!(
        public["entries"].as_array().unwrap().is_empty(),
        "nothing is published yet"
    );
}

async fn judges_see_rankings_exports_and_charts_before_publication(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    let judge = app.create_user(Role::Judge, None).await;
    let page = app
        .get(
            &format!("/giam-khao/dot-thi/{}", seeded.round_id),
            Some(&judge),
        )
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Kết quả chưa công bố"));
    assert!(html.contains(&format!(
        "/api/v1/rounds/{}/export?format=xlsx",
        seeded.round_id
    )));
    assert!(
        html.contains("Nguyễn Văn Thí Sinh"),
        "judges see full names"
    );
    assert!(
        !html.contains("Công bố kết quả</button>"),
        "only organisers get the publish form"
    );

    let stats = app
        .get(
            &format!("/giam-khao/dot-thi/{}/thong-ke", seeded.round_id),
            Some(&judge),
        )
        .await;
    assert_eq!(stats.status(), 200);
    let html = stats.text().await.unwrap();
    assert_eq!(
        html.matches("class=\"chart-figure\"").count(),
        3,
        "score distribution, units and days"
    );
    assert!(!html.contains("<script>"), "no inline script");
    assert!(html.contains("KQ-001"));

    let participant = &seeded.people[0];
    let refused = app
        .get(
            &format!("/giam-khao/dot-thi/{}", seeded.round_id),
            Some(participant),
        )
        .await;
    assert_eq!(refused.status(), 403);
}

async fn the_projector_view_shows_the_top_n_and_refreshes_itself(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let projector = format!("/ket-qua/{}/trinh-chieu?top=5", seeded.round_id);
    assert_eq!(
        app.get(&projector, None).await.status(),
        404,
        "nothing before publication"
    );
    let publish = format!("/api/v1/rounds/{}/publish", seeded.round_id);
    let res = app
        .post_json(&publish, Some(&organiser), &json!({"show_names": "full"}))
        .await;
    assert_eq!(res.status(), 200);
    let html = app.get(&projector, None).await.text().await.unwrap();
    assert!(html.contains("class=\"projector\""));
    assert!(html.contains("/static/refresh.") && html.contains("data-seconds=\"30\""));
    assert_eq!(
        html.matches("<tr>").count(),
        1 + 5,
        "header and the top five"
    );
    let list = app.get("/ket-qua", None).await.text().await.unwrap();
    assert!(list.contains(&format!("/ket-qua/{}", seeded.round_id)));
}

crate::db_tests!(
    the_leaderboard_and_unit_ranking_match_an_independent_computation,
    the_xlsx_export_carries_the_same_figures_as_the_leaderboard,
    unpublished_results_are_invisible_to_participants_and_anonymous_visitors,
    correcting_an_answer_key_rescores_attempts_and_changes_the_ranks,
    a_practice_round_is_never_ranked,
    the_contest_ranking_sums_counting_scores_and_hides_unpublished_rounds,
    judges_see_rankings_exports_and_charts_before_publication,
    the_projector_view_shows_the_top_n_and_refreshes_itself,
);
