//! Time: stored and compared in UTC, shown in Asia/Ho_Chi_Minh.
use chrono::{DateTime, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;

pub type Timestamp = DateTime<Utc>;

/// "27/11/2026 08:00" in Vietnam time.
pub fn vn_datetime(t: Timestamp) -> String {
    t.with_timezone(&Ho_Chi_Minh)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// "27/11/2026 08:00:05" in Vietnam time.
pub fn vn_datetime_secs(t: Timestamp) -> String {
    t.with_timezone(&Ho_Chi_Minh)
        .format("%d/%m/%Y %H:%M:%S")
        .to_string()
}

/// A duration in milliseconds as "12 phút 05 giây".
pub fn vn_duration(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    let (m, s) = (secs / 60, secs % 60);
    if m > 0 {
        format!("{m} phút {s:02} giây")
    } else {
        format!("{s} giây")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn vietnam_time_is_seven_hours_ahead_of_utc() {
        let t = Utc.with_ymd_and_hms(2026, 11, 27, 1, 0, 0).unwrap();
        assert_eq!(vn_datetime(t), "27/11/2026 08:00");
    }

    #[test]
    fn durations_read_in_minutes_and_seconds() {
        assert_eq!(vn_duration(725_000), "12 phút 05 giây");
        assert_eq!(vn_duration(9_400), "9 giây");
    }
}
