//! Limits on connections themselves (review F9): a request body must arrive within `--body-timeout-secs`
//! (actix only times out the request head), and one client address may hold at most
//! `--max-connections-per-client` connections, so a single host cannot use up the server's file descriptors.
//! Trusted proxies are not capped: every client behind them shares their address.
use crate::app::AppState;
use crate::client_ip::TrustedProxy;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Extensions, Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{HttpMessage, HttpResponse, rt::net::TcpStream};
use futures_util::StreamExt;
use std::any::Any;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Open connections per client address.
pub struct ConnectionCounts {
    open: Mutex<HashMap<IpAddr, usize>>,
    max: usize,
    proxies: Vec<TrustedProxy>,
}

/// Kept in each connection's data for as long as it is open.
pub struct ConnectionSlot {
    ip: IpAddr,
    counts: Arc<ConnectionCounts>,
    over_cap: bool,
}

impl ConnectionCounts {
    pub fn new(max: usize, proxies: Vec<TrustedProxy>) -> Arc<Self> {
        Arc::new(ConnectionCounts {
            open: Mutex::new(HashMap::new()),
            max: max.max(1),
            proxies,
        })
    }

    /// For `HttpServer::on_connect`: counts the connection and marks it when its client is over the cap.
    pub fn on_connect(self: &Arc<Self>, conn: &dyn Any, data: &mut Extensions) {
        let Some(ip) = conn
            .downcast_ref::<TcpStream>()
            .and_then(|s| s.peer_addr().ok())
            .map(|a| a.ip().to_canonical())
        else {
            return;
        };
        if crate::client_ip::is_trusted(&self.proxies, ip) {
            return;
        }
        let Ok(mut open) = self.open.lock() else {
            return;
        };
        let n = open.entry(ip).or_default();
        *n += 1;
        data.insert(ConnectionSlot {
            ip,
            counts: self.clone(),
            over_cap: *n > self.max,
        });
    }
}

impl Drop for ConnectionSlot {
    fn drop(&mut self) {
        if let Ok(mut open) = self.counts.open.lock()
            && let Some(n) = open.get_mut(&self.ip)
        {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// Answers 429 and closes a connection its client should not have opened (over the cap).
pub async fn refuse_over_cap(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let over = req
        .request()
        .conn_data::<ConnectionSlot>()
        .is_some_and(|s| s.over_cap);
    if over {
        let res = HttpResponse::TooManyRequests()
            .force_close()
            .content_type("text/plain; charset=utf-8")
            .body("Quá nhiều kết nối từ cùng một địa chỉ. Vui lòng thử lại sau.");
        return Ok(req.into_response(res).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

/// Middleware: the request body must have arrived `--body-timeout-secs` after the head; a slower one ends in
/// an error that the extractor answers with a 4xx, and the connection is closed.
pub async fn body_deadline(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let limit = req
        .app_data::<actix_web::web::Data<AppState>>()
        .map(|s| Duration::from_secs(s.settings.body_timeout_secs.max(1)));
    if let Some(limit) = limit {
        let payload = req.take_payload();
        if matches!(payload, Payload::None) {
            req.set_payload(payload);
        } else {
            req.set_payload(with_deadline(payload, limit));
        }
    }
    next.call(req).await
}

fn with_deadline(payload: Payload, limit: Duration) -> Payload {
    let deadline = tokio::time::Instant::now() + limit;
    let stream = futures_util::stream::unfold(Some(payload), move |state| async move {
        let mut payload = state?;
        match tokio::time::timeout_at(deadline, payload.next()).await {
            Ok(Some(chunk)) => Some((chunk, Some(payload))),
            Ok(None) => None,
            Err(_) => Some((Err(too_slow()), None)),
        }
    })
    // Readers such as the multipart parser poll again after the end; a fused stream answers `None` then.
    .fuse();
    let boxed: std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<Bytes, PayloadError>>>> =
        Box::pin(stream);
    Payload::from(boxed)
}

fn too_slow() -> PayloadError {
    PayloadError::Io(std::io::Error::new(
        std::io::ErrorKind::TimedOut,
        "request body too slow",
    ))
}
