//! Opening hours on the kiosk: outside them the attract loop gives way to a dim "closed"
//! screen that uses almost no CPU, and the kiosk opens again by itself. A visit under way
//! at closing time is not cut short: the closed screen comes when it ends.

use bevy::prelude::*;
use jiff::{SignedDuration, Timestamp};

use crate::kiosk_app::core::clock::Now;
use crate::kiosk_app::core::content::Content;
use crate::kiosk_app::core::screen::Screen;
use exhibit_format::schedule::{Compiled, Decision};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Calendar>()
        .init_resource::<Opening>()
        .add_systems(Update, (decide, follow).chain());
}

/// Where calendar time comes from: the system clock (a kiosk: a clock corrected by NTP
/// after boot is followed at once), or a fixed start plus the kiosk's own clock (tests,
/// which step time by hand).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct Calendar {
    /// The moment `Now` = 0 was; `None`: read the system clock.
    pub start: Option<Timestamp>,
}

impl Calendar {
    /// A calendar that starts at `start` and runs with the kiosk's clock (tests).
    pub fn starting_at(start: Timestamp) -> Self {
        Calendar { start: Some(start) }
    }

    /// The calendar moment `now` seconds (the kiosk's clock) after the start.
    pub fn at(&self, now: f64) -> Timestamp {
        match self.start {
            None => Timestamp::now(),
            Some(start) => {
                let d = SignedDuration::from_secs_f64(now.max(0.0));
                start.checked_add(d).unwrap_or(start)
            }
        }
    }
}

/// The schedule and what it says now.
#[derive(Resource, Debug, Clone)]
pub struct Opening {
    /// The kiosk config's schedule, checked (`None`: always open).
    pub schedule: Option<Compiled>,
    /// Open or closed, as of this frame.
    pub decision: Decision,
}

impl FromWorld for Opening {
    fn from_world(world: &mut World) -> Self {
        // A schedule with errors has been reported by the config check; the kiosk then
        // stays open rather than dark.
        let schedule = world
            .get_resource::<Content>()
            .and_then(|c| c.config.schedule.compile().ok());
        Opening {
            schedule,
            decision: Decision::Open {
                closes_at: None,
                playlist_first: Vec::new(),
            },
        }
    }
}

impl Opening {
    /// Whether visitors may use the kiosk now.
    pub fn is_open(&self) -> bool {
        matches!(self.decision, Decision::Open { .. })
    }

    /// A themed day's exhibits to show first.
    pub fn playlist_first(&self) -> &[String] {
        match &self.decision {
            Decision::Open { playlist_first, .. } => playlist_first,
            Decision::Closed { .. } => &[],
        }
    }
}

/// Longest time a decision is kept without looking again (in case the clock is set).
const RECHECK_S: i64 = 60;

fn decide(
    now: Res<Now>,
    calendar: Res<Calendar>,
    content: Res<Content>,
    mut opening: ResMut<Opening>,
    // When the decision was made, and when it next needs making.
    mut checked: Local<Option<(Timestamp, Timestamp)>>,
) {
    let t = calendar.at(now.0);
    let changed = content.is_changed() && !content.is_added();
    // A decision holds until the next opening or closing (or a minute): no need to work
    // it out again every frame. A clock set back starts over.
    if !changed && checked.is_some_and(|(at, until)| at <= t && t < until) {
        return;
    }
    // A content update may bring new opening hours (a config with errors keeps the old).
    if changed {
        opening.schedule = content.config.schedule.compile().ok();
        if opening.schedule.is_none() {
            opening.decision = Decision::Open {
                closes_at: None,
                playlist_first: Vec::new(),
            };
        }
    }
    let Some(schedule) = &opening.schedule else {
        return;
    };
    let decision = schedule.decide(t);
    let boundary = match &decision {
        Decision::Open { closes_at, .. } => *closes_at,
        Decision::Closed { opens_at } => *opens_at,
    };
    let minute = t
        .checked_add(SignedDuration::from_secs(RECHECK_S))
        .unwrap_or(t);
    *checked = Some((t, boundary.map_or(minute, |b| b.min(minute))));
    if decision != opening.decision {
        match &decision {
            Decision::Open { closes_at, .. } => info!(
                "open{}",
                closes_at.map_or(String::new(), |c| format!(
                    " until {}",
                    schedule.local(c).strftime("%Y-%m-%d %H:%M %Z")
                ))
            ),
            Decision::Closed { opens_at } => info!(
                "closed{}",
                opens_at.map_or(String::new(), |o| format!(
                    " until {}",
                    schedule.local(o).strftime("%Y-%m-%d %H:%M %Z")
                ))
            ),
        }
        opening.decision = decision;
    }
}

/// Closed: the attract loop becomes the closed screen (a visit under way goes on until
/// it ends). Open: the closed screen becomes the attract loop.
fn follow(opening: Res<Opening>, screen: Res<State<Screen>>, mut next: ResMut<NextState<Screen>>) {
    match (opening.is_open(), screen.get()) {
        (false, Screen::Attract) => next.set(Screen::Closed),
        (true, Screen::Closed) => next.set(Screen::Attract),
        _ => {}
    }
}

/// Seconds from `now` until the kiosk opens, if it is closed and knows when.
pub fn until_opening(opening: &Opening, calendar: &Calendar, now: f64) -> Option<f64> {
    match opening.decision {
        Decision::Closed { opens_at: Some(at) } => {
            let d = at.duration_since(calendar.at(now));
            Some(d.as_secs_f64().max(0.0))
        }
        _ => None,
    }
}
