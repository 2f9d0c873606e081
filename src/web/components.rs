//! Small shared pieces of pages.
use crate::error::FieldErrors;
use maud::{Markup, html};

/// A notice box: kind is "info", "ok", "warn" or "error".
pub fn notice(kind: &str, text: &str) -> Markup {
    html! { div class={ "notice notice-" (kind) } role=(if kind == "error" { "alert" } else { "status" }) { (text) } }
}

/// The messages for one form field, if any.
pub fn field_errors(errors: Option<&FieldErrors>, field: &str) -> Markup {
    html! {
        @if let Some(messages) = errors.and_then(|e| e.get(field)) {
            @for m in messages { p.field-error { (m) } }
        }
    }
}

/// The hidden CSRF field every form of a logged-in page carries.
pub fn csrf_field(token: &str) -> Markup {
    html! { input type="hidden" name=(crate::auth::csrf::FIELD) value=(token); }
}

/// A share (0–1) as a Vietnamese reader writes it: one decimal, a decimal comma ("42,9%").
pub fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0).replace('.', ",")
}

/// A number, or "—" when there is none (no prediction, no distance).
pub fn or_dash(v: Option<i64>) -> String {
    v.map_or_else(|| "—".to_owned(), |n| n.to_string())
}

/// A figure with two decimals and a decimal comma ("16,67").
pub fn decimal(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::{decimal, percent};

    #[test]
    fn decimals_use_a_decimal_comma() {
        assert_eq!(decimal(16.666_7), "16,67");
        assert_eq!(decimal(0.0), "0,00");
    }

    #[test]
    fn percentages_use_a_decimal_comma() {
        assert_eq!(percent(0.428_571), "42,9%");
        assert_eq!(percent(1.0), "100,0%");
    }
}
