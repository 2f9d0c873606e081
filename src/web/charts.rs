//! Server-rendered horizontal bar charts (no script): one row per bar, its label and value in HTML text (so they
//! keep the page's font size on a phone and on a desktop and wrap when long) and the bar a stretched SVG rectangle
//! (a width attribute, not an inline style, which the CSP forbids). Many bars only make the chart longer.
use maud::{Markup, html};

/// One bar: its label, its value and the value as shown (e.g. "12" or "45,0%").
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
}

/// A horizontal bar chart. `max` fixes the scale (e.g. 1.0 for rates); `None` uses the largest value.
pub fn bar_chart(title: &str, bars: &[Bar], max: Option<f64>) -> Markup {
    let top_value = max
        .unwrap_or_else(|| bars.iter().map(|b| b.value).fold(0.0, f64::max))
        .max(1e-9);
    html! {
        figure.chart-figure {
            figcaption { (title) }
            @if bars.is_empty() { p.muted { "Chưa có số liệu." } }
            @else {
                ol.hbars aria-label=(title) {
                    @for b in bars {
                        @let width = (b.value.max(0.0) / top_value * 100.0).min(100.0);
                        li {
                            span.hbar-label { (b.label) }
                            span.hbar-track {
                                svg.hbar viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"
                                    focusable="false" xmlns="http://www.w3.org/2000/svg" {
                                    rect x="0" y="0" width=(format!("{width:.2}")) height="10" {}
                                }
                            }
                            span.hbar-value { (b.text) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(label: &str, value: f64) -> Bar {
        Bar {
            label: label.into(),
            value,
            text: value.to_string(),
        }
    }

    #[test]
    fn a_chart_has_one_row_per_bar_with_its_label_as_text_and_no_script() {
        let html = bar_chart(
            "Phân bố điểm",
            &[bar("0 điểm", 1.0), bar("1 điểm", 4.0)],
            None,
        )
        .into_string();
        assert_eq!(html.matches("<li>").count(), 2);
        assert!(html.contains("<span class=\"hbar-label\">0 điểm</span>"));
        assert!(
            html.contains("width=\"25.00\""),
            "1 of 4 is a quarter of the width"
        );
        assert!(html.contains("width=\"100.00\""));
        assert!(html.contains("<figcaption>Phân bố điểm</figcaption>"));
        assert!(!html.contains("<script") && !html.contains("style="));
    }

    #[test]
    fn a_fixed_scale_caps_the_bar_and_an_empty_chart_says_so() {
        let html = bar_chart("Tỷ lệ", &[bar("A", 1.5)], Some(1.0)).into_string();
        assert!(html.contains("width=\"100.00\""));
        let empty = bar_chart("Tỷ lệ", &[], None).into_string();
        assert!(empty.contains("Chưa có số liệu."));
    }
}
