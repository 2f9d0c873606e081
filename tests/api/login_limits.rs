//! Reviews F3 and F4: login limits count the real client and spare the account's owner.
//! - F3: behind a trusted proxy (`--trusted-proxies`) each forwarded client has its own bucket, so 100 bad
//!   logins from one person no longer block everyone; from an untrusted peer `X-Forwarded-For` changes nothing.
//! - F4: a flood of wrong passwords for one account from many addresses does not lock its owner out of a
//!   device that has not failed.
//!
//! Loopback has a whole /8: a client "from" 127.0.0.N binds that local address.
use crate::helpers::TestApp;
use serde_json::json;
use std::net::IpAddr;

fn client_from(last: u8) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(IpAddr::from([127, 0, 0, last]))
        .build()
        .expect("client")
}

async fn login_from(
    app: &TestApp,
    client: &reqwest::Client,
    forwarded_for: Option<&str>,
    login: &str,
    password: &str,
) -> u16 {
    let mut req = client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"login": login, "password": password}));
    if let Some(xff) = forwarded_for {
        req = req.header("x-forwarded-for", xff);
    }
    req.send().await.expect("login").status().as_u16()
}

/// Bad logins from one client (forwarding `xff(i)`) until one is refused with 429, at most 400: the bucket
/// refills while a flood runs, so how many it takes depends on the machine's speed, not on the rule.
async fn flood_until_throttled(
    app: &TestApp,
    client: &reqwest::Client,
    xff: impl Fn(usize) -> String,
) -> bool {
    for i in 0..400 {
        let status = login_from(app, client, Some(&xff(i)), &format!("ghost{i}"), "x").await;
        if status == 429 {
            return true;
        }
        assert_eq!(
            status, 401,
            "an unknown login is refused as a wrong password"
        );
    }
    false
}

async fn behind_a_trusted_proxy_one_flooding_client_does_not_block_the_others(app: TestApp) {
    let p = app.participant().await;
    let proxy = client_from(1);
    let throttled = flood_until_throttled(&app, &proxy, |_| "203.0.113.7".to_owned()).await;
    assert!(
        throttled,
        "bad logins from one forwarded client are throttled"
    );
    let flooder = login_from(&app, &proxy, Some("203.0.113.7"), &p.login, &p.password).await;
    assert_eq!(flooder, 429, "the flooding client is throttled");
    let colleague = login_from(&app, &proxy, Some("203.0.113.8"), &p.login, &p.password).await;
    assert_eq!(
        colleague, 200,
        "another client behind the same proxy logs in"
    );
    // A forged hop to the left of what the proxy appended is not believed.
    let forged = login_from(
        &app,
        &proxy,
        Some("198.51.100.1, 203.0.113.7"),
        &p.login,
        &p.password,
    )
    .await;
    assert_eq!(forged, 429);
}

async fn from_an_untrusted_peer_a_forwarded_address_changes_nothing(app: TestApp) {
    let p = app.participant().await;
    let stranger = client_from(9);
    let throttled =
        flood_until_throttled(&app, &stranger, |i| format!("198.51.100.{}", i % 200)).await;
    assert!(
        throttled,
        "a forged forwarded address does not escape the peer's bucket"
    );
    let status = login_from(
        &app,
        &stranger,
        Some("198.51.100.200"),
        &p.login,
        &p.password,
    )
    .await;
    assert_eq!(status, 429);
}

async fn a_flood_against_an_account_does_not_lock_its_owner_out(app: TestApp) {
    let owner = app.participant().await;
    for last in 2..=7 {
        let attacker = client_from(last);
        for _ in 0..10 {
            login_from(&app, &attacker, None, &owner.login, "đoán-sai").await;
        }
        let again = login_from(&app, &attacker, None, &owner.login, &owner.password).await;
        assert_eq!(again, 429, "an attacker's own client is cut off");
    }
    let guesser = client_from(8);
    assert_eq!(
        login_from(&app, &guesser, None, &owner.login, "đoán-sai").await,
        401
    );
    assert_eq!(
        login_from(&app, &guesser, None, &owner.login, &owner.password).await,
        429,
        "once the account is under attack, a client that failed must wait"
    );
    let own_device = client_from(1);
    let status = login_from(&app, &own_device, None, &owner.login, &owner.password).await;
    assert_eq!(
        status, 200,
        "the owner's device, which never failed, gets in"
    );
}

crate::db_tests!(
    options = &["--trusted-proxies", "127.0.0.1, 10.0.0.0/8"];
    behind_a_trusted_proxy_one_flooding_client_does_not_block_the_others,
    from_an_untrusted_peer_a_forwarded_address_changes_nothing,
    a_flood_against_an_account_does_not_lock_its_owner_out,
);
