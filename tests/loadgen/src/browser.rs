//! `loadgen browser`: what a phone does for each participant, through the web pages rather than the JSON API.
//! The round's page, the confirmation page and its Start form (posted with the form's hidden `csrf` field), the
//! quiz page's HTML, the static files it links (once per participant, like a phone that has never been here), a
//! save per question through the API with the session cookie and the `X-CSRF-Token` header (as `static/quiz.js`
//! does), the plain submit form with every answer (as the page posts it), and the result page.
//!
//! The session is the fixture's token sent as the `cchc_session` cookie: the page session is the same signed
//! token as the API's (`src/routes/pages/login.rs`), so the argon2 cost of logging in is measured by
//! `loadgen login`, not here. Redirects are followed by hand, so that each page is timed on its own.
use crate::scenarios::{Ctx, bar, expect_ok, finish, pick, timed};
use crate::stats::Recorder;
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, ORIGIN};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How the participants arrive.
pub enum Mode {
    /// N participants open the ranked round within one second, each doing one attempt.
    Spike { participants: usize },
    /// K participants do attempts of the practice round back to back for T seconds.
    Steady { concurrency: usize, seconds: u64 },
}

/// One participant's browser: its session cookie, and whether it already holds the static files.
struct Phone {
    cookie: String,
    has_assets: bool,
}

/// A client that does not follow redirects (each page is timed on its own).
pub fn client(pool: usize, gzip: bool) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .gzip(gzip)
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(pool)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(60))
        .build()?)
}

pub async fn run(ctx: &Ctx, mode: Mode) -> anyhow::Result<Value> {
    let needed = match mode {
        Mode::Spike { participants } => participants,
        Mode::Steady { concurrency, .. } => concurrency,
    };
    anyhow::ensure!(
        needed <= ctx.fixture.tokens.len(),
        "the fixture has only {} participants",
        ctx.fixture.tokens.len()
    );
    let ctx = Arc::new(ctx.clone());
    match mode {
        Mode::Spike { participants } => spike(ctx, participants).await,
        Mode::Steady {
            concurrency,
            seconds,
        } => steady(ctx, concurrency, seconds).await,
    }
}

impl Phone {
    /// The phone of the fixture's `i`-th participant, which has never fetched the static files.
    fn of(ctx: &Ctx, i: usize) -> Phone {
        Phone {
            cookie: format!("cchc_session={}", ctx.fixture.tokens[i]),
            has_assets: false,
        }
    }
}

async fn spike(ctx: Arc<Ctx>, participants: usize) -> anyhow::Result<Value> {
    let rec = Arc::new(Recorder::default());
    let pb = bar(participants as u64, "participants");
    let t0 = Instant::now();
    let spread = Duration::from_secs(1);
    let mut tasks = Vec::with_capacity(participants);
    for i in 0..participants {
        let (ctx, rec, pb) = (ctx.clone(), rec.clone(), pb.clone());
        let at = t0 + spread.mul_f64(i as f64 / participants as f64);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep_until(at.into()).await;
            let mut phone = Phone::of(&ctx, i);
            let ok = attempt(&ctx, &rec, &mut phone, ctx.fixture.round_id).await;
            pb.inc(1);
            ok
        }));
    }
    let mut finished = 0u64;
    for t in tasks {
        finished += u64::from(t.await.unwrap_or(false));
    }
    pb.finish();
    let extra =
        json!({ "mode": "spike", "participants": participants, "finished_attempts": finished });
    Ok(finish("browser", &rec, t0.elapsed(), extra))
}

