//! `loadgen login`: N distinct accounts log in at the same moment (review F2's storm), or spread evenly over
//! `--over-secs`, while one participant keeps saving an answer (the probe: does the rest of the server stay
//! responsive?). Reports the answers by kind (success, wrong password, busy, throttled), their latencies and,
//! with `--server-pid`, the server's peak resident memory. With `--retry-busy` a person told "busy" (503) tries
//! again after the `Retry-After` the login page gives, as long as 60 s from their first press; `login_ok` then
//! counts from that first press. Accounts come from `cchc-quiz seed-load --password PW` (logins in the
//! fixture). Each login comes from its own loopback address (127.1.x.y), as a sector's logins come from many
//! machines.
use crate::scenarios::Ctx;
use crate::stats::{Recorder, print_table};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub struct LoginRun {
    pub logins: usize,
    pub password: String,
    /// Every k-th login uses a wrong password (0: none).
    pub wrong_every: usize,
    pub server_pid: Option<u32>,
    /// The logins arrive evenly over this many seconds (0: all at once).
    pub over_secs: f64,
    /// Whoever is told "busy" tries again after `Retry-After`.
    pub retry_busy: bool,
}

/// How long a person keeps pressing "Đăng nhập" again after "busy".
const GIVE_UP_AFTER: Duration = Duration::from_secs(60);

