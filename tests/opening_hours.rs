//! Opening hours on a running kiosk: it closes to a dim screen that takes no visitors,
//! lets a visit under way finish first, opens again by itself, and on a themed day shows
//! the day's exhibits first. The calendar is set by the test, the clock stepped by hand.

use bevy::prelude::*;
use jiff::civil::datetime;
use jiff::tz::TimeZone;
use kiosk::kiosk_app::Content;
use kiosk::kiosk_app::core::screen::Screen;
use kiosk::kiosk_app::core::visit::Visit;
use kiosk::kiosk_app::unattended::opening_hours::Calendar;

use crate::support::{Kiosk, bundled_content};

const HOURS: &str = r#"(
    time_zone: "Asia/Shanghai",
    weekly: [
        (days: [Tue, Wed, Thu, Fri], open: "09:00", close: "17:00"),
        (days: [Sat, Sun], open: "09:00", close: "18:30"),
    ],
    exceptions: [
        (date: "2026-12-30", open: "10:00", close: "20:00", playlist: ["seasons", "water-cycle"]),
    ],
)"#;

/// The bundled kiosk with these hours, started at a local time in Shanghai.
fn kiosk_at(y: i16, mo: i8, d: i8, h: i8, mi: i8, s: i8) -> Kiosk {
    let mut content: Content = bundled_content();
    content.config.schedule = exhibit_format::ron_errors::options()
        .from_str(HOURS)
        .unwrap();
    let start = datetime(y, mo, d, h, mi, s, 0)
        .to_zoned(TimeZone::get("Asia/Shanghai").unwrap())
        .unwrap()
        .timestamp();
    Kiosk::with(content, move |app| {
        app.insert_resource(Calendar::starting_at(start));
    })
}

#[test]
fn closes_at_closing_time_takes_no_visitors_and_opens_next_morning() {
    // Tuesday 1 December 2026, ten seconds before closing.
    let mut k = kiosk_at(2026, 12, 1, 16, 59, 50);
    assert_eq!(k.screen(), Screen::Attract);
    k.wait(15.0);
    assert_eq!(k.screen(), Screen::Closed);
    // A touch on the closed screen starts nothing.
    k.tap_at(Vec2::new(960.0, 540.0));
    assert_eq!(k.screen(), Screen::Closed);
    assert!(!k.has::<Visit>());
    // Sixteen hours later it is 09:00:05 on Wednesday: open again, without a restart.
    k.wait(16.0 * 3600.0);
    assert_eq!(k.screen(), Screen::Attract);
}

#[test]
fn a_visit_under_way_at_closing_time_is_not_cut_short() {
    let mut k = kiosk_at(2026, 12, 1, 16, 59, 40);
    k.tap("English");
    assert_eq!(k.screen(), Screen::Hub);
    // Past 17:00, the visitor is still choosing.
    k.wait(30.0);
    assert_eq!(k.screen(), Screen::Hub);
    // They walk away: the idle reset ends the visit, and then the kiosk closes.
    k.wait(100.0);
    k.frames(2);
    assert_eq!(k.screen(), Screen::Closed);
}

#[test]
fn a_themed_day_shows_its_exhibits_first() {
    // 30 December: open 10:00–20:00 with seasons and the water cycle first.
    let mut k = kiosk_at(2026, 12, 30, 19, 0, 0);
    k.tap("English");
    // The bar's settings and two language buttons come first.
    let cards: Vec<String> = k.labels().into_iter().skip(3).collect();
    assert_eq!(
        cards[..3],
        [
            "Why We Have Seasons",
            "The Water Cycle",
            "When the Earth Shakes"
        ]
    );
    assert_eq!(cards.len(), 11, "every exhibit is still there: {cards:?}");
    // The gamepad focus starts on the first card.
    assert_eq!(k.focused().as_deref(), Some("Why We Have Seasons"));
}
