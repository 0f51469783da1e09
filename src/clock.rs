//! The clock as the core reads it: today's local date, and now as stored in records.

/// Today's date in the computer's local time zone.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Now, as stored and shown in records: RFC 3339 in UTC with milliseconds.
pub fn timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
