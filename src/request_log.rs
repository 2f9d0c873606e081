//! Request logging cheap enough for the hot path: at 10,000 requests a second a span or a line per request costs
//! more than the request, so only server errors and slow requests are logged, by their route pattern (never the
//! raw path, which can hold a one-time link's token). `--log-requests` adds tracing-actix-web's span per request.
use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use std::time::{Duration, Instant};

/// A request slower than this is logged.
const SLOW: Duration = Duration::from_secs(1);

pub async fn errors_and_slow(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let res = next.call(req).await?;
    let elapsed = started.elapsed();
    let status = res.status();
    if status.is_server_error() || elapsed >= SLOW {
        let request = res.request();
        tracing::warn!(
            method = %request.method(),
            route = request.match_pattern().as_deref().unwrap_or("(no route)"),
            status = status.as_u16(),
            ms = elapsed.as_millis() as u64,
            "slow or failed request"
        );
    }
    Ok(res)
}
