//! The scenarios. Each participant's calls are the ones a browser makes: start (or resume) an attempt, save each
//! answer with a PUT, submit.
use crate::Fixture;
use crate::stats::{Recorder, print_table};
use indicatif::{ProgressBar, ProgressStyle};
use rand::RngExt;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Clone)]
pub struct Ctx {
    pub base: String,
    pub client: reqwest::Client,
    pub fixture: Fixture,
}

pub fn client(pool: usize, gzip: bool) -> anyhow::Result<reqwest::Client> {
    Ok(reqwest::Client::builder()
        .gzip(gzip)
        .pool_max_idle_per_host(pool)
        .tcp_nodelay(true)
        .timeout(Duration::from_secs(30))
        .build()?)
}

struct Attempt {
    id: i64,
    questions: Vec<(i64, Vec<i64>)>,
}

#[derive(Deserialize)]
struct AttemptJson {
    id: i64,
    questions: Vec<QuestionJson>,
}

#[derive(Deserialize)]
struct QuestionJson {
    id: i64,
    options: Vec<OptionJson>,
}

#[derive(Deserialize)]
struct OptionJson {
    id: i64,
}

pub(crate) async fn expect_ok(res: reqwest::Response) -> anyhow::Result<reqwest::Response> {
    let status = res.status();
    if status.is_success() {
        return Ok(res);
    }
    let body = res.text().await.unwrap_or_default();
    anyhow::bail!(
        "HTTP {status}: {}",
        body.chars().take(200).collect::<String>()
    )
}

async fn start(ctx: &Ctx, token: &str, round: i64) -> anyhow::Result<Attempt> {
    let url = format!("{}/api/v1/rounds/{round}/attempts", ctx.base);
    let res = expect_ok(
        ctx.client
            .post(url)
            .bearer_auth(token)
            .json(&json!({}))
            .send()
            .await?,
    )
    .await?;
    let a: AttemptJson = res.json().await?;
    let questions = a
        .questions
        .into_iter()
        .map(|q| (q.id, q.options.into_iter().map(|o| o.id).collect()))
        .collect();
    Ok(Attempt {
        id: a.id,
        questions,
    })
}

async fn save(
    ctx: &Ctx,
    token: &str,
    attempt: i64,
    question: i64,
    options: &[i64],
) -> anyhow::Result<()> {
    let url = format!("{}/api/v1/attempts/{attempt}/answers/{question}", ctx.base);
    expect_ok(
        ctx.client
            .put(url)
            .bearer_auth(token)
            .json(&json!({ "option_ids": options }))
            .send()
            .await?,
    )
    .await?;
    Ok(())
}

async fn submit(ctx: &Ctx, token: &str, attempt: i64) -> anyhow::Result<()> {
    let url = format!("{}/api/v1/attempts/{attempt}/submit", ctx.base);
    expect_ok(
        ctx.client
            .post(url)
            .bearer_auth(token)
            .json(&json!({ "prediction": 100 }))
            .send()
            .await?,
    )
    .await?;
    Ok(())
}

pub(crate) fn pick(options: &[i64]) -> Vec<i64> {
    if options.is_empty() {
        return Vec::new();
    }
    vec![options[rand::rng().random_range(0..options.len())]]
}

/// Times one call into the recorder; returns its result.
pub(crate) async fn timed<T>(
    rec: &Recorder,
    step: &'static str,
    fut: impl Future<Output = anyhow::Result<T>>,
) -> Option<T> {
    let t = Instant::now();
    match fut.await {
        Ok(v) => {
            rec.ok(step, t.elapsed());
            Some(v)
        }
        Err(e) => {
            rec.error(step, format!("{e:#}"));
            None
        }
    }
}

async fn full_attempt(ctx: &Ctx, rec: &Recorder, token: &str, round: i64) -> bool {
    let Some(attempt) = timed(rec, "start", start(ctx, token, round)).await else {
        return false;
    };
    for (q, options) in &attempt.questions {
        if timed(
            rec,
            "save",
            save(ctx, token, attempt.id, *q, &pick(options)),
        )
        .await
        .is_none()
        {
            return false;
        }
    }
    timed(rec, "submit", submit(ctx, token, attempt.id))
        .await
        .is_some()
}

pub(crate) fn bar(len: u64, unit: &str) -> ProgressBar {
    let pb = ProgressBar::new(len);
    let template = format!("{{elapsed_precise}} [{{bar:40}}] {{pos}}/{{len}} {unit} {{msg}}");
    if let Ok(style) = ProgressStyle::default_bar().template(&template) {
        pb.set_style(style);
    }
    pb
}

