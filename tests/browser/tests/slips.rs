//! An organiser reissues the login slips of a unit of sixteen people and prints them: the printout holds the
//! slips only, eight to an A4 page; on a phone and on a desktop the page fits the screen.
mod support;

use cchc_quiz::domain::Role;
use fantoccini::wd::{PrintConfiguration, PrintSize};
use fantoccini::{Client, Locator};
use support::{App, spawn_app, use_session, wait_for, with_browser, with_desktop_browser};

/// Fifteen more participants in the unit of `App::participant`, none of whom has logged in.
async fn fifteen_more(app: &App, unit: i64) {
    for n in 1..=15 {
        let name = format!("Nguyễn Thị Cán Bộ {n}");
        app.user(
            &format!("canbo{n:02}"),
            &name,
            Role::Participant,
            Some(unit),
        )
        .await;
    }
}

/// Pages of a PDF as Chromium writes it: one `/Type /Page` object each (the tree is `/Type /Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let mark = b"/Type /Page";
    pdf.windows(mark.len() + 1)
        .filter(|w| w.starts_with(mark) && !w[mark.len()].is_ascii_alphanumeric())
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_units_sixteen_slips_print_on_two_a4_pages() {
    with_browser(print_a_unit).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_units_slips_print_the_same_from_a_desktop() {
    with_desktop_browser(print_a_unit).await;
}

async fn print_a_unit(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let (person, _) = app.participant().await;
    let unit = cchc_quiz::store::people::accounts::find(&app.state.db, person)
        .await
        .expect("the person")
        .unit_id
        .expect("a unit");
    fifteen_more(&app, unit).await;
    let organiser = app.organiser().await;
    use_session(c, &app, &organiser).await;
    c.goto(&format!("{}/quan-tri/don-vi", app.address))
        .await
        .expect("units");
    wait_for(c, &format!("a[href='/quan-tri/don-vi/{unit}/phieu']"))
        .await
        .click()
        .await
        .expect("open the unit's slips");
    wait_for(c, "form[action$='/phieu'] button[type=submit]")
        .await
        .click()
        .await
        .expect("confirm");
    wait_for(c, ".slip-sheet").await;
    let slips = c
        .find_all(Locator::Css("article.slip"))
        .await
        .expect("slips");
    assert_eq!(slips.len(), 16);
    let first = slips[0].text().await.expect("text");
    assert!(first.contains("Tìm hiểu về cải cách hành chính"), "{first}");
    assert!(first.contains(&app.address), "{first}");
    let overflow: bool = c
        .execute(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
            vec![],
        )
        .await
        .expect("width")
        .as_bool()
        .unwrap_or(true);
    assert!(!overflow, "the slips fit the screen");
    let qr_loaded: bool = c
        .execute(
            "const img = document.querySelector('img.slip-qr'); return img.complete && img.naturalWidth > 0;",
            vec![],
        )
        .await
        .expect("qr")
        .as_bool()
        .unwrap_or(false);
    assert!(qr_loaded, "the QR code shows");

    let a4 = PrintConfiguration::builder()
        .size(PrintSize::A4)
        .build()
        .expect("A4");
    let pdf = c.print(a4).await.expect("print");
    assert_eq!(
        pdf_pages(&pdf),
        2,
        "sixteen slips, eight per A4 page, nothing else printed"
    );
}
