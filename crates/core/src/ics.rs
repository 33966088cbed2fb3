//! "Add to calendar": an iCalendar (RFC 5545) event for an appointment, built here so its
//! escaping, line folding and time zone are unit-tested once. The words in it come from the
//! caller (the SPA's locale table).

use crate::date::SimpleDate;

/// What goes into the event. Times are China time (Asia/Shanghai, UTC+8 all year).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent<'a> {
    /// Globally unique and stable: the same appointment exported twice updates one event.
    pub uid: &'a str,
    /// When the file is made, Unix seconds (DTSTAMP, written in UTC).
    pub stamp_unix: i64,
    pub date: SimpleDate,
    /// `hh:mm`.
    pub start: &'a str,
    pub end: &'a str,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
}

/// The UID of an appointment's event.
pub fn appointment_uid(id: i64, checkin_code: &str) -> String {
    format!("appointment-{id}-{checkin_code}@lianban")
}

/// The whole `.ics` text, CRLF line ends, lines folded at 75 octets.
pub fn ics_event(e: &IcsEvent<'_>) -> String {
    let day = format!(
        "{:04}{:02}{:02}",
        e.date.year(),
        e.date.month(),
        e.date.day()
    );
    let at = |hhmm: &str| format!("{day}T{}00", hhmm.replace(':', ""));
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Lianban//Appointments//ZH".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        // China has had no daylight saving since 1991: one STANDARD rule is the whole zone.
        "BEGIN:VTIMEZONE".to_string(),
        "TZID:Asia/Shanghai".to_string(),
        "BEGIN:STANDARD".to_string(),
        "DTSTART:19700101T000000".to_string(),
        "TZOFFSETFROM:+0800".to_string(),
        "TZOFFSETTO:+0800".to_string(),
        "TZNAME:CST".to_string(),
        "END:STANDARD".to_string(),
        "END:VTIMEZONE".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", escape(e.uid)),
        format!("DTSTAMP:{}", utc_stamp(e.stamp_unix)),
        format!("DTSTART;TZID=Asia/Shanghai:{}", at(e.start)),
        format!("DTEND;TZID=Asia/Shanghai:{}", at(e.end)),
        format!("SUMMARY:{}", escape(e.summary)),
        format!("LOCATION:{}", escape(e.location)),
        format!("DESCRIPTION:{}", escape(e.description)),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    let mut out = String::new();
    for line in &lines {
        fold_into(&mut out, line);
    }
    out
}

/// TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` with CRLF, folded so no line exceeds 75 octets and no UTF-8 character
/// (a Chinese character is 3 octets) is split.
fn fold_into(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out.push_str("\r\n");
}

/// `YYYYMMDDTHHMMSSZ` of Unix seconds.
fn utc_stamp(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let date = SimpleDate::from_days_since_epoch(days)
        .unwrap_or(SimpleDate::new(1970, 1, 1).expect("a real date"));
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        date.year(),
        date.month(),
        date.day(),
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event<'a>(summary: &'a str, description: &'a str) -> IcsEvent<'a> {
        IcsEvent {
            uid: "appointment-7-ABCD2345@lianban",
            stamp_unix: 1_795_572_000, // 2026-11-25 10:00 China = 02:00 UTC
            date: SimpleDate::new(2026, 11, 26).unwrap(),
            start: "09:00",
            end: "09:30",
            summary,
            location: "湖北省荆州市沙市区北京西路389号",
            description,
        }
    }

    #[test]
    fn writes_a_china_time_event_with_crlf() {
        let ics = ics_event(&event("预约办理：综合窗口", "签到码：ABCD2345"));
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(ics.contains("\r\nUID:appointment-7-ABCD2345@lianban\r\n"));
        assert!(ics.contains("\r\nDTSTAMP:20261125T020000Z\r\n"));
        assert!(ics.contains("\r\nDTSTART;TZID=Asia/Shanghai:20261126T090000\r\n"));
        assert!(ics.contains("\r\nDTEND;TZID=Asia/Shanghai:20261126T093000\r\n"));
        assert!(ics.contains("\r\nTZOFFSETTO:+0800\r\n"));
        // No bare LF anywhere.
        assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
        assert_eq!(
            appointment_uid(7, "ABCD2345"),
            "appointment-7-ABCD2345@lianban"
        );
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let ics = ics_event(&event("x", "第一行\n第二行，带逗号; 分号"));
        assert!(ics.contains("DESCRIPTION:第一行\\n第二行，带逗号\\; 分号\r\n"));
    }

    #[test]
    fn folds_long_lines_between_characters() {
        let long = "预约".repeat(40);
        let ics = ics_event(&event(&long, ""));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        // Unfolding gives the text back.
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{long}\r\n")));
    }
}