pub async fn login(ctx: &Ctx, run: LoginRun) -> anyhow::Result<Value> {
    let names = ctx.fixture.logins.clone();
    anyhow::ensure!(
        names.len() >= run.logins,
        "the fixture has {} logins; run `cchc-quiz seed-load --participants {} --password ...`",
        names.len(),
        run.logins
    );
    let rec = Arc::new(Recorder::default());
    let done = Arc::new(AtomicBool::new(false));
    let peak_kib = Arc::new(AtomicU64::new(0));
    let sampler = run
        .server_pid
        .map(|pid| tokio::spawn(sample_rss(pid, done.clone(), peak_kib.clone())));
    let probe = tokio::spawn(probe_saves(ctx.clone(), rec.clone(), done.clone()));
    tokio::time::sleep(Duration::from_millis(300)).await;
    let gate = Arc::new(tokio::sync::Barrier::new(run.logins));
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(run.logins);
    for (i, name) in names.into_iter().take(run.logins).enumerate() {
        let wrong = run.wrong_every > 0 && i % run.wrong_every == run.wrong_every - 1;
        let password = if wrong {
            "mat-khau-sai-123".to_owned()
        } else {
            run.password.clone()
        };
        let (ctx, rec, gate) = (ctx.clone(), rec.clone(), gate.clone());
        let client = client_from(i)?;
        let arrives = Duration::from_secs_f64(run.over_secs * i as f64 / run.logins as f64);
        let retry_busy = run.retry_busy;
        tasks.push(tokio::spawn(async move {
            gate.wait().await;
            tokio::time::sleep(arrives).await;
            one_login(&ctx, &client, &rec, &name, &password, retry_busy).await;
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let elapsed = started.elapsed();
    done.store(true, Ordering::SeqCst);
    let _ = probe.await;
    if let Some(s) = sampler {
        let _ = s.await;
    }
    let summary = rec.summary(elapsed);
    print_table(&summary);
    let hwm = run.server_pid.and_then(|pid| status_kib(pid, "VmHWM:"));
    let peak_mb = peak_kib.load(Ordering::SeqCst) as f64 / 1024.0;
    println!(
        "{} logins arriving over {} s answered in {:.2} s",
        run.logins,
        run.over_secs,
        elapsed.as_secs_f64()
    );
    if run.server_pid.is_some() {
        println!(
            "server peak RSS during the burst: {peak_mb:.0} MB (VmHWM {} MB)",
            hwm.unwrap_or(0) / 1024
        );
    }
    let answered: u64 = summary
        .iter()
        .filter(|s| s.step.starts_with("login_"))
        .map(|s| s.ok)
        .sum();
    let unanswered = summary
        .iter()
        .filter(|s| s.step == "login")
        .map(|s| s.errors)
        .sum::<u64>();
    Ok(json!({
        "logins": run.logins, "over_secs": run.over_secs, "retry_busy": run.retry_busy,
        "answered": answered, "unanswered": unanswered,
        "seconds": elapsed.as_secs_f64(), "peak_rss_mb": peak_mb, "vm_hwm_mb": hwm.map(|k| k / 1024),
        "steps": summary, "failed": unanswered > 0,
    }))
}

/// A client whose connections come from a loopback address of its own.
fn client_from(i: usize) -> anyhow::Result<reqwest::Client> {
    let ip = std::net::Ipv4Addr::new(127, 1, (i / 250) as u8, (i % 250 + 1) as u8);
    Ok(reqwest::Client::builder()
        .local_address(std::net::IpAddr::V4(ip))
        .timeout(Duration::from_secs(60))
        .build()?)
}

async fn one_login(
    ctx: &Ctx,
    client: &reqwest::Client,
    rec: &Recorder,
    login: &str,
    password: &str,
    retry_busy: bool,
) {
    let first_press = Instant::now();
    loop {
        let res = client
            .post(format!("{}/api/v1/auth/login", ctx.base))
            .json(&json!({"login": login, "password": password}))
            .send()
            .await;
        let res = match res {
            Ok(r) => r,
            Err(e) => return rec.error("login", e.to_string()),
        };
        let kind = match res.status().as_u16() {
            200 => "login_ok",
            401 => "login_wrong",
            503 => "login_busy",
            429 => "login_throttled",
            other => return rec.error("login", format!("HTTP {other}")),
        };
        if kind == "login_busy" && retry_busy && first_press.elapsed() < GIVE_UP_AFTER {
            let wait = res
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(2);
            rec.ok("busy_then_retried", first_press.elapsed());
            tokio::time::sleep(Duration::from_secs(wait)).await;
            continue;
        }
        rec.ok(kind, first_press.elapsed());
        rec.ok("all_logins", first_press.elapsed());
        return;
    }
}

/// One participant saves an answer every 100 ms until the burst is over.
async fn probe_saves(ctx: Ctx, rec: Arc<Recorder>, done: Arc<AtomicBool>) {
    let Some(token) = ctx.fixture.tokens.first().cloned() else {
        return;
    };
    let url = format!(
        "{}/api/v1/rounds/{}/attempts",
        ctx.base, ctx.fixture.round_id
    );
    let attempt: Value = match ctx
        .client
        .post(url)
        .bearer_auth(&token)
        .json(&json!({}))
        .send()
        .await
    {
        Ok(r) => r.json().await.unwrap_or_default(),
        Err(e) => return rec.error("probe_save", e.to_string()),
    };
    let (Some(id), Some(q)) = (attempt["id"].as_i64(), attempt["questions"].get(0)) else {
        return rec.error("probe_save", format!("no attempt: {attempt}"));
    };
    let url = format!("{}/api/v1/attempts/{id}/answers/{}", ctx.base, q["id"]);
    let body = json!({"option_ids": [q["options"][0]["id"]]});
    while !done.load(Ordering::SeqCst) {
        let t = Instant::now();
        match ctx
            .client
            .put(&url)
            .bearer_auth(&token)
            .json(&body)
            .send()
            .await
        {
            Ok(r) if r.status().is_success() => rec.ok("probe_save", t.elapsed()),
            Ok(r) => rec.error("probe_save", format!("HTTP {}", r.status())),
            Err(e) => rec.error("probe_save", e.to_string()),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sample_rss(pid: u32, done: Arc<AtomicBool>, peak: Arc<AtomicU64>) {
    while !done.load(Ordering::SeqCst) {
        if let Some(kib) = status_kib(pid, "VmRSS:") {
            peak.fetch_max(kib, Ordering::SeqCst);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// A `kB` figure of /proc/PID/status.
fn status_kib(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
