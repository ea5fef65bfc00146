//! When a visitor walks away: after `idle_warning` seconds without input a countdown, after
//! `idle_reset` seconds the kiosk starts over. Pure timing; the screen shows it.

/// What the idle clock says now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IdleState {
    /// Someone is using the kiosk.
    Active,
    /// "Still there?": the kiosk resets in `remaining` seconds unless someone responds.
    Warning {
        /// Seconds left before the reset.
        remaining: f32,
    },
    /// Time is up: back to the attract loop.
    Reset,
}

/// Seconds since the last input, judged against the two thresholds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IdleClock {
    /// Seconds without input before the warning.
    pub warning_after: f32,
    /// Seconds without input before the reset.
    pub reset_after: f32,
    last_input: f64,
}

impl IdleClock {
    /// A clock whose visitor last did something at `now` (seconds on any monotonic clock).
    pub fn new(warning_after: f32, reset_after: f32, now: f64) -> Self {
        IdleClock {
            warning_after,
            reset_after,
            last_input: now,
        }
    }

    /// The visitor did something at `now`.
    pub fn activity(&mut self, now: f64) {
        self.last_input = now;
    }

    /// Seconds since the last input.
    pub fn idle_for(&self, now: f64) -> f32 {
        (now - self.last_input).max(0.0) as f32
    }

    /// The state at `now`.
    pub fn state(&self, now: f64) -> IdleState {
        let idle = self.idle_for(now);
        if idle >= self.reset_after {
            IdleState::Reset
        } else if idle >= self.warning_after {
            IdleState::Warning {
                remaining: self.reset_after - idle,
            }
        } else {
            IdleState::Active
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_then_resets_and_input_starts_over() {
        let mut c = IdleClock::new(60.0, 90.0, 100.0);
        assert_eq!(c.state(159.9), IdleState::Active);
        assert_eq!(c.state(170.0), IdleState::Warning { remaining: 20.0 });
        assert_eq!(c.state(190.0), IdleState::Reset);
        c.activity(185.0);
        assert_eq!(c.state(190.0), IdleState::Active);
        assert_eq!(c.idle_for(190.0), 5.0);
    }
}
