//! Keys never reach someone who can still use them (security review F8): a practice round on a ranked round's
//! bank, or a ranked round showing keys after submission with attempts left, hands out no key of a question
//! that may still be drawn for that person.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::*;
use crate::sec_fixture::*;
use serde_json::{Value, json};

async fn submitted_view(app: &TestApp, user: &TestUser, round: i64) -> Value {
    let a = start_ok(app, user, round).await;
    let id = a["id"].as_i64().unwrap();
    json(submit(app, user, id).await).await
}

async fn a_practice_round_on_the_bank_of_an_open_ranked_round_shows_no_key_until_the_ranked_attempt_is_used(
    app: TestApp,
) {
    let (organiser, ranked) = open_round(&app, json!({"reveal": "after_close"})).await;
    let practice = create_round(
        &app,
        &organiser,
        json!({"title": "Thi thử", "practice": true, "reveal": "after_submit"}),
    )
    .await;
    let p = app.participant().await;
    let first = submitted_view(&app, &p, practice).await;
    assert_eq!(first["keys_shown"], true, "{first}");
    assert!(
        !shows_any_key(&first),
        "a practice attempt gave keys of the ranked round: {first}"
    );
    assert_eq!(
        first["keys_withheld"].as_array().map(Vec::len),
        Some(5),
        "{first}"
    );
    // Once the person has used the ranked round's only attempt, practising shows the keys.
    submitted_view(&app, &p, ranked).await;
    let after = submitted_view(&app, &p, practice).await;
    assert!(shows_any_key(&after), "{after}");
}

async fn a_ranked_round_showing_keys_after_submit_with_several_attempts_is_refused(app: TestApp) {
    let (organiser, _) = open_round(&app, json!({})).await;
    let body = round_body(json!({"reveal": "after_submit", "max_attempts": 2}));
    let res = app
        .post_json("/api/v1/rounds", Some(&organiser), &body)
        .await;
    assert_eq!(res.status(), 422);
    let body = json(res).await;
    assert!(body["error"]["fields"]["reveal"].is_array(), "{body}");
}

async fn an_extra_attempt_keeps_the_keys_of_a_reveal_after_submit_round_hidden(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({"reveal": "after_submit"})).await;
    let p = app.participant().await;
    grant_ok(
        &app,
        &organiser,
        round,
        json!({"user_id": p.id, "extra_attempts": 1}),
    )
    .await;
    let first = submitted_view(&app, &p, round).await;
    assert!(
        !shows_any_key(&first),
        "keys shown before the extra attempt: {first}"
    );
    let other = app.participant().await;
    let theirs = submitted_view(&app, &other, round).await;
    assert!(
        shows_any_key(&theirs),
        "no attempt left: keys shown as the round says"
    );
}

crate::db_tests!(
    a_practice_round_on_the_bank_of_an_open_ranked_round_shows_no_key_until_the_ranked_attempt_is_used,
    a_ranked_round_showing_keys_after_submit_with_several_attempts_is_refused,
    an_extra_attempt_keeps_the_keys_of_a_reveal_after_submit_round_hidden,
);
