//! Review F9: a client cannot hold connections with a body that trickles in, nor open more than its share of
//! connections. The app here allows 1 s for a body and 3 connections per address.
use crate::helpers::TestApp;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

async fn connect_from(app: &TestApp, last: u8) -> TcpStream {
    let server: SocketAddr = app
        .address
        .trim_start_matches("http://")
        .parse()
        .expect("address");
    let socket = TcpSocket::new_v4().expect("socket");
    socket
        .bind(SocketAddr::new(IpAddr::from([127, 0, 0, last]), 0))
        .expect("bind");
    socket.connect(server).await.expect("connect")
}

/// What the server sent back, or `None` if it closed without a word.
async fn answer(stream: &mut TcpStream) -> Option<String> {
    let mut buf = vec![0u8; 4096];
    match tokio::time::timeout(Duration::from_secs(20), stream.read(&mut buf)).await {
        Ok(Ok(n)) if n > 0 => Some(String::from_utf8_lossy(&buf[..n]).into_owned()),
        _ => None,
    }
}

async fn a_request_body_that_trickles_in_is_cut_off(app: TestApp) {
    let mut s = connect_from(&app, 1).await;
    let head = "POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n\
                Content-Length: 100000\r\n\r\n{";
    s.write_all(head.as_bytes()).await.expect("head");
    let mut reply = None;
    // Forty bytes a quarter of a second apart: ten seconds of trickling against the one allowed.
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        if s.write_all(b" ").await.is_err() {
            reply = Some(String::new());
            break;
        }
        let mut buf = [0u8; 1024];
        match tokio::time::timeout(Duration::from_millis(1), s.read(&mut buf)).await {
            Ok(Ok(n)) => {
                reply = Some(String::from_utf8_lossy(&buf[..n]).into_owned());
                break;
            }
            Ok(Err(_)) => {
                reply = Some(String::new());
                break;
            }
            Err(_) => {}
        }
    }
    let reply = reply.expect("the server cut the slow body off");
    assert!(
        reply.is_empty() || reply.starts_with("HTTP/1.1 4"),
        "{reply}"
    );
}

async fn one_address_cannot_hold_more_than_its_share_of_connections(app: TestApp) {
    let mut held = Vec::new();
    for _ in 0..3 {
        // One answered request per connection: the server has then surely accepted and counted it (a bare
        // connect may still sit in the listen backlog), and keep-alive holds it open.
        let mut c = connect_from(&app, 5).await;
        c.write_all(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
            .await
            .expect("request");
        let reply = answer(&mut c).await.unwrap_or_default();
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        held.push(c);
    }
    let mut extra = connect_from(&app, 5).await;
    extra
        .write_all(b"GET / HTTP/1.1\r\nHost: t\r\n\r\n")
        .await
        .expect("request");
    let reply = answer(&mut extra).await.unwrap_or_default();
    assert!(reply.starts_with("HTTP/1.1 429"), "{reply}");

    let other = reqwest::Client::builder()
        .local_address(IpAddr::from([127, 0, 0, 6]))
        .build()
        .expect("client");
    let res = other.get(app.url("/")).send().await.expect("other address");
    assert_eq!(res.status(), 200, "another address is not affected");

    drop(held.pop());
    let mut freed = false;
    for _ in 0..100 {
        let mut again = connect_from(&app, 5).await;
        again
            .write_all(b"GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
            .await
            .expect("request");
        if answer(&mut again)
            .await
            .unwrap_or_default()
            .starts_with("HTTP/1.1 200")
        {
            freed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(freed, "a closed connection gives its place back");
}

crate::db_tests!(
    options = &["--body-timeout-secs", "1", "--max-connections-per-client", "3"];
    a_request_body_that_trickles_in_is_cut_off,
    one_address_cannot_hold_more_than_its_share_of_connections,
);
