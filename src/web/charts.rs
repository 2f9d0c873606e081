//! Server-rendered SVG bar charts (no script): they scale to the width of a phone through `viewBox` and print
//! as vectors. Each chart carries a title and a description for screen readers, and every bar its value.
use maud::{Markup, html};

/// One bar: its label under the axis and its value.
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// Shown above the bar (e.g. "12" or "45%").
    pub text: String,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 260.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 56.0;
const LEFT: f64 = 8.0;

/// A vertical bar chart. `max` fixes the scale (e.g. 1.0 for rates); `None` uses the largest value.
pub fn bar_chart(title: &str, bars: &[Bar], max: Option<f64>) -> Markup {
    let top_value = max
        .unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max))
        .max(1e-9);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = (WIDTH - 2.0 * LEFT) / bars.len().max(1) as f64;
    let bar_w = (slot * 0.7).max(2.0);
    let font = if bars.len() > 20 { 9 } else { 12 };
    html! {
        figure.chart-figure {
            svg.chart viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-label=(title) xmlns="http://www.w3.org/2000/svg" {
                title { (title) }
                line x1=(LEFT) y1=(HEIGHT - BOTTOM) x2=(WIDTH - LEFT) y2=(HEIGHT - BOTTOM) stroke="#5b6470" stroke-width="1" {}
                @for (i, b) in bars.iter().enumerate() {
                    @let h = (b.value.max(0.0) / top_value * plot_h).min(plot_h);
                    @let x = LEFT + i as f64 * slot + (slot - bar_w) / 2.0;
                    @let cx = x + bar_w / 2.0;
                    rect x=(fmt(x)) y=(fmt(HEIGHT - BOTTOM - h)) width=(fmt(bar_w)) height=(fmt(h)) fill="#b3261e" {}
                    text x=(fmt(cx)) y=(fmt(HEIGHT - BOTTOM - h - 4.0)) text-anchor="middle" font-size=(font) fill="#1b1f24" { (b.text) }
                    text x=(fmt(cx)) y=(fmt(HEIGHT - BOTTOM + 16.0)) text-anchor="middle" font-size=(font) fill="#1b1f24" { (b.label) }
                }
            }
            figcaption { (title) }
        }
    }
}

fn fmt(x: f64) -> String {
    format!("{x:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_is_plain_svg_with_one_bar_per_value_and_no_script() {
        let bars = vec![
            Bar {
                label: "0".into(),
                value: 1.0,
                text: "1".into(),
            },
            Bar {
                label: "1".into(),
                value: 3.0,
                text: "3".into(),
            },
        ];
        let svg = bar_chart("Phân bố điểm", &bars, None).into_string();
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("viewBox=\"0 0 640 260\""));
        assert!(svg.contains("<title>Phân bố điểm</title>"));
        assert!(!svg.contains("<script"));
    }
}
