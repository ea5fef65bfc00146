//! The visitor's own settings, as values every part of the kiosk reads (the look, input,
//! narration, voicing). The panel that changes them is `accessibility::visitor_settings`.

use bevy::prelude::*;
use exhibit_format::config::KioskConfig;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<VisitorSettings>();
}

/// One visitor's choices. Starts from the kiosk config's defaults at each visit.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct VisitorSettings {
    /// Text 1.5× larger, layouts reflowed.
    pub larger_text: bool,
    /// The white-on-black theme (7:1 and more everywhere).
    pub high_contrast: bool,
    /// Large movements in animations become fades or cuts; the attract loop holds still.
    pub reduced_motion: bool,
    /// The focused control and each new screen are read aloud.
    pub voicing: bool,
    /// One-button scanning: a press moves the highlight, a hold chooses.
    pub one_switch: bool,
    /// Loudness of narration and voicing, 0 to 1.
    pub volume: f32,
}

impl Default for VisitorSettings {
    fn default() -> Self {
        Self::from_config(&KioskConfig::default())
    }
}

impl VisitorSettings {
    /// The settings a visit starts with on a kiosk with `config`.
    pub fn from_config(config: &KioskConfig) -> Self {
        VisitorSettings {
            larger_text: config.larger_text,
            high_contrast: config.high_contrast,
            reduced_motion: config.reduced_motion,
            voicing: config.voicing,
            one_switch: config.one_switch,
            volume: config.volume,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_starts_from_the_kiosk_defaults() {
        let config = KioskConfig {
            larger_text: true,
            one_switch: true,
            volume: 0.5,
            ..KioskConfig::default()
        };
        let s = VisitorSettings::from_config(&config);
        assert!(s.larger_text && s.one_switch && !s.high_contrast && !s.voicing);
        assert_eq!(s.volume, 0.5);
    }
}
