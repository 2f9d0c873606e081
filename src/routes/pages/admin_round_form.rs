//! The organiser's round form: its typed values, parsing them into a round (Vietnam local times, minutes),
//! showing a round in it, and turning an edit into a patch that leaves untouched settings as they were.
use crate::error::FieldErrors;
use crate::store::rounds::{DrawRule, NewRound, Prizes, RoundPatch, RoundView};
use crate::web::pages::admin_rounds::{COUNT_FIELD, PRIZE_FIELDS, RoundForm};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Ho_Chi_Minh)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

pub fn to_form(r: &RoundView) -> RoundForm {
    let text = |v: serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    RoundForm {
        title: r.title.clone(),
        opens_at: local(r.opens_at),
        closes_at: local(r.closes_at),
        time_limit_minutes: (r.time_limit_secs / 60).to_string(),
        question_count: r.question_count.to_string(),
        max_attempts: r.max_attempts.to_string(),
        counting: text(json!(r.counting)),
        prediction: text(json!(r.prediction)),
        reveal: text(json!(r.reveal)),
        practice: r.practice,
        counts: r
            .draw_rules
            .iter()
            .map(|d| (d.topic.clone(), d.count.to_string()))
            .collect(),
        all_units: r.unit_ids.is_empty(),
        unit_ids: r.unit_ids.clone(),
        rules: r.rules.clone(),
        prizes: [
            r.prizes.first,
            r.prizes.second,
            r.prizes.third,
            r.prizes.consolation,
            r.prizes.units,
        ]
        .map(|n| if n == 0 { String::new() } else { n.to_string() }),
    }
}

pub fn read_form(fields: Vec<(String, String)>) -> (String, RoundForm) {
    let mut map: HashMap<String, String> = HashMap::new();
    let mut counts = BTreeMap::new();
    let mut unit_ids = Vec::new();
    for (k, v) in fields {
        if let Some(topic) = k.strip_prefix(COUNT_FIELD) {
            counts.insert(topic.to_owned(), v);
        } else if k == "unit" {
            unit_ids.extend(v.trim().parse::<i64>().ok());
        } else {
            map.insert(k, v);
        }
    }
    let mut take = |k: &str| map.remove(k).unwrap_or_default();
    let csrf = take("csrf");
    let f = RoundForm {
        title: take("title"),
        opens_at: take("opens_at"),
        closes_at: take("closes_at"),
        time_limit_minutes: take("time_limit_minutes"),
        question_count: take("question_count"),
        max_attempts: take("max_attempts"),
        counting: take("counting"),
        prediction: take("prediction"),
        reveal: take("reveal"),
        practice: !take("practice").is_empty(),
        counts,
        all_units: take("units_scope") != "some",
        unit_ids,
        rules: take("rules"),
        prizes: PRIZE_FIELDS.map(|(name, _)| take(name)),
    };
    (csrf, f)
}

/// Turns the typed values into a round input, or the errors per field.
pub fn parse(f: &RoundForm) -> Result<NewRound, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut fail =
        |field: &str, msg: &str| errors.entry(field.into()).or_default().push(msg.into());
    let time = |s: &str| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|n| Ho_Chi_Minh.from_local_datetime(&n).earliest())
            .map(|t| t.with_timezone(&Utc))
    };
    let opens_at = time(&f.opens_at);
    let closes_at = time(&f.closes_at);
    if opens_at.is_none() {
        fail("opens_at", "Vui lòng nhập thời điểm bắt đầu.");
    }
    if closes_at.is_none() {
        fail("closes_at", "Vui lòng nhập thời điểm kết thúc.");
    }
    let int = |s: &str| s.trim().parse::<i32>().ok();
    let minutes = int(&f.time_limit_minutes);
    if minutes.is_none() {
        fail("time_limit_minutes", "Vui lòng nhập số phút.");
    }
    let count = int(&f.question_count);
    if count.is_none() {
        fail("question_count", "Vui lòng nhập số câu hỏi.");
    }
    let max = int(&f.max_attempts);
    if max.is_none() {
        fail("max_attempts", "Vui lòng nhập số lượt thi.");
    }
    if !f.all_units && f.unit_ids.is_empty() {
        fail(
            "unit_ids",
            "Hãy chọn ít nhất một đơn vị, hoặc chọn \"Tất cả đơn vị\".",
        );
    }
    // A topic left empty or at 0 is not drawn from.
    let mut rules = Vec::new();
    for (topic, typed) in &f.counts {
        match typed.trim() {
            "" | "0" => {}
            n => match n.parse::<i32>() {
                Ok(count) if count > 0 => rules.push(DrawRule {
                    topic: topic.clone(),
                    count,
                }),
                _ => fail(
                    "draw_rules",
                    &format!("Số câu của chủ đề \"{topic}\" phải là một số nguyên dương."),
                ),
            },
        }
    }
    let mut prize = [0; 5];
    for (slot, typed) in prize.iter_mut().zip(&f.prizes) {
        match typed.trim() {
            "" => {}
            n => match n.parse::<i32>() {
                Ok(count) => *slot = count,
                Err(_) => fail("prizes", "Số giải phải là một số nguyên từ 0 đến 1000."),
            },
        }
    }
    match (opens_at, closes_at, minutes, count, max) {
        (Some(opens_at), Some(closes_at), Some(m), Some(c), Some(max)) if errors.is_empty() => {
            Ok(NewRound {
                title: f.title.clone(),
                opens_at,
                closes_at,
                time_limit_secs: m.saturating_mul(60),
                question_count: c,
                max_attempts: max,
                counting: choice(&f.counting),
                prediction: choice(&f.prediction),
                practice: f.practice,
                reveal: choice(&f.reveal),
                bank_id: None,
                draw_rules: rules,
                unit_ids: if f.all_units {
                    Vec::new()
                } else {
                    f.unit_ids.clone()
                },
                rules: f.rules.trim().to_owned(),
                prizes: Prizes {
                    first: prize[0],
                    second: prize[1],
                    third: prize[2],
                    consolation: prize[3],
                    units: prize[4],
                },
            })
        }
        _ => Err(errors),
    }
}

fn choice<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(json!(s)).ok()
}

/// The form shows minutes only: a time left as shown keeps its seconds, so it does not count as a change.
pub fn patch_from(current: &RoundView, n: NewRound) -> RoundPatch {
    let keep =
        |old: DateTime<Utc>, new: DateTime<Utc>| if local(old) == local(new) { old } else { new };
    let keep_secs = if current.time_limit_secs / 60 == n.time_limit_secs / 60 {
        current.time_limit_secs
    } else {
        n.time_limit_secs
    };
    RoundPatch {
        title: Some(n.title),
        opens_at: Some(keep(current.opens_at, n.opens_at)),
        closes_at: Some(keep(current.closes_at, n.closes_at)),
        time_limit_secs: Some(keep_secs),
        question_count: Some(n.question_count),
        max_attempts: Some(n.max_attempts),
        counting: n.counting,
        prediction: n.prediction,
        practice: Some(n.practice),
        reveal: n.reveal,
        draw_rules: Some(n.draw_rules),
        unit_ids: Some(n.unit_ids),
        rules: Some(n.rules),
        prizes: Some(n.prizes),
    }
}
