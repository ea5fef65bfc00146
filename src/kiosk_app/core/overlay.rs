//! Which pop-up covers the screen, if any: the technician's admin overlay, the "Still
//! there?" countdown, or the visitor's settings panel. Every system that must not act
//! under a pop-up (Back and Home, starting a visit, voicing, the frame rate) asks this one
//! resource instead of checking each pop-up's own state by hand.
//!
//! It is a resource with run conditions, not a Bevy `States`: a pop-up opens or closes in
//! the middle of a frame (a touch answers "Still there?"), and the systems after it in
//! that same frame must already see it, so that the touch does not also press what lies
//! under the pop-up; a state would change only at the next frame's state transition.

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Overlay>();
}

/// The pop-ups, highest first: when two are up, the higher one takes the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Popup {
    /// The technician's overlay (PIN pad, then today's numbers and controls).
    Admin,
    /// The walk-away countdown ("Still there?"), or its touch shield while the finger
    /// that answered it is still down.
    StillThere,
    /// The visitor's settings panel ("Display and sound").
    Settings,
}

/// Which pop-ups are up. Each is opened and closed by its owner: `unattended::admin`,
/// `unattended::idle` and `accessibility::visitor_settings` (or the settings button).
#[derive(Resource, Debug, Default, Clone, PartialEq, Eq)]
pub struct Overlay {
    /// By [`Popup`], in its order.
    up: [bool; 3],
}

impl Overlay {
    /// Shows or hides `popup`.
    pub fn set(&mut self, popup: Popup, up: bool) {
        self.up[popup as usize] = up;
    }

    /// Whether `popup` is up (it may be covered by a higher one).
    pub fn is_up(&self, popup: Popup) -> bool {
        self.up[popup as usize]
    }

    /// The pop-up that has the input: the highest one up.
    pub fn top(&self) -> Option<Popup> {
        [Popup::Admin, Popup::StillThere, Popup::Settings]
            .into_iter()
            .find(|&p| self.is_up(p))
    }

    /// Whether any pop-up covers the screen.
    pub fn any(&self) -> bool {
        self.up.contains(&true)
    }
}

/// Run condition: `popup` is up (each pop-up's drawing runs on it).
pub fn popup_up(popup: Popup) -> impl Fn(Res<Overlay>) -> bool + Clone {
    move |overlay: Res<Overlay>| overlay.is_up(popup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_highest_popup_up_has_the_input() {
        let mut o = Overlay::default();
        assert_eq!(o.top(), None);
        o.set(Popup::Settings, true);
        assert_eq!(o.top(), Some(Popup::Settings));
        o.set(Popup::StillThere, true);
        assert_eq!(o.top(), Some(Popup::StillThere));
        assert!(o.is_up(Popup::Settings), "covered, still up");
        o.set(Popup::Admin, true);
        assert_eq!(o.top(), Some(Popup::Admin));
        o.set(Popup::Admin, false);
        o.set(Popup::StillThere, false);
        o.set(Popup::Settings, false);
        assert!(!o.any());
    }
}
