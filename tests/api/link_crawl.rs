//! Every link a person can reach from their pages opens: a crawl from the home page of each role (a participant
//! with an attempt, a judge, an organiser, in a contest with a round, a bank, units and people) finds no 404 and
//! no server error.
use crate::db_tests;
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::{open_round, start_ok};
use cchc_quiz::domain::Role;
use serde_json::json;
use std::collections::{BTreeSet, VecDeque};

/// Pages one crawl visits at most (the contest here has a few dozen).
const LIMIT: usize = 400;

/// The same-site links of a page, without fragments.
fn links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|h| h.starts_with('/') && !h.starts_with("//") && !h.starts_with("/static/"))
        .map(|h| h.split('#').next().unwrap_or(h).replace("&amp;", "&"))
        .collect()
}

async fn crawl(app: &TestApp, user: &TestUser, start: &[&str]) -> Vec<(String, u16)> {
    let (browser, _) = app.log_in(user).await;
    let mut seen: BTreeSet<String> = start.iter().map(|s| s.to_string()).collect();
    let mut queue: VecDeque<String> = seen.iter().cloned().collect();
    let mut broken = Vec::new();
    while let Some(path) = queue.pop_front() {
        let res = browser.get(app.url(&path)).send().await.expect("page");
        let status = res.status().as_u16();
        if status == 404 || status >= 500 {
            broken.push((path.clone(), status));
        }
        let html = res
            .headers()
            .get("content-type")
            .is_some_and(|c| c.to_str().unwrap_or("").starts_with("text/html"));
        if !html {
            continue;
        }
        for link in links(&res.text().await.unwrap_or_default()) {
            if seen.len() < LIMIT && seen.insert(link.clone()) {
                queue.push_back(link);
            }
        }
    }
    assert!(
        seen.len() > 5,
        "the crawl of {} saw only {seen:?}",
        user.login
    );
    broken
}

async fn no_link_of_any_role_leads_to_a_missing_page_or_an_error(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let participant = app.participant().await;
    start_ok(&app, &participant, round).await;
    let judge = app.create_user(Role::Judge, None).await;
    let mut broken = Vec::new();
    broken.extend(crawl(&app, &participant, &["/", "/dot-thi", "/tai-khoan"]).await);
    broken.extend(crawl(&app, &judge, &["/", "/giam-khao", "/quan-tri/ngan-hang"]).await);
    broken.extend(crawl(&app, &organiser, &["/", "/quan-tri", "/giam-khao"]).await);
    assert!(broken.is_empty(), "broken links: {broken:?}");
}

db_tests!(no_link_of_any_role_leads_to_a_missing_page_or_an_error);
