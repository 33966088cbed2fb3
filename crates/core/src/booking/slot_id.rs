//! A slot's identity, with exactly one spelling. Places are counted per slot id, so two
//! spellings of one slot would be two counters over the same places: `…~0900` and `…~09+0`
//! once booked ten citizens into a five-place slot. Only the text [`SlotId`] itself writes is
//! accepted; anything else is refused, never quietly normalised.

use crate::catalogue::Catalogue;
use crate::date::SimpleDate;
use std::fmt;

/// Longest hall or category id a slot id may carry.
pub const MAX_PART_LEN: usize = 64;

/// A slot's identity: hall, business category, day and start time, written
/// `hall~category~YYYYMMDD~HHMM` (e.g. `city-centre~zonghe~20261126~0930`). Slots are not
/// stored in advance: they follow from the hall's hours and the calendar, and only their
/// booked counts are kept, keyed on [`SlotId::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SlotId {
    hall: String,
    category: String,
    date: SimpleDate,
    /// Minutes since midnight.
    start: u32,
    /// The one spelling, made once by [`SlotId::new`].
    text: String,
}

/// Why a text is not a slot id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotIdError {
    /// Not four parts separated by `~`.
    Shape,
    /// The hall part is empty, too long or not lowercase ASCII letters, digits and `-`.
    Hall,
    Category,
    /// Not eight ASCII digits of a real date.
    Date,
    /// Not four ASCII digits.
    Time,
    /// Four digits, but no time of day (`2400`, `0960`).
    TimeOfDay,
    /// Parsed, but not written the way the server writes it.
    NotCanonical,
    /// Well-formed, but the catalogue has no such hall.
    UnknownHall,
    /// Well-formed, but the hall has no window of that category.
    UnknownCategory,
}

impl SlotIdError {
    /// The sentence a citizen is shown: they never type a slot id, so each says to choose again.
    pub fn message(self) -> &'static str {
        match self {
            SlotIdError::Shape | SlotIdError::NotCanonical => {
                "时段编号不正确，请重新选择日期和时段"
            }
            SlotIdError::Hall => "时段编号中的大厅不正确，请重新选择大厅和时段",
            SlotIdError::Category => "时段编号中的业务类别不正确，请重新选择业务类别和时段",
            SlotIdError::Date => "时段编号中的日期不正确，请重新选择日期",
            SlotIdError::Time | SlotIdError::TimeOfDay => "时段编号中的时间不正确，请重新选择时段",
            SlotIdError::UnknownHall => "没有这个服务大厅，请重新选择大厅",
            SlotIdError::UnknownCategory => "该大厅没有这个业务类别的窗口",
        }
    }
}

impl fmt::Display for SlotIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for SlotIdError {}