pub(crate) fn finish(name: &str, rec: &Recorder, elapsed: Duration, extra: Value) -> Value {
    let summary = rec.summary(elapsed);
    println!("\nscenario {name}: {:.1} s", elapsed.as_secs_f64());
    print_table(&summary);
    let mut report =
        json!({ "scenario": name, "elapsed_secs": elapsed.as_secs_f64(), "steps": summary });
    if let (Some(obj), Value::Object(extra)) = (report.as_object_mut(), extra) {
        obj.extend(extra);
    }
    report
}

pub async fn spike(ctx: &Ctx, participants: usize) -> anyhow::Result<Value> {
    anyhow::ensure!(
        participants <= ctx.fixture.tokens.len(),
        "the fixture has only {} participants",
        ctx.fixture.tokens.len()
    );
    let ctx = Arc::new(Ctx {
        base: ctx.base.clone(),
        client: ctx.client.clone(),
        fixture: ctx.fixture.clone(),
    });
    let rec = Arc::new(Recorder::default());
    let pb = bar(participants as u64, "participants");
    let t0 = Instant::now();
    let spread = Duration::from_secs(1);
    let mut tasks = Vec::with_capacity(participants);
    for i in 0..participants {
        let (ctx, rec, pb) = (ctx.clone(), rec.clone(), pb.clone());
        let slot = spread.mul_f64(i as f64 / participants as f64);
        tasks.push(tokio::spawn(async move {
            tokio::time::sleep_until((t0 + slot).into()).await;
            let ok = full_attempt(&ctx, &rec, &ctx.fixture.tokens[i], ctx.fixture.round_id).await;
            pb.inc(1);
            ok
        }));
    }
    let mut finished = 0u64;
    for t in tasks {
        finished += u64::from(t.await.unwrap_or(false));
    }
    pb.finish();
    let elapsed = t0.elapsed();
    Ok(finish(
        "spike",
        &rec,
        elapsed,
        json!({ "participants": participants, "finished_attempts": finished }),
    ))
}

