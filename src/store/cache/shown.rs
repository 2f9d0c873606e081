//! A text participants are shown (a question, an option, an explanation), escaped once when its version is loaded:
//! as a JSON string for the API and as HTML for the pages. A start or a quiz page then copies the escaped fragments
//! in the attempt's order instead of cloning and escaping every text again, and a view holds the text by reference
//! count.
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

#[derive(Clone)]
pub struct ShownText(Arc<Fragments>);

struct Fragments {
    plain: String,
    /// The text as a JSON string literal, quotes included.
    json: Box<RawValue>,
    /// The text escaped for HTML.
    html: String,
}

impl ShownText {
    pub fn new(plain: String) -> serde_json::Result<Self> {
        let json = serde_json::value::to_raw_value(plain.as_str())?;
        let html = maud::html! { (plain) }.into_string();
        Ok(ShownText(Arc::new(Fragments { plain, json, html })))
    }

    pub fn as_str(&self) -> &str {
        &self.0.plain
    }
}

impl Deref for ShownText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0.plain
    }
}

impl fmt::Debug for ShownText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0.plain, f)
    }
}

impl PartialEq for ShownText {
    fn eq(&self, other: &Self) -> bool {
        self.0.plain == other.0.plain
    }
}

/// Written as it was escaped at load (by serde_json, the only serializer the responses use; another serializer
/// gets the raw value's own representation).
impl Serialize for ShownText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.json.serialize(serializer)
    }
}

impl maud::Render for ShownText {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(&self.0.html);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_reads_the_same_in_json_and_html_as_escaping_it_each_time() {
        let plain = "Điều 8 \"Luật\" <b>& 'x'</b>\n\tkết thúc \\ \u{1}";
        let shown = ShownText::new(plain.to_owned()).unwrap();
        assert_eq!(
            serde_json::to_string(&shown).unwrap(),
            serde_json::to_string(plain).unwrap()
        );
        let nested = serde_json::json!({ "text": plain }).to_string();
        assert_eq!(
            serde_json::to_string(&serde_json::json!({ "text": shown })).unwrap(),
            nested
        );
        assert_eq!(
            maud::html! { p { (shown) } }.into_string(),
            maud::html! { p { (plain) } }.into_string()
        );
        assert_eq!(shown.as_str(), plain);
    }
}