/// Whether `s` may be the hall or category part of a slot id: the catalogue's ids are
/// lowercase ASCII words joined by `-`, and nothing else can be told apart from a separator or
/// spelled two ways.
pub fn is_slot_part(s: &str) -> bool {
    (1..=MAX_PART_LEN).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl SlotId {
    /// The slot of `hall`'s `category` on `date` at `start` minutes past midnight.
    pub fn new(
        hall: &str,
        category: &str,
        date: SimpleDate,
        start: u32,
    ) -> Result<SlotId, SlotIdError> {
        if !is_slot_part(hall) {
            return Err(SlotIdError::Hall);
        }
        if !is_slot_part(category) {
            return Err(SlotIdError::Category);
        }
        if start >= 24 * 60 {
            return Err(SlotIdError::TimeOfDay);
        }
        let text = format!(
            "{hall}~{category}~{:04}{:02}{:02}~{:02}{:02}",
            date.year(),
            date.month(),
            date.day(),
            start / 60,
            start % 60
        );
        Ok(SlotId {
            hall: hall.to_string(),
            category: category.to_string(),
            date,
            start,
            text,
        })
    }

    /// Accepts exactly the text [`SlotId::new`] writes and nothing else: no sign, no other
    /// digits than ASCII, no other separator, no missing or extra digit.
    pub fn parse(s: &str) -> Result<SlotId, SlotIdError> {
        let mut parts = s.split('~');
        let (Some(hall), Some(category), Some(date), Some(time), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(SlotIdError::Shape);
        };
        if !is_slot_part(hall) {
            return Err(SlotIdError::Hall);
        }
        if !is_slot_part(category) {
            return Err(SlotIdError::Category);
        }
        let date = SimpleDate::from_yyyymmdd(date).ok_or(SlotIdError::Date)?;
        let digits = time.as_bytes();
        if digits.len() != 4 || !digits.iter().all(u8::is_ascii_digit) {
            return Err(SlotIdError::Time);
        }
        let two = |i: usize| u32::from(digits[i] - b'0') * 10 + u32::from(digits[i + 1] - b'0');
        let (h, m) = (two(0), two(2));
        if h >= 24 || m >= 60 {
            return Err(SlotIdError::TimeOfDay);
        }
        let id = SlotId::new(hall, category, date, h * 60 + m)?;
        // Every check above should already make this hold; it is what the type promises.
        if id.text != s {
            return Err(SlotIdError::NotCanonical);
        }
        Ok(id)
    }

    /// [`SlotId::parse`], and the catalogue has the hall and the hall a window of the category.
    pub fn parse_known(s: &str, catalogue: &Catalogue) -> Result<SlotId, SlotIdError> {
        let id = SlotId::parse(s)?;
        let hall = catalogue.hall(&id.hall).ok_or(SlotIdError::UnknownHall)?;
        if !hall.categories.contains(&id.category) {
            return Err(SlotIdError::UnknownCategory);
        }
        Ok(id)
    }

    pub fn hall(&self) -> &str {
        &self.hall
    }

    pub fn category(&self) -> &str {
        &self.category
    }

    pub fn date(&self) -> SimpleDate {
        self.date
    }

    /// Minutes since midnight.
    pub fn start(&self) -> u32 {
        self.start
    }

    /// The one spelling: what the server hands out, and the key its counters use.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for SlotId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SLOT: &str = "city-centre~zonghe~20261126~0930";

    #[test]
    fn the_canonical_text_round_trips() {
        let id = SlotId::parse(SLOT).unwrap();
        assert_eq!(
            (id.hall(), id.category(), id.start()),
            ("city-centre", "zonghe", 570)
        );
        assert_eq!(id.date().to_string(), "2026-11-26");
        assert_eq!(id.as_str(), SLOT);
        assert_eq!(id.to_string(), SLOT);
        let made = SlotId::new("city-centre", "zonghe", id.date(), 570).unwrap();
        assert_eq!(made, id);
        assert_eq!(
            SlotId::new("a", "b", id.date(), 0).unwrap().as_str(),
            "a~b~20261126~0000"
        );
    }

    #[test]
    fn every_other_spelling_of_a_slot_is_refused() {
        use SlotIdError::*;
        for (bad, why) in [
            // The spellings that once overbooked a slot: u32::from_str takes a leading '+'.
            ("city-centre~zonghe~20261126~09+0", Time),
            ("city-centre~zonghe~20261126~+900", Time),
            ("city-centre~zonghe~20261126~+9+0", Time),
            ("city-centre~zonghe~+2026112~0900", Date),
            // Missing and extra digits, spaces.
            ("city-centre~zonghe~20261126~900", Time),
            ("city-centre~zonghe~20261126~09000", Time),
            ("city-centre~zonghe~20261126~ 900", Time),
            ("city-centre~zonghe~20261126~0900 ", Time),
            ("city-centre~zonghe~2026112~0900", Date),
            ("city-centre~zonghe~020261126~0900", Date),
            // Other separators and shapes.
            ("city-centre~zonghe~2026-11-26~0900", Date),
            ("city-centre~zonghe~20261126~09:00", Time),
            ("city-centre|zonghe|20261126|0900", Shape),
            ("city-centre~zonghe~20261126", Shape),
            ("city-centre~zonghe~20261126~0900~", Shape),
            ("city-centre~zonghe~20261126~0900~x", Shape),
            ("", Shape),
            // Non-ASCII digits (full-width, Arabic-Indic).
            ("city-centre~zonghe~20261126~０９００", Time),
            ("city-centre~zonghe~２0261126~0900", Date),
            ("city-centre~zonghe~20261126~٠٩٠٠", Time),
            // Times and dates that do not exist.
            ("city-centre~zonghe~20261126~2400", TimeOfDay),
            ("city-centre~zonghe~20261126~0960", TimeOfDay),
            ("city-centre~zonghe~20261131~0930", Date),
            ("city-centre~zonghe~20260229~0930", Date),
            // Hall and category parts: case, padding, empty, other characters.
            ("City-Centre~zonghe~20261126~0900", Hall),
            (" city-centre~zonghe~20261126~0900", Hall),
            ("~zonghe~20261126~0900", Hall),
            ("city-centre~~20261126~0900", Category),
            ("city-centre~zong he~20261126~0900", Category),
            ("city-centre~综合~20261126~0900", Category),
        ] {
            assert_eq!(SlotId::parse(bad), Err(why), "{bad:?}");
        }
        let long = "a".repeat(MAX_PART_LEN + 1);
        assert_eq!(SlotId::parse(&format!("{long}~b~20261126~0900")), Err(Hall));
    }

    #[test]
    fn a_slot_of_an_unknown_hall_or_window_is_refused() {
        use crate::catalogue::Hall;
        let hall: Hall = Hall {
            id: "city-centre".into(),
            name: "市民之家".into(),
            level: crate::catalogue::HallLevel::City,
            district: "沙市区".into(),
            address: "北京西路".into(),
            latitude: 30.0,
            longitude: 112.0,
            phone: "0716-8461234".into(),
            hours: vec![],
            categories: vec!["zonghe".into()],
            transit: None,
        };
        let catalogue = Catalogue {
            halls: vec![hall],
            ..Catalogue::default()
        };
        assert!(SlotId::parse_known(SLOT, &catalogue).is_ok());
        assert_eq!(
            SlotId::parse_known("nowhere~zonghe~20261126~0930", &catalogue),
            Err(SlotIdError::UnknownHall)
        );
        assert_eq!(
            SlotId::parse_known("city-centre~shuiwu~20261126~0930", &catalogue),
            Err(SlotIdError::UnknownCategory)
        );
        assert_eq!(
            SlotId::parse_known("city-centre~zonghe~20261126~09+0", &catalogue),
            Err(SlotIdError::Time)
        );
        for e in [SlotIdError::Time, SlotIdError::UnknownHall] {
            assert!(e.message().contains("请"), "{e}");
        }
    }

    fn any_slot() -> impl Strategy<Value = SlotId> {
        (
            "[a-z0-9-]{1,20}",
            "[a-z0-9-]{1,20}",
            0i64..40_000,
            0u32..24 * 60,
        )
            .prop_map(|(hall, category, days, start)| {
                let date = SimpleDate::from_days_since_epoch(days).unwrap();
                SlotId::new(&hall, &category, date, start).unwrap()
            })
    }

    /// Texts near the canonical form: what an attacker would try.
    fn near_slot_text() -> impl Strategy<Value = String> {
        (
            "[a-zA-Z0-9+ _-]{0,4}",
            "[a-z0-9+~-]{0,4}",
            "[0-9+\\- ０-９]{6,10}",
            "[0-9+: ０-９]{2,6}",
            "~{1,2}",
        )
            .prop_map(|(h, c, d, t, sep)| format!("{h}~{c}{sep}{d}~{t}"))
    }

    proptest! {
        #[test]
        fn parse_undoes_display(id in any_slot()) {
            prop_assert_eq!(SlotId::parse(&id.to_string()), Ok(id));
        }

        #[test]
        fn only_canonical_text_is_accepted(s in near_slot_text()) {
            if let Ok(id) = SlotId::parse(&s) {
                prop_assert_eq!(id.as_str(), s.as_str());
            }
        }

        #[test]
        fn arbitrary_text_is_accepted_only_when_canonical(s in "\\PC{0,40}") {
            if let Ok(id) = SlotId::parse(&s) {
                prop_assert_eq!(id.to_string(), s);
            }
        }

        #[test]
        fn a_changed_character_is_another_slot_or_refused(
            id in any_slot(),
            at in 0usize..80,
            with in prop::sample::select(vec!['+', '0', '9', '~', '-', ' ', '０', 'a', 'Z', ':']),
        ) {
            let mut chars: Vec<char> = id.as_str().chars().collect();
            let at = at % chars.len();
            chars[at] = with;
            let changed: String = chars.into_iter().collect();
            if let Ok(other) = SlotId::parse(&changed) {
                prop_assert_eq!(other.as_str(), changed.as_str());
                prop_assert!(other != id || changed == id.as_str());
            }
        }
    }
}
