//! The admin PIN: kept in the kiosk config only as an Argon2id hash (a PHC string such as
//! `$argon2id$v=19$m=19456,t=2,p=1$…`), checked against what a technician types, with
//! wrong tries rate-limited so that a visitor cannot guess it by trying them all.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Shortest PIN accepted.
pub const MIN_DIGITS: usize = 4;
/// Longest PIN accepted.
pub const MAX_DIGITS: usize = 12;
/// Wrong tries allowed before the first wait.
pub const FREE_TRIES: u32 = 3;
/// The first wait after [`FREE_TRIES`] wrong tries, seconds; it doubles with each
/// further wrong try.
pub const FIRST_WAIT_S: f64 = 30.0;
/// The longest wait, seconds.
pub const MAX_WAIT_S: f64 = 15.0 * 60.0;

/// What is wrong with a PIN or its stored hash.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    /// Not 4 to 12 digits.
    #[error("a PIN is {MIN_DIGITS} to {MAX_DIGITS} digits")]
    Shape,
    /// The config's `admin_pin` is not a hash this kiosk can check.
    #[error("`admin_pin` is not an Argon2 hash ({0}); make one with `kiosk hash-pin`")]
    BadHash(String),
}

fn check_shape(pin: &str) -> Result<(), PinError> {
    let ok =
        (MIN_DIGITS..=MAX_DIGITS).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit());
    if ok { Ok(()) } else { Err(PinError::Shape) }
}

/// The hash to store in the config for `pin` (a fresh random salt each time).
pub fn hash_pin(pin: &str) -> Result<String, PinError> {
    check_shape(pin)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PinError::BadHash(e.to_string()))
}

/// Checks that `hash` is a stored PIN this kiosk can verify (for the config validator).
pub fn check_hash(hash: &str) -> Result<(), PinError> {
    PasswordHash::new(hash)
        .map(|_| ())
        .map_err(|e| PinError::BadHash(e.to_string()))
}

/// Whether `pin` matches `hash`.
pub fn verify(hash: &str, pin: &str) -> Result<bool, PinError> {
    let parsed = PasswordHash::new(hash).map_err(|e| PinError::BadHash(e.to_string()))?;
    Ok(Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_ok())
}

/// What came of one try.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Attempt {
    /// The right PIN.
    Accepted,
    /// Wrong; this many more tries before a wait.
    Wrong {
        /// Tries left before waiting.
        tries_left: u32,
    },
    /// Wrong, and one too many: none are checked for this many seconds.
    Locked {
        /// Seconds to wait.
        wait_s: f64,
    },
    /// Tried during a wait: not checked at all (so not known to be wrong, nor right).
    NotChecked {
        /// Seconds of the wait left.
        wait_s: f64,
    },
}

/// Counts wrong tries and makes the next ones wait. Times are seconds on any steady
/// clock (the kiosk's uptime).
#[derive(Debug, Clone, Default)]
pub struct PinGate {
    wrong: u32,
    locked_until: f64,
}

impl PinGate {
    /// Tries `pin` at time `now` against the stored `hash`.
    pub fn attempt(&mut self, hash: &str, pin: &str, now: f64) -> Result<Attempt, PinError> {
        if now < self.locked_until {
            return Ok(Attempt::NotChecked {
                wait_s: self.locked_until - now,
            });
        }
        // A wrongly shaped PIN is a wrong PIN: it says nothing about the right one.
        if check_shape(pin).is_ok() && verify(hash, pin)? {
            self.wrong = 0;
            self.locked_until = 0.0;
            return Ok(Attempt::Accepted);
        }
        self.wrong += 1;
        if self.wrong < FREE_TRIES {
            return Ok(Attempt::Wrong {
                tries_left: FREE_TRIES - self.wrong,
            });
        }
        let doublings = (self.wrong - FREE_TRIES).min(16) as i32;
        let wait = (FIRST_WAIT_S * 2f64.powi(doublings)).min(MAX_WAIT_S);
        self.locked_until = now + wait;
        Ok(Attempt::Locked { wait_s: wait })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_stored_hashed_and_checked() {
        let hash = hash_pin("4827").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("4827"));
        assert_ne!(hash, hash_pin("4827").unwrap(), "a fresh salt each time");
        assert_eq!(verify(&hash, "4827"), Ok(true));
        assert_eq!(verify(&hash, "4828"), Ok(false));
        assert_eq!(hash_pin("12a4"), Err(PinError::Shape));
        assert_eq!(hash_pin("123"), Err(PinError::Shape));
        assert!(matches!(check_hash("4827"), Err(PinError::BadHash(_))));
        assert_eq!(check_hash(&hash), Ok(()));
    }

    #[test]
    fn wrong_tries_make_the_next_ones_wait_longer() {
        let hash = hash_pin("4827").unwrap();
        let mut gate = PinGate::default();
        assert_eq!(
            gate.attempt(&hash, "0000", 0.0),
            Ok(Attempt::Wrong { tries_left: 2 })
        );
        assert_eq!(
            gate.attempt(&hash, "1111", 1.0),
            Ok(Attempt::Wrong { tries_left: 1 })
        );
        assert_eq!(
            gate.attempt(&hash, "2222", 2.0),
            Ok(Attempt::Locked { wait_s: 30.0 })
        );
        // While locked even the right PIN is not checked, and says so.
        assert_eq!(
            gate.attempt(&hash, "4827", 12.0),
            Ok(Attempt::NotChecked { wait_s: 20.0 })
        );
        // After the wait one more wrong try doubles it.
        assert_eq!(
            gate.attempt(&hash, "3333", 32.0),
            Ok(Attempt::Locked { wait_s: 60.0 })
        );
        assert_eq!(gate.attempt(&hash, "4827", 92.0), Ok(Attempt::Accepted));
        // Success forgives: three tries again.
        assert_eq!(
            gate.attempt(&hash, "0000", 93.0),
            Ok(Attempt::Wrong { tries_left: 2 })
        );
    }

    #[test]
    fn the_wait_stops_growing_at_fifteen_minutes() {
        let hash = hash_pin("4827").unwrap();
        let mut gate = PinGate::default();
        let mut now = 0.0;
        let mut last = Attempt::Accepted;
        for _ in 0..12 {
            last = gate.attempt(&hash, "0000", now).unwrap();
            if let Attempt::Locked { wait_s } = last {
                now += wait_s;
            }
        }
        assert_eq!(last, Attempt::Locked { wait_s: MAX_WAIT_S });
    }
}
