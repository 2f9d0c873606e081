//! Latency recording per step and the summary table.
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

#[derive(Default)]
pub struct Recorder {
    steps: Mutex<BTreeMap<&'static str, Step>>,
}

#[derive(Default)]
struct Step {
    micros: Vec<u32>,
    errors: u64,
    first_error: Option<String>,
}

#[derive(Serialize, Debug)]
pub struct StepSummary {
    pub step: &'static str,
    pub ok: u64,
    pub errors: u64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub first_error: Option<String>,
}

impl Recorder {
    pub fn ok(&self, step: &'static str, latency: Duration) {
        if let Ok(mut steps) = self.steps.lock() {
            steps
                .entry(step)
                .or_default()
                .micros
                .push(latency.as_micros().min(u32::MAX as u128) as u32);
        }
    }

    pub fn error(&self, step: &'static str, what: String) {
        if let Ok(mut steps) = self.steps.lock() {
            let s = steps.entry(step).or_default();
            s.errors += 1;
            s.first_error.get_or_insert(what);
        }
    }

    pub fn summary(&self, elapsed: Duration) -> Vec<StepSummary> {
        let Ok(mut steps) = self.steps.lock() else {
            return Vec::new();
        };
        steps
            .iter_mut()
            .map(|(name, s)| {
                s.micros.sort_unstable();
                let pct = |p: f64| -> f64 {
                    if s.micros.is_empty() {
                        return 0.0;
                    }
                    let i = ((s.micros.len() as f64 - 1.0) * p).round() as usize;
                    f64::from(s.micros[i]) / 1000.0
                };
                StepSummary {
                    step: name,
                    ok: s.micros.len() as u64,
                    errors: s.errors,
                    per_second: s.micros.len() as f64 / elapsed.as_secs_f64().max(1e-9),
                    p50_ms: pct(0.50),
                    p95_ms: pct(0.95),
                    p99_ms: pct(0.99),
                    max_ms: pct(1.0),
                    first_error: s.first_error.clone(),
                }
            })
            .collect()
    }
}

pub fn print_table(summary: &[StepSummary]) {
    println!(
        "{:<10} {:>9} {:>7} {:>10} {:>9} {:>9} {:>9} {:>9}",
        "step", "ok", "errors", "per_s", "p50_ms", "p95_ms", "p99_ms", "max_ms"
    );
    for s in summary {
        println!(
            "{:<10} {:>9} {:>7} {:>10.1} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
            s.step, s.ok, s.errors, s.per_second, s.p50_ms, s.p95_ms, s.p99_ms, s.max_ms
        );
        if let Some(e) = &s.first_error {
            println!("           first error: {e}");
        }
    }
}
