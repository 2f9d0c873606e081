//! The installed binary serves its CSS and scripts from memory, wherever it runs: here the built binary runs
//! with its working folder in an empty temporary directory, far from the source tree.
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_cchc-quiz");

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// The first `/static/...` link of `attr="..."` in the page.
fn link(html: &str, attr: &str, ext: &str) -> Option<String> {
    html.split(&format!("{attr}=\"/static/"))
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .find(|name| name.ends_with(ext))
        .map(|name| format!("/static/{name}"))
}

#[tokio::test]
async fn the_binary_serves_its_css_from_a_folder_without_the_source_tree() {
    let dir = std::env::temp_dir().join(format!("cchc-anywhere-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let port = free_port();
    let _server = Server(
        Command::new(BIN)
            .current_dir(&dir)
            .env_clear()
            .env("RUST_LOG", "warn")
            .args(["serve", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .spawn()
            .expect("server starts"),
    );
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut home = None;
    for _ in 0..200 {
        if let Ok(res) = client.get(format!("{base}/dang-nhap")).send().await {
            home = res.text().await.ok();
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let html = home.expect("the server answered");
    let css = link(&html, "href", ".css").expect("the page links a stylesheet");
    assert_ne!(css, "/static/app.css", "the link carries the content hash");

    let res = client
        .get(format!("{base}{css}"))
        .send()
        .await
        .expect("css");
    assert_eq!(res.status(), 200, "{css}");
    let headers = res.headers().clone();
    assert!(
        headers["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/css")
    );
    assert_eq!(
        headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let body = res.text().await.expect("body");
    let source = include_str!("../../static/app.css");
    assert_eq!(body, source, "the served stylesheet is the embedded file");

    let raw = reqwest::Client::builder()
        .no_gzip()
        .build()
        .expect("client");
    let packed = raw
        .get(format!("{base}{css}"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("css gzip");
    assert_eq!(packed.headers()["content-encoding"], "gzip");
    assert!(packed.bytes().await.expect("bytes").len() < source.len());
    let _ = std::fs::remove_dir_all(&dir);
}
