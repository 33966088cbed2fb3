//! The catalogue in the repository's `data/` parses and validates, and is as rich as the
//! product needs: this is what a maintainer runs after editing a seed file.

mod support;

use support::{data_dir, load};

#[test]
fn seed_catalogue_is_valid_and_complete() {
    let c = load();
    assert!(
        c.departments.len() >= 10,
        "departments: {}",
        c.departments.len()
    );
    assert!(c.matters.len() >= 40, "matters: {}", c.matters.len());
    assert!(c.themes.len() >= 6, "themes: {}", c.themes.len());
    assert!(c.halls.len() >= 5, "halls: {}", c.halls.len());
    let departments_with_matters = c
        .departments
        .iter()
        .filter(|d| c.matters.iter().any(|m| m.department == d.code))
        .count();
    assert!(departments_with_matters >= 10);
}

#[test]
fn every_theme_has_a_questionnaire_that_changes_the_checklist() {
    let c = load();
    for t in &c.themes {
        let conditional =
            t.matters.iter().filter(|m| m.when.is_some()).count() + t.material_rules.len();
        assert!(conditional > 0, "主题 {} 的情形不影响任何事项或材料", t.id);
        assert!(
            t.questions.iter().any(|q| q.show_if.is_some()) || t.questions.len() >= 2,
            "主题 {} 的情形引导过于简单",
            t.id
        );
    }
}

#[test]
fn search_words_from_the_issue_are_covered() {
    let c = load();
    let mentions = |word: &str| {
        c.matters
            .iter()
            .any(|m| m.name.contains(word) || m.keywords.iter().any(|k| k.contains(word)))
    };
    assert!(mentions("营业执照"));
    assert!(mentions("开饭店"));
    assert!(c.themes.iter().any(|t| t.name.contains("开饭店")));
}

#[test]
fn the_2026_calendar_follows_the_state_council_notice() {
    use lianban_core::calendar::{WorkingCalendar, YearNotice};
    use lianban_core::date::SimpleDate;
    let text = std::fs::read_to_string(data_dir().join("calendar/2026.toml")).unwrap();
    let notice: YearNotice = toml::from_str(&text).unwrap();
    let cal = WorkingCalendar::from_notices(&[notice]).unwrap();
    let d = |s: &str| SimpleDate::parse_iso(s).unwrap();
    assert!(cal.knows_year(2026));
    assert_eq!(cal.add_working_days(d("2026-09-18"), 5), d("2026-09-24"));
    assert_eq!(cal.holiday_name(d("2026-06-19")), Some("端午节"));
    assert_eq!(cal.holiday_name(d("2026-04-06")), Some("清明节"));
    assert!(cal.is_working_day(d("2026-01-04")), "make-up Sunday");
    assert!(!cal.is_working_day(d("2026-05-05")));
    assert!(cal.is_working_day(d("2026-05-09")), "make-up Saturday");
}

#[test]
fn the_calendar_files_close_2027s_statutory_holidays_until_its_notice_comes() {
    use lianban_core::calendar::calendar_from_files;
    use lianban_core::date::SimpleDate;
    let dir = data_dir().join("calendar");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        files.push((name, std::fs::read_to_string(&path).unwrap()));
    }
    let cal = calendar_from_files(&files).unwrap();
    let d = |s: &str| SimpleDate::parse_iso(s).unwrap();
    assert_eq!(cal.add_working_days(d("2026-09-18"), 5), d("2026-09-24"));
    assert!(!cal.is_provisional(d("2026-12-31")));
    if !cal.knows_year(2027) {
        for closed in [
            "2027-01-01",
            "2027-02-05",
            "2027-02-06",
            "2027-02-07",
            "2027-02-08",
            "2027-04-05",
            "2027-06-09",
            "2027-09-15",
            "2027-10-01",
        ] {
            assert!(!cal.is_working_day(d(closed)), "{closed}");
        }
        assert!(cal.is_provisional(d("2027-01-04")));
        assert_eq!(cal.pending_years().first(), Some(&2027));
    }
    assert!(!cal.is_working_day(d("2027-01-01")), "元旦 either way");

    // A misnamed notice is refused rather than left out.
    let mut misnamed = files.clone();
    misnamed.push(("2027-notice.toml".into(), String::new()));
    assert!(calendar_from_files(&misnamed).is_err());
}

#[test]
fn the_booking_rules_file_holds_the_published_defaults() {
    use lianban_core::booking::BookingRules;
    let text = std::fs::read_to_string(data_dir().join("booking.toml")).unwrap();
    let rules: BookingRules = toml::from_str(&text).unwrap();
    assert_eq!(rules, BookingRules::default());
}
