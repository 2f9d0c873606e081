//! One look for every page, checked the way an accessibility audit would in a real browser: on every page of
//! every role (and the visitor's), at 360 px and at 1,280 px, text has a contrast of at least 4.5:1 (3:1 for large
//! text) against what is behind it, every field has a label, nothing scrolls sideways, and on a phone the wide
//! tables have turned into cards; the keyboard's focus is visible.
mod support;

use cchc_quiz::domain::Role;
use fantoccini::{Client, Locator};
use serde_json::Value;
use support::{App, spawn_app, use_session, wait_for, with_browser, with_desktop_browser};

/// What the audit found on one page (empty lists when all is well).
const AUDIT: &str = r#"
const visible = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)
    && getComputedStyle(e).visibility !== 'hidden';
const parse = (s) => {
    const m = s.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
};
const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1,
});
// The colour behind an element: its own and its ancestors' backgrounds composed over white.
const behind = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.backgroundImage !== 'none') return null;
        const c = parse(cs.backgroundColor);
        if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let colour = { r: 255, g: 255, b: 255, a: 1 };
    for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
    return colour;
};
const luminance = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
};
const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
};
const describe = (e) => {
    const text = (e.innerText || e.value || e.outerHTML).trim().replace(/\s+/g, ' ').slice(0, 60);
    return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' "' + text + '"';
};
const contrast = [];
for (const e of document.querySelectorAll('body *')) {
    if (!visible(e) || e.closest('[hidden], svg')) continue;
    if (e.disabled || e.closest('button:disabled')) continue;
    const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const cs = getComputedStyle(e);
    const bg = behind(e);
    const fg = parse(cs.color);
    if (!bg || !fg) continue;
    for (let a = e; a; a = a.parentElement) fg.a *= Number(getComputedStyle(a).opacity);
    const got = ratio(fg.a < 1 ? over(fg, bg) : fg, bg);
    const size = parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    const need = large ? 3 : 4.5;
    if (got < need) contrast.push(describe(e) + ' ' + got.toFixed(2) + ':1 (' + cs.color + ' on rgb(' + [bg.r, bg.g, bg.b].map(Math.round) + '))');
}
const unlabelled = [...document.querySelectorAll('input, select, textarea, button')]
    .filter((e) => visible(e) && !['hidden'].includes(e.type))
    .filter((e) => {
        if (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')) return false;
        if (e.tagName === 'BUTTON' || ['submit', 'button', 'reset'].includes(e.type)) return !(e.innerText || e.value || '').trim();
        return !(e.labels && e.labels.length);
    })
    .map(describe);
const sideways = document.documentElement.scrollWidth > window.innerWidth + 1
    ? ['the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window'] : [];
const scrolling = [...document.querySelectorAll('.table-wrap')]
    .filter((w) => visible(w) && w.scrollWidth > w.clientWidth + 1)
    .map((w) => describe(w.querySelector('table') || w) + ' scrolls ' + (w.scrollWidth - w.clientWidth) + ' px sideways');
return { contrast, unlabelled, sideways, scrolling };
"#;

struct Walk {
    app: App,
    /// (who, session token or none for a visitor, the pages they see)
    people: Vec<(&'static str, Option<String>, Vec<String>)>,
}

/// A contest with something on every page: two units, a submitted attempt, a judge and an organiser.
async fn contest() -> Walk {
    let app = spawn_app().await;
    let round = app.open_round().await;
    let (participant, token) = app.participant().await;
    let unit = app.second_unit().await;
    let attempt = app.start_attempt(&token, round).await["id"]
        .as_i64()
        .expect("attempt id");
    let submitted = reqwest::Client::new()
        .post(format!("{}/api/v1/attempts/{attempt}/submit", app.address))
        .bearer_auth(&token)
        .json(&serde_json::json!({}))
        .send()
        .await
        .expect("submit");
    assert!(
        submitted.status().is_success(),
        "submit: {}",
        submitted.status()
    );
    let judge = app
        .user("giamkhao", "Phạm Văn Giám Khảo", Role::Judge, None)
        .await;
    let judge = app.state.keys.issue(judge, 0).expect("token").token;
    let organiser = app.organiser().await;

    let visitor = vec![
        "/".to_owned(),
        "/dang-nhap".to_owned(),
        "/dang-ky".to_owned(),
        "/ket-qua".to_owned(),
        "/tai-lieu".to_owned(),
        "/trang-khong-co".to_owned(),
    ];
    let participant_pages = vec![
        "/dot-thi".to_owned(),
        format!("/dot-thi/{round}"),
        format!("/bai-thi/{attempt}"),
        "/tai-khoan".to_owned(),
    ];
    let judge_pages = vec![
        "/giam-khao".to_owned(),
        format!("/giam-khao/dot-thi/{round}"),
        format!("/giam-khao/dot-thi/{round}/thong-ke"),
        format!("/giam-khao/dot-thi/{round}/giay-chung-nhan"),
        format!("/ket-qua/{round}/le-trao-giai"),
        format!("/ket-qua/{round}/trinh-chieu"),
        "/quan-tri/ngan-hang".to_owned(),
        "/quan-tri/ngan-hang/thu".to_owned(),
    ];
    let organiser_pages = vec![
        "/quan-tri".to_owned(),
        "/quan-tri/can-bo".to_owned(),
        format!("/quan-tri/can-bo/{participant}"),
        "/quan-tri/don-vi".to_owned(),
        format!("/quan-tri/don-vi/{unit}/phieu"),
        "/quan-tri/dot-thi".to_owned(),
        "/quan-tri/dot-thi/moi".to_owned(),
        format!("/quan-tri/dot-thi/{round}"),
        format!("/quan-tri/dot-thi/{round}/tien-do"),
        "/quan-tri/nhap-danh-sach".to_owned(),
        "/quan-tri/ngan-hang".to_owned(),
        "/quan-tri/tai-lieu".to_owned(),
        "/quan-tri/nhat-ky".to_owned(),
    ];
    Walk {
        app,
        people: vec![
            ("visitor", None, visitor),
            ("participant", Some(token), participant_pages),
            ("judge", Some(judge), judge_pages),
            ("organiser", Some(organiser), organiser_pages),
        ],
    }
}

/// Every page of every role, audited; returns the problems found, one line each.
async fn audit_every_page(c: &Client, walk: &Walk, phone: bool) -> Vec<String> {
    let mut problems = Vec::new();
    for (who, token, pages) in &walk.people {
        if let Some(token) = token {
            use_session(c, &walk.app, token).await;
        }
        for path in pages {
            c.goto(&format!("{}{path}", walk.app.address))
                .await
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            wait_for(c, "main").await;
            let found = c.execute(AUDIT, vec![]).await.expect("the audit ran");
            let list = |key: &str| -> Vec<String> {
                found[key]
                    .as_array()
                    .map(|items| {
                        items
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            for (kind, items) in [
                ("contrast under 4.5:1", list("contrast")),
                ("no label", list("unlabelled")),
                ("sideways scroll", list("sideways")),
            ] {
                problems.extend(
                    items
                        .into_iter()
                        .map(|i| format!("{who} {path}: {kind}: {i}")),
                );
            }
            if phone {
                problems.extend(
                    list("scrolling")
                        .into_iter()
                        .map(|i| format!("{who} {path}: a table, not cards, at 360 px: {i}")),
                );
            }
        }
    }
    problems
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_reads_well_on_a_phone() {
    with_browser(|c| async move {
        let walk = contest().await;
        let problems = audit_every_page(&c, &walk, true).await;
        assert!(problems.is_empty(), "at 360 px:\n{}", problems.join("\n"));
        // The organisers' staff list is a stack of cards, each field named.
        use_session(&c, &walk.app, walk.people[3].1.as_deref().expect("organiser")).await;
        c.goto(&format!("{}/quan-tri/can-bo", walk.app.address))
            .await
            .expect("staff list");
        let label = c
            .execute(
                "const td = document.querySelector('table.cards tbody td[data-label=\"Đơn vị\"]');
                 return [getComputedStyle(td.closest('tr')).display, getComputedStyle(td, '::before').content];",
                vec![],
            )
            .await
            .expect("the card");
        assert_eq!(label, serde_json::json!(["block", "\"Đơn vị\""]));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_reads_well_on_a_desktop() {
    with_desktop_browser(|c| async move {
        let walk = contest().await;
        let problems = audit_every_page(&c, &walk, false).await;
        assert!(problems.is_empty(), "at 1,280 px:\n{}", problems.join("\n"));
        // On a desktop the same list is a table with its header row.
        use_session(
            &c,
            &walk.app,
            walk.people[3].1.as_deref().expect("organiser"),
        )
        .await;
        c.goto(&format!("{}/quan-tri/can-bo", walk.app.address))
            .await
            .expect("staff list");
        let header = c
            .find(Locator::Css("table.cards thead th"))
            .await
            .expect("a header cell");
        assert!(header.is_displayed().await.expect("displayed"));
    })
    .await;
}

/// The audit itself: pale text, a field without a label and a table wider than its page are each reported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_audit_sees_pale_text_an_unlabelled_field_and_a_wide_table() {
    with_browser(|c| async move {
        let app = spawn_app().await;
        c.goto(&format!("{}/dang-nhap", app.address))
            .await
            .expect("login page");
        wait_for(&c, "main").await;
        c.execute(
            "const main = document.querySelector('main');
             const pale = document.createElement('p'); pale.textContent = 'Chữ nhạt'; pale.style.color = '#aaaaaa';
             const field = document.createElement('input'); field.type = 'text'; field.name = 'q';
             const wrap = document.createElement('div'); wrap.className = 'table-wrap';
             const table = document.createElement('table'); table.className = 'data'; table.style.width = '900px';
             table.innerHTML = '<tbody><tr><td>Ô rộng</td></tr></tbody>';
             wrap.append(table); main.append(pale, field, wrap);",
            vec![],
        )
        .await
        .expect("planted");
        let found = c.execute(AUDIT, vec![]).await.expect("the audit ran");
        let text = found.to_string();
        assert!(text.contains("Chữ nhạt"), "pale text found: {text}");
        assert!(text.contains("input"), "the field without a label found: {text}");
        assert!(text.contains("scrolls"), "the wide table found: {text}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_keyboard_focus_is_visible() {
    with_browser(|c| async move {
        let app = spawn_app().await;
        c.goto(&format!("{}/dang-nhap", app.address))
            .await
            .expect("login page");
        let body = wait_for(&c, "body").await;
        body.send_keys("\u{E004}").await.expect("Tab");
        let focus = c
            .execute(
                "const e = document.activeElement; const cs = getComputedStyle(e);
                 return [e.tagName, cs.outlineStyle, parseFloat(cs.outlineWidth)];",
                vec![],
            )
            .await
            .expect("the focused element");
        assert_ne!(focus[0], "BODY", "Tab moved the focus: {focus}");
        assert_ne!(focus[1], "none", "the focused element is outlined: {focus}");
        assert!(
            focus[2].as_f64().unwrap_or(0.0) >= 2.0,
            "an outline of at least 2 px: {focus}"
        );
    })
    .await;
}
