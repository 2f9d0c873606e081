//! The awards ceremony: a full-screen slide show for the projector (no site navigation, type that fills
//! 1920×1080 and still reads at 1280×720), the prize tiers revealed one at a time from Khuyến khích up to Nhất with
//! the keyboard (`static/ceremony.js`; without scripts the slides simply follow each other), the unit prizes and the
//! unit ranking; and the certificates (giấy chứng nhận) of the winners, one A4 landscape page each.
use crate::domain::CONTEST_TITLE;
use crate::domain::prizes::{Tier, tier_of};
use crate::results::{Entry, RoundResults, UnitEntry};
use crate::store::rounds::Prizes;
use crate::store::settings::ContestSettings;
use crate::time::{Timestamp, vn_duration};
use crate::web::components::{decimal, notice, percent};
use crate::web::layout::Page;
use chrono::Datelike;
use chrono_tz::Asia::Ho_Chi_Minh;
use maud::{Markup, html};

/// Units shown on the unit ranking slide when no collective prize is set.
const UNITS_SHOWN: usize = 10;

/// The winners of each tier that has any, highest tier first.
pub fn winners<'a>(results: &'a RoundResults, prizes: &Prizes) -> Vec<(Tier, Vec<&'a Entry>)> {
    Tier::ALL
        .into_iter()
        .map(|tier| {
            let people: Vec<&Entry> = results
                .entries
                .iter()
                .filter(|e| tier_of(e.rank, prizes.tiers()) == Some(tier))
                .collect();
            (tier, people)
        })
        .filter(|(_, people)| !people.is_empty())
        .collect()
}

/// The units with a collective prize: the first `prizes.units` ranks of the unit ranking.
pub fn unit_winners<'a>(results: &'a RoundResults, prizes: &Prizes) -> Vec<&'a UnitEntry> {
    results
        .units
        .iter()
        .filter(|u| {
            u.standing
                .rank
                .is_some_and(|r| i64::from(r) <= i64::from(prizes.units))
        })
        .collect()
}

/// Whether the prediction decided `e`'s place: someone else has the same score.
fn prediction_decides(results: &RoundResults, e: &Entry) -> bool {
    results.prediction_applied
        && results
            .entries
            .iter()
            .any(|o| o.attempt_id != e.attempt_id && o.score == e.score)
}

fn people_table(results: &RoundResults, people: &[&Entry]) -> Markup {
    let with_prediction = people.iter().any(|e| prediction_decides(results, e));
    html! {
        table.ceremony-table {
            thead { tr {
                th.num { "Hạng" } th { "Họ và tên" } th { "Đơn vị" } th.num { "Điểm" }
                @if with_prediction { th.num { "Dự đoán (chênh lệch)" } }
                th.num { "Thời gian" }
            } }
            tbody { @for e in people { tr {
                td.num { (e.rank) }
                td { (e.full_name) }
                td { (e.unit.as_ref().map_or("—", |u| u.name.as_str())) }
                td.num { (e.score) "/" (e.max_score) }
                @if with_prediction {
                    td.num {
                        @if prediction_decides(results, e) {
                            @match (e.prediction, e.prediction_distance) {
                                (Some(p), Some(d)) => { (p) " (" (d) ")" },
                                _ => "Không dự đoán",
                            }
                        }
                    }
                }
                td.num { (vn_duration(e.duration_ms)) }
            } } }
        }
    }
}

fn units_table(units: &[&UnitEntry]) -> Markup {
    html! {
        table.ceremony-table {
            thead { tr { th.num { "Hạng" } th { "Đơn vị" } th.num { "Tỷ lệ tham gia" } th.num { "Điểm trung bình" } } }
            tbody { @for u in units { tr {
                td.num { @if let Some(r) = u.standing.rank { (r) } @else { "–" } }
                td { (u.unit.name) }
                td.num { (percent(u.standing.participation_rate)) }
                td.num { (decimal(u.standing.average_score)) }
            } } }
        }
    }
}