pub async fn steady(ctx: &Ctx, concurrency: usize, seconds: u64) -> anyhow::Result<Value> {
    let tokens = &ctx.fixture.tokens;
    anyhow::ensure!(
        concurrency <= tokens.len(),
        "the fixture has only {} participants",
        tokens.len()
    );
    let ctx = Arc::new(Ctx {
        base: ctx.base.clone(),
        client: ctx.client.clone(),
        fixture: ctx.fixture.clone(),
    });
    let rec = Arc::new(Recorder::default());
    let finished = Arc::new(AtomicU64::new(0));
    let pb = bar(seconds, "s");
    let t0 = Instant::now();
    let end = t0 + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for w in 0..concurrency {
        let (ctx, rec, finished) = (ctx.clone(), rec.clone(), finished.clone());
        tasks.push(tokio::spawn(async move {
            let token = ctx.fixture.tokens[w].clone();
            while Instant::now() < end {
                if full_attempt(&ctx, &rec, &token, ctx.fixture.practice_round_id).await {
                    finished.fetch_add(1, Ordering::Relaxed);
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
    Ok(finish(
        "steady",
        &rec,
        elapsed,
        json!({ "concurrency": concurrency, "finished_attempts": done, "finished_per_second": rate }),
    ))
}

/// One answer slot's durability record: the last value the server acknowledged and the one in flight, if any.
#[derive(Serialize, Deserialize, Clone)]
pub struct Ack {
    token_index: usize,
    attempt_id: i64,
    question_id: i64,
    acked: Option<Vec<i64>>,
    in_flight: Option<Vec<i64>>,
}

pub async fn saves(
    ctx: &Ctx,
    concurrency: usize,
    seconds: u64,
    acks_out: Option<&Path>,
) -> anyhow::Result<Value> {
    anyhow::ensure!(
        concurrency <= ctx.fixture.tokens.len(),
        "the fixture has only {} participants",
        ctx.fixture.tokens.len()
    );
    let ctx = Arc::new(Ctx {
        base: ctx.base.clone(),
        client: ctx.client.clone(),
        fixture: ctx.fixture.clone(),
    });
    let rec = Arc::new(Recorder::default());
    let broken = Arc::new(AtomicBool::new(false));
    let stop_on_error = acks_out.is_some();
    let pb = bar(seconds, "s");
    let mut tasks = Vec::new();
    let t0 = Instant::now();
    let end = t0 + Duration::from_secs(seconds);
    for w in 0..concurrency {
        let (ctx, rec, broken) = (ctx.clone(), rec.clone(), broken.clone());
        tasks.push(tokio::spawn(async move {
            let token = ctx.fixture.tokens[w].clone();
            let mut acks: HashMap<i64, Ack> = HashMap::new();
            let Some(attempt) = timed(
                &rec,
                "start",
                start(&ctx, &token, ctx.fixture.practice_round_id),
            )
            .await
            else {
                return acks;
            };
            let mut i = 0usize;
            while Instant::now() < end
                && !broken.load(Ordering::Relaxed)
                && !attempt.questions.is_empty()
            {
                let (q, options) = &attempt.questions[i % attempt.questions.len()];
                i += 1;
                let choice = pick(options);
                let slot = acks.entry(*q).or_insert(Ack {
                    token_index: w,
                    attempt_id: attempt.id,
                    question_id: *q,
                    acked: None,
                    in_flight: None,
                });
                slot.in_flight = Some(choice.clone());
                let t = Instant::now();
                match save(&ctx, &token, attempt.id, *q, &choice).await {
                    Ok(()) => {
                        rec.ok("save", t.elapsed());
                        slot.acked = slot.in_flight.take();
                    }
                    Err(e) => {
                        rec.error("save", format!("{e:#}"));
                        if stop_on_error {
                            broken.store(true, Ordering::Relaxed);
                        }
                    }
                }
            }
            acks
        }));
    }
    while Instant::now() < end && !broken.load(Ordering::Relaxed) {
        tokio::time::sleep(Duration::from_millis(250)).await;
        pb.set_position(t0.elapsed().as_secs().min(seconds));
    }
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap_or_default().into_values());
    }
    pb.finish();
    let elapsed = t0.elapsed();
    if let Some(path) = acks_out {
        std::fs::write(path, serde_json::to_vec(&all)?)?;
        println!(
            "{} acknowledged answer slots recorded in {}",
            all.iter().filter(|a| a.acked.is_some()).count(),
            path.display()
        );
    }
    Ok(finish(
        "saves",
        &rec,
        elapsed,
        json!({ "concurrency": concurrency }),
    ))
}

/// The chosen option ids per question, from `GET /api/v1/attempts/{id}` (`answers` as a list or a map).
fn answers_of(attempt: &Value) -> HashMap<i64, Vec<i64>> {
    let ids = |v: &Value| -> Vec<i64> {
        let mut ids: Vec<i64> = v
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_i64).collect())
            .unwrap_or_default();
        ids.sort_unstable();
        ids
    };
    match &attempt["answers"] {
        Value::Array(list) => list
            .iter()
            .filter_map(|a| Some((a["question_id"].as_i64()?, ids(&a["option_ids"]))))
            .collect(),
        Value::Object(map) => map
            .iter()
            .filter_map(|(k, v)| Some((k.parse().ok()?, ids(v))))
            .collect(),
        _ => HashMap::new(),
    }
}

pub async fn verify(ctx: &Ctx, acks_path: &Path) -> anyhow::Result<Value> {
    let acks: Vec<Ack> = serde_json::from_slice(&std::fs::read(acks_path)?)?;
    let mut by_attempt: HashMap<i64, Vec<Ack>> = HashMap::new();
    for a in acks.into_iter().filter(|a| a.acked.is_some()) {
        by_attempt.entry(a.attempt_id).or_default().push(a);
    }
    let (mut checked, mut lost) = (0u64, 0u64);
    for (attempt_id, slots) in &by_attempt {
        let token = &ctx.fixture.tokens[slots[0].token_index];
        let url = format!("{}/api/v1/attempts/{attempt_id}", ctx.base);
        let body: Value = expect_ok(ctx.client.get(url).bearer_auth(token).send().await?)
            .await?
            .json()
            .await?;
        let stored = answers_of(&body);
        for slot in slots {
            checked += 1;
            let have = stored.get(&slot.question_id);
            let sorted = |v: &Option<Vec<i64>>| {
                v.clone().map(|mut v| {
                    v.sort_unstable();
                    v
                })
            };
            let ok = have.is_some()
                && (have == sorted(&slot.acked).as_ref()
                    || have == sorted(&slot.in_flight).as_ref());
            if !ok {
                lost += 1;
                eprintln!(
                    "LOST: attempt {attempt_id} question {}: acknowledged {:?}, stored {:?}",
                    slot.question_id, slot.acked, have
                );
            }
        }
    }
    println!("verified {checked} acknowledged saves: {lost} lost");
    Ok(
        json!({ "scenario": "verify", "checked": checked, "lost": lost, "failed": lost > 0 || checked == 0 }),
    )
}
