//! 预约办理: the API types of slots and appointments.

use serde::{Deserialize, Serialize};

/// One bookable time slot of a hall's business category on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Slot {
    /// `hall~category~YYYYMMDD~HHMM`.
    pub id: String,
    /// `hh:mm`, China time.
    pub start: String,
    pub end: String,
    pub capacity: u32,
    pub remaining: u32,
    /// False once booking has closed for it (too close to its start).
    pub open: bool,
}

/// `POST /api/v1/appointments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentRequest {
    pub slot_id: String,
    /// The matter the visit is for, if the citizen chose one.
    #[serde(default)]
    pub matter_code: Option<String>,
}

/// `POST /api/v1/appointments/{id}/reschedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RescheduleRequest {
    pub slot_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// 待办理.
    Booked,
    /// 已签到.
    CheckedIn,
    /// 已取消.
    Cancelled,
    /// 爽约: not checked in by the end of its slot.
    NoShow,
}

impl AppointmentStatus {
    pub fn label(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "待办理",
            AppointmentStatus::CheckedIn => "已签到",
            AppointmentStatus::Cancelled => "已取消",
            AppointmentStatus::NoShow => "未到（爽约）",
        }
    }
}

/// A citizen's appointment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Appointment {
    pub id: i64,
    pub slot_id: String,
    pub hall_id: String,
    pub hall_name: String,
    pub hall_address: String,
    pub category: String,
    pub category_name: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub start: String,
    pub end: String,
    pub matter_code: Option<String>,
    pub matter_name: Option<String>,
    /// 签到码: shown at the hall (and as a QR code) to check in.
    pub checkin_code: String,
    pub status: AppointmentStatus,
    /// Whether it can still be cancelled or rescheduled.
    pub changeable: bool,
}