/// `staff`: an organiser or judge is looking (they are told when no prize is set).
pub fn show(results: &RoundResults, prizes: &Prizes, staff: bool) -> Markup {
    let tiers = winners(results, prizes);
    let units = unit_winners(results, prizes);
    let ranked_units: Vec<&UnitEntry> = results
        .units
        .iter()
        .filter(|u| u.standing.rank.is_some())
        .take(UNITS_SHOWN)
        .collect();
    Page::new(&results.title)
        .bare()
        .body_class("ceremony")
        .scripts(&["ceremony.js"])
        .render(html! {
            section.slide.title-slide {
                p.slide-contest { (CONTEST_TITLE) }
                h1 { (results.title) }
                p.slide-sub { "Lễ trao giải" }
                @if staff && !prizes.any() {
                    (notice("warn", "Đợt thi này chưa đặt số giải: Ban Tổ chức đặt ở trang sửa đợt thi (mục Giải thưởng). Trang đang hiện 10 người đứng đầu."))
                }
                p.slide-hint { "→ hoặc phím cách: tiếp theo · ←: quay lại · F: toàn màn hình" }
            }
            @if tiers.is_empty() {
                section.slide {
                    h2 { "Xếp hạng cá nhân" }
                    (people_table(results, &results.entries.iter().take(10).collect::<Vec<_>>()))
                }
            }
            // From Khuyến khích up to Nhất, so the first prize comes last.
            @for (tier, people) in tiers.iter().rev() {
                section.slide data-tier=(tier.label()) {
                    h2 { (tier.label()) }
                    (people_table(results, people))
                }
            }
            @if !units.is_empty() {
                section.slide {
                    h2 { "Giải tập thể" }
                    (units_table(&units))
                }
            }
            @if !ranked_units.is_empty() {
                section.slide {
                    h2 { "Xếp hạng đơn vị" }
                    (units_table(&ranked_units))
                }
            }
            section.slide.title-slide {
                h2 { "Xin chúc mừng các cá nhân và tập thể đạt giải!" }
                p.slide-contest { (CONTEST_TITLE) }
            }
        })
}

/// "ngày 02 tháng 12 năm 2026", the date a certificate is signed (Vietnam's calendar day).
fn signed_on(at: Timestamp) -> String {
    let d = at.with_timezone(&Ho_Chi_Minh);
    format!(
        "ngày {:02} tháng {:02} năm {}",
        d.day(),
        d.month(),
        d.year()
    )
}

fn certificate(
    settings: &ContestSettings,
    who: &str,
    of: Option<&str>,
    prize: &str,
    round: &str,
    on: &str,
) -> Markup {
    html! {
        article.certificate {
            div.cert-head {
                p.cert-org { (settings.organiser) }
                p.cert-nation { "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" br; span { "Độc lập – Tự do – Hạnh phúc" } }
            }
            h2.cert-title { "GIẤY CHỨNG NHẬN" }
            p.cert-intro { "Chứng nhận" }
            p.cert-name { (who) }
            @if let Some(unit) = of { p.cert-unit { (unit) } }
            p.cert-prize { "Đã đạt " strong { (prize) } }
            p.cert-round { (round) " – " (CONTEST_TITLE) }
            div.cert-foot {
                p.cert-date { (on) }
                p.cert-signer-title { (settings.signer_title) }
                p.cert-signer-name { (settings.signer_name) }
            }
        }
    }
}

/// The winners' certificates, individuals then units; `signed_at`: the date printed on them.
pub fn certificates(
    results: &RoundResults,
    prizes: &Prizes,
    settings: &ContestSettings,
    signed_at: Timestamp,
) -> Markup {
    let tiers = winners(results, prizes);
    let units = unit_winners(results, prizes);
    let on = signed_on(signed_at);
    let count = tiers.iter().map(|(_, p)| p.len()).sum::<usize>() + units.len();
    let back = format!("/giam-khao/dot-thi/{}", results.round_id);
    Page::new("Giấy chứng nhận")
        .bare()
        .body_class("certificates")
        .scripts(&["print.js"])
        .render(html! {
            div.print-note {
                h1 { "Giấy chứng nhận: " (results.title) }
                @if count == 0 {
                    (notice("warn", "Chưa có ai đạt giải: hãy đặt số giải ở trang sửa đợt thi (mục Giải thưởng)."))
                } @else {
                    p { (count) " giấy, mỗi giấy một trang A4 khổ ngang. Khi in, chọn khổ A4, hướng ngang, không in đầu trang/chân trang." }
                }
                @if settings.organiser.is_empty() || settings.signer_name.is_empty() {
                    (notice("warn", "Chưa đặt cơ quan tổ chức hoặc người ký: Quản trị → Cài đặt cuộc thi."))
                }
                p {
                    button.print-button type="button" data-print { "In giấy chứng nhận" } " "
                    a.button.secondary href=(back) { "Quay lại" }
                }
            }
            @for (tier, people) in &tiers {
                @for e in people {
                    (certificate(settings, &e.full_name, e.unit.as_ref().map(|u| u.name.as_str()), tier.label(), &results.title, &on))
                }
            }
            @for u in &units {
                (certificate(settings, &u.unit.name, None, "Giải tập thể", &results.title, &on))
            }
        })
}

#[cfg(test)]
mod tests {
    use super::signed_on;
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_certificate_is_dated_by_vietnams_calendar() {
        let late_evening_utc = Utc.with_ymd_and_hms(2026, 12, 1, 18, 30, 0).unwrap();
        assert_eq!(signed_on(late_evening_utc), "ngày 02 tháng 12 năm 2026");
    }
}
