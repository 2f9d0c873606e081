//! The CSS and scripts of `static/`, compiled into the binary (so it runs from any directory) and prepared once:
//! each file gets a content-hashed name (`app.3f2a9c1b.css`) that pages link to and browsers may keep forever,
//! and its gzip form is made once at first use instead of on every request.
use flate2::Compression;
use flate2::write::GzEncoder;
use rust_embed::Embed;
use std::collections::HashMap;
use std::io::Write;
use std::sync::LazyLock;

#[derive(Embed)]
#[folder = "static/"]
struct Files;

/// One static file as served.
pub struct Asset {
    pub content_type: String,
    pub body: Vec<u8>,
    /// The gzip form, kept only when it is smaller.
    pub gzip: Option<Vec<u8>>,
}

struct Catalogue {
    /// Plain name (`app.css`) -> hashed name (`app.3f2a9c1b.css`).
    hashed: HashMap<String, String>,
    /// Hashed name -> the plain name it stands for.
    by_hashed: HashMap<String, String>,
    /// Plain name -> the prepared file.
    files: HashMap<String, Asset>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(build);

fn build() -> Catalogue {
    let mut cat = Catalogue {
        hashed: HashMap::new(),
        by_hashed: HashMap::new(),
        files: HashMap::new(),
    };
    for name in Files::iter() {
        let Some(file) = Files::get(&name) else {
            continue;
        };
        let hashed = hashed_name(&name, &file.metadata.sha256_hash());
        let body = file.data.into_owned();
        let prepared = Asset {
            content_type: content_type(file.metadata.mimetype()),
            gzip: gzipped(&body),
            body,
        };
        cat.hashed.insert(name.to_string(), hashed.clone());
        cat.by_hashed.insert(hashed, name.to_string());
        cat.files.insert(name.to_string(), prepared);
    }
    cat
}

/// `app.css` + hash -> `app.<first 8 hex digits>.css`.
fn hashed_name(name: &str, hash: &[u8; 32]) -> String {
    let short: String = hash[..4].iter().map(|b| format!("{b:02x}")).collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{short}.{ext}"),
        None => format!("{name}.{short}"),
    }
}

/// Text types carry their charset, so Vietnamese in a script or a stylesheet reads right.
fn content_type(mime: &str) -> String {
    if mime.starts_with("text/") || mime == "application/javascript" {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_owned()
    }
}

/// The gzip form of `body`, when it is smaller.
pub(crate) fn gzipped(body: &[u8]) -> Option<Vec<u8>> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::best());
    enc.write_all(body).ok()?;
    let out = enc.finish().ok()?;
    (out.len() < body.len()).then_some(out)
}

/// The URL a page links to for a file of `static/`: its content-hashed name. An unknown name keeps its plain
/// URL (it will answer 404, which a test then notices).
pub fn url(name: &str) -> String {
    match CATALOGUE.hashed.get(name) {
        Some(hashed) => format!("/static/{hashed}"),
        None => format!("/static/{name}"),
    }
}

/// The file asked for as `/static/{name}`, by its hashed name or (for old links) its plain name, and whether
/// the name was the hashed one (whose content never changes, so browsers may keep it forever).
pub fn get(name: &str) -> Option<(&'static Asset, bool)> {
    let catalogue: &'static Catalogue = &CATALOGUE;
    let (plain, immutable) = match catalogue.by_hashed.get(name) {
        Some(plain) => (plain.as_str(), true),
        None => (name, false),
    };
    Some((catalogue.files.get(plain)?, immutable))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_file_has_a_hashed_url_that_serves_the_same_bytes_as_its_plain_name() {
        let link = url("app.css");
        let hashed = link.trim_start_matches("/static/");
        assert!(hashed.starts_with("app.") && hashed.ends_with(".css") && hashed.len() == 16);
        let (by_hash, immutable) = get(hashed).expect("hashed name serves");
        let (by_plain, plain_immutable) = get("app.css").expect("plain name serves");
        assert!(immutable && !plain_immutable);
        assert_eq!(by_hash.body, by_plain.body);
        assert!(by_hash.content_type.starts_with("text/css"));
    }

    #[test]
    fn the_gzip_form_unpacks_to_the_file() {
        use std::io::Read;
        let (css, _) = get("app.css").expect("app.css");
        let packed = css.gzip.as_ref().expect("css compresses");
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut out)
            .expect("gunzip");
        assert_eq!(out, css.body);
    }
}