async fn steady(ctx: Arc<Ctx>, concurrency: usize, seconds: u64) -> anyhow::Result<Value> {
    let rec = Arc::new(Recorder::default());
    let finished = Arc::new(AtomicU64::new(0));
    let pb = bar(seconds, "s");
    let t0 = Instant::now();
    let end = t0 + Duration::from_secs(seconds);
    let mut tasks = Vec::with_capacity(concurrency);
    for w in 0..concurrency {
        let (ctx, rec, finished) = (ctx.clone(), rec.clone(), finished.clone());
        tasks.push(tokio::spawn(async move {
            let mut phone = Phone::of(&ctx, w);
            while Instant::now() < end {
                let round = ctx.fixture.practice_round_id;
                if attempt(&ctx, &rec, &mut phone, round).await {
                    finished.fetch_add(1, Ordering::Relaxed);
                } else {
                    // A failing server is not hammered in a tight loop.
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }));
    }
    while Instant::now() < end {
        tokio::time::sleep(Duration::from_secs(1)).await;
        pb.set_position(t0.elapsed().as_secs().min(seconds));
        pb.set_message(format!("{} attempts", finished.load(Ordering::Relaxed)));
    }
    for t in tasks {
        let _ = t.await;
    }
    pb.finish();
    let elapsed = t0.elapsed();
    let done = finished.load(Ordering::Relaxed);
    let rate = done as f64 / elapsed.as_secs_f64();
    println!("finished attempts: {done} ({rate:.1}/s)");
    let extra = json!({
        "mode": "steady", "concurrency": concurrency,
        "finished_attempts": done, "finished_per_second": rate,
    });
    Ok(finish("browser", &rec, elapsed, extra))
}

/// One attempt from the round's page to the result page; whether it ended with the result shown.
async fn attempt(ctx: &Ctx, rec: &Recorder, phone: &mut Phone, round: i64) -> bool {
    let t = Instant::now();
    let done = attempt_steps(ctx, rec, phone, round).await.is_some();
    if done {
        rec.ok("attempt", t.elapsed());
    }
    done
}

async fn attempt_steps(ctx: &Ctx, rec: &Recorder, phone: &mut Phone, round: i64) -> Option<()> {
    let round_page = format!("/dot-thi/{round}");
    timed(rec, "round_page", get_page(ctx, phone, &round_page)).await?;
    let confirm = format!("/dot-thi/{round}/bat-dau");
    let quiz_path = match timed(rec, "confirm", get(ctx, phone, &confirm)).await? {
        // An attempt in progress (a phone that reloads) is continued.
        Got::Redirect(to) if to.starts_with("/bai-thi/") => to,
        Got::Redirect(to) => {
            rec.error("confirm", format!("cannot start: sent to {to}"));
            return None;
        }
        Got::Page(html) => {
            let csrf = csrf_field(&html).or_else(|| {
                rec.error("confirm", "no csrf field on the confirmation page".into());
                None
            })?;
            let form = vec![("csrf".to_owned(), csrf)];
            timed(rec, "start", post_form(ctx, phone, &confirm, &form)).await?
        }
    };
    let quiz = timed(rec, "quiz_page", get_page(ctx, phone, &quiz_path)).await?;
    let Some(page) = QuizPage::parse(&quiz) else {
        rec.error("quiz_page", format!("not a quiz page: {}", snippet(&quiz)));
        return None;
    };
    if !phone.has_assets {
        for asset in &page.assets {
            timed(rec, "asset", get_page(ctx, phone, asset)).await?;
        }
        phone.has_assets = true;
    }
    let mut form = vec![("csrf".to_owned(), page.csrf.clone())];
    for (question, options) in &page.questions {
        let chosen = pick(options);
        let saving = save(ctx, phone, &page, *question, &chosen);
        timed(rec, "save", saving).await?;
        form.extend(
            chosen
                .iter()
                .map(|o| (format!("q_{question}"), o.to_string())),
        );
    }
    if page.prediction {
        form.push(("prediction".to_owned(), "100".to_owned()));
    }
    let submit = format!("{quiz_path}/nop-bai");
    let back = timed(rec, "submit", post_form(ctx, phone, &submit, &form)).await?;
    let result = timed(rec, "result", get_page(ctx, phone, &back)).await?;
    if result.contains("id=\"quiz-form\"") {
        rec.error(
            "result",
            "the attempt is still in progress after submitting".into(),
        );
        return None;
    }
    Some(())
}

enum Got {
    Page(String),
    Redirect(String),
}

async fn get(ctx: &Ctx, phone: &Phone, path: &str) -> anyhow::Result<Got> {
    let res = ctx
        .client
        .get(format!("{}{path}", ctx.base))
        .header(COOKIE, &phone.cookie)
        .send()
        .await?;
    if res.status().is_redirection() {
        return Ok(Got::Redirect(location(&res)?));
    }
    Ok(Got::Page(expect_ok(res).await?.text().await?))
}

/// A page that must be shown (a redirect here is an error: e.g. to the login page).
async fn get_page(ctx: &Ctx, phone: &Phone, path: &str) -> anyhow::Result<String> {
    match get(ctx, phone, path).await? {
        Got::Page(body) => Ok(body),
        Got::Redirect(to) => anyhow::bail!("GET {path} sent to {to}"),
    }
}

/// Posts a form as the browser does; returns where the server sends the browser next.
async fn post_form(
    ctx: &Ctx,
    phone: &Phone,
    path: &str,
    form: &[(String, String)],
) -> anyhow::Result<String> {
    let res = ctx
        .client
        .post(format!("{}{path}", ctx.base))
        .header(COOKIE, &phone.cookie)
        .header(ORIGIN, &ctx.base)
        .form(form)
        .send()
        .await?;
    if res.status().is_redirection() {
        return location(&res);
    }
    let status = res.status();
    let body = res.text().await.unwrap_or_default();
    anyhow::bail!("POST {path}: HTTP {status}: {}", snippet(&body))
}

/// One answer saved the way `static/quiz.js` saves it: the cookie, the CSRF header, the chosen option ids.
async fn save(
    ctx: &Ctx,
    phone: &Phone,
    page: &QuizPage,
    question: i64,
    options: &[i64],
) -> anyhow::Result<()> {
    let url = format!(
        "{}/api/v1/attempts/{}/answers/{question}",
        ctx.base, page.attempt
    );
    let res = ctx
        .client
        .put(url)
        .header(COOKIE, &phone.cookie)
        .header(CONTENT_TYPE, "application/json")
        .header("X-CSRF-Token", &page.csrf)
        .body(json!({ "option_ids": options }).to_string())
        .send()
        .await?;
    expect_ok(res).await?;
    Ok(())
}

fn location(res: &reqwest::Response) -> anyhow::Result<String> {
    let to = res
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| anyhow::anyhow!("HTTP {} without a Location", res.status()))?;
    Ok(to.to_owned())
}

fn snippet(text: &str) -> String {
    text.chars().take(200).collect()
}

/// What the phone reads from the quiz page's HTML.
struct QuizPage {
    attempt: i64,
    csrf: String,
    /// Question ids in page order, each with its option ids.
    questions: Vec<(i64, Vec<i64>)>,
    prediction: bool,
    /// `/static/...` files the page links.
    assets: Vec<String>,
}

impl QuizPage {
    fn parse(html: &str) -> Option<QuizPage> {
        let bar = tags(html, "div").find(|t| attr(t, "id").as_deref() == Some("quiz-bar"))?;
        let attempt = attr(bar, "data-attempt")?.parse().ok()?;
        let csrf = csrf_meta(html)?;
        let mut questions: Vec<(i64, Vec<i64>)> = Vec::new();
        let mut prediction = false;
        for input in tags(html, "input") {
            let name = attr(input, "name").unwrap_or_default();
            prediction |= name == "prediction";
            let Some(q) = name.strip_prefix("q_").and_then(|q| q.parse::<i64>().ok()) else {
                continue;
            };
            let Some(option) = attr(input, "value").and_then(|v| v.parse::<i64>().ok()) else {
                continue;
            };
            match questions.last_mut() {
                Some((last, options)) if *last == q => options.push(option),
                _ => questions.push((q, vec![option])),
            }
        }
        let assets = [("link", "href"), ("script", "src")]
            .into_iter()
            .flat_map(|(tag, at)| tags(html, tag).filter_map(move |t| attr(t, at)))
            .filter(|url| url.starts_with("/static/"))
            .collect();
        Some(QuizPage {
            attempt,
            csrf,
            questions,
            prediction,
            assets,
        })
    }
}

/// The opening tags `<name ...>` of a page, each as its text between `<` and `>`.
fn tags<'a>(html: &'a str, name: &str) -> std::vec::IntoIter<&'a str> {
    let open = format!("<{name} ");
    html.match_indices(open.as_str())
        .filter_map(|(at, _)| html[at..].find('>').map(|end| &html[at..at + end]))
        .collect::<Vec<_>>()
        .into_iter()
}

/// An attribute's value in a tag written by maud (`name="value"`, double quotes).
fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(tag[start..start + len].replace("&amp;", "&"))
}

/// The hidden `csrf` field of a page's form.
fn csrf_field(html: &str) -> Option<String> {
    tags(html, "input")
        .find(|t| attr(t, "name").as_deref() == Some("csrf"))
        .and_then(|t| attr(t, "value"))
}

/// The `<meta name="csrf-token">` that `static/quiz.js` reads.
fn csrf_meta(html: &str) -> Option<String> {
    tags(html, "meta")
        .find(|t| attr(t, "name").as_deref() == Some("csrf-token"))
        .and_then(|t| attr(t, "content"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUIZ: &str = r#"<html><head><meta name="csrf-token" content="tok-1"><link rel="stylesheet" href="/static/app.abc.css"><script src="/static/quiz.def.js" defer></script></head>
<body><div class="quiz-bar" id="quiz-bar" data-attempt="42" data-deadline="x">
<form id="quiz-form"><input type="hidden" name="csrf" value="tok-1">
<input type="radio" name="q_7" value="70"><input type="radio" name="q_7" value="71">
<input type="checkbox" name="q_9" value="90"><input id="prediction" type="number" name="prediction"></form></body></html>"#;

    #[test]
    fn the_quiz_page_gives_the_attempt_questions_token_and_assets() {
        let page = QuizPage::parse(QUIZ).expect("a quiz page");
        assert_eq!(page.attempt, 42);
        assert_eq!(page.csrf, "tok-1");
        assert_eq!(page.questions, vec![(7, vec![70, 71]), (9, vec![90])]);
        assert!(page.prediction);
        assert_eq!(
            page.assets,
            vec!["/static/app.abc.css", "/static/quiz.def.js"]
        );
        assert_eq!(csrf_field(QUIZ).as_deref(), Some("tok-1"));
    }

    #[test]
    fn a_result_page_is_no_quiz_page() {
        assert!(QuizPage::parse("<html><body><h1>Kết quả</h1></body></html>").is_none());
    }
}
