//! Kiosk mode, the pure part: its settings from the URL and what the screen shows after a
//! given time without input. The UI is in `components/kiosk.rs`.

use recit_story::reader::KIOSK;

/// Kiosk settings: `?kiosk` turns the mode on; `idle` and `countdown` (seconds, decimals
/// allowed) shorten or lengthen the two delays, e.g. `?kiosk&idle=5&countdown=3`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KioskConfig {
    /// Milliseconds without input before « Vous êtes toujours là ? ».
    pub idle_ms: u32,
    /// Milliseconds of that question before the kiosk resets.
    pub countdown_ms: u32,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig { idle_ms: 60_000, countdown_ms: 20_000 }
    }
}

impl KioskConfig {
    /// Reads a URL query (`?kiosk&idle=5`); `None` when the kiosk is not asked for. A bad
    /// number keeps the default rather than stopping a public screen.
    pub fn from_query(query: &str) -> Option<KioskConfig> {
        let mut config = None;
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let ms = value.parse::<f64>().ok().filter(|s| *s > 0.0 && *s < 86_400.0).map(|s| (s * 1000.0).round() as u32);
            match key {
                KIOSK => {
                    config.get_or_insert_with(KioskConfig::default);
                }
                "idle" => {
                    if let Some(ms) = ms {
                        config.get_or_insert_with(KioskConfig::default).idle_ms = ms;
                    }
                }
                "countdown" => {
                    if let Some(ms) = ms {
                        config.get_or_insert_with(KioskConfig::default).countdown_ms = ms;
                    }
                }
                _ => {}
            }
        }
        // `idle` or `countdown` alone do not turn the kiosk on.
        query.split(['?', '&']).any(|p| p.split('=').next() == Some(KIOSK)).then_some(config).flatten()
    }

    /// The query that keeps these settings across navigation.
    pub fn to_query(self) -> String {
        let default = KioskConfig::default();
        let mut query = format!("?{KIOSK}");
        for (key, ms, default) in [("idle", self.idle_ms, default.idle_ms), ("countdown", self.countdown_ms, default.countdown_ms)] {
            if ms != default {
                // Whole milliseconds as seconds, without float formatting.
                let fraction = format!("{:03}", ms % 1000);
                let fraction = fraction.trim_end_matches('0');
                query.push_str(&format!("&{key}={}{}{fraction}", ms / 1000, if fraction.is_empty() { "" } else { "." }));
            }
        }
        query
    }

    /// How often to read the idle clock: often enough for the shortest delay.
    pub fn tick_ms(self) -> u32 {
        (self.idle_ms.min(self.countdown_ms) / 4).clamp(20, 250)
    }

    /// What the kiosk shows after `idle_ms` without input, while a visitor is there.
    pub fn phase(self, idle_ms: f64) -> Phase {
        let idle = f64::from(self.idle_ms);
        let total = idle + f64::from(self.countdown_ms);
        if idle_ms < idle {
            Phase::Active
        } else if idle_ms < total {
            Phase::Countdown { remaining_secs: ((total - idle_ms) / 1000.0).ceil() as u32 }
        } else {
            Phase::Reset
        }
    }
}

/// The state of a visit, as time passes without input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Active,
    /// « Vous êtes toujours là ? », with the seconds left.
    Countdown {
        remaining_secs: u32,
    },
    /// Time to clear the visit and show the attract screen.
    Reset,
}

/// Wrong staff codes typed at this kiosk: after three, each further try waits longer.
/// Kept in storage, so that reloading the page does not start the count again.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct WrongTries {
    pub count: u32,
    /// When the next try is allowed (milliseconds since 1970).
    pub until_ms: f64,
}

impl WrongTries {
    /// Free tries before the first wait.
    const FREE: u32 = 3;
    const FIRST_WAIT_MS: f64 = 10_000.0;
    const LONGEST_WAIT_MS: f64 = 600_000.0;

    /// After one more wrong code at `now_ms`: 10 s after the third, then 20 s, 40 s… up to 10 min.
    pub fn after_wrong(self, now_ms: f64) -> WrongTries {
        let count = self.count + 1;
        let wait = if count < Self::FREE { 0.0 } else { (Self::FIRST_WAIT_MS * 2f64.powi((count - Self::FREE).min(16) as i32)).min(Self::LONGEST_WAIT_MS) };
        WrongTries { count, until_ms: now_ms + wait }
    }

    /// Whole seconds left before the next try (0: allowed now).
    pub fn seconds_left(self, now_ms: f64) -> u32 {
        ((self.until_ms - now_ms) / 1000.0).ceil().max(0.0) as u32
    }

    /// As stored: `count until_ms`.
    pub fn to_stored(self) -> String {
        format!("{} {}", self.count, self.until_ms)
    }

    /// Read back; anything unreadable counts as no wrong try.
    pub fn from_stored(text: &str) -> WrongTries {
        let (count, until) = text.split_once(' ').unwrap_or_default();
        WrongTries { count: count.parse().unwrap_or(0), until_ms: until.parse().unwrap_or(0.0) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_codes_wait_longer_and_longer_after_three() {
        let mut tries = WrongTries::default();
        let mut waits = Vec::new();
        for _ in 0..10 {
            tries = tries.after_wrong(1000.0);
            waits.push(tries.seconds_left(1000.0));
        }
        assert_eq!(waits, [0, 0, 10, 20, 40, 80, 160, 320, 600, 600]);
        assert_eq!(tries.seconds_left(tries.until_ms + 1.0), 0);
        assert_eq!(WrongTries::from_stored(&tries.to_stored()), tries);
        assert_eq!(WrongTries::from_stored("garbage"), WrongTries::default());
    }

    #[test]
    fn the_query_turns_the_kiosk_on_and_sets_delays() {
        assert_eq!(KioskConfig::from_query(""), None);
        assert_eq!(KioskConfig::from_query("?idle=5"), None);
        assert_eq!(KioskConfig::from_query("?kiosk"), Some(KioskConfig::default()));
        assert_eq!(KioskConfig::from_query("?kiosk=1&idle=5&countdown=0.25"), Some(KioskConfig { idle_ms: 5000, countdown_ms: 250 }));
        assert_eq!(KioskConfig::from_query("?idle=abc&kiosk&countdown=0"), Some(KioskConfig::default()), "bad numbers keep the defaults");
    }

    #[test]
    fn settings_survive_as_a_query() {
        for config in [KioskConfig::default(), KioskConfig { idle_ms: 5000, countdown_ms: 3000 }, KioskConfig { idle_ms: 150, countdown_ms: 1250 }] {
            assert_eq!(KioskConfig::from_query(&config.to_query()), Some(config));
        }
        assert_eq!(KioskConfig::default().to_query(), "?kiosk");
    }

    #[test]
    fn phases_follow_the_delays() {
        let c = KioskConfig::default();
        assert_eq!(c.phase(0.0), Phase::Active);
        assert_eq!(c.phase(59_999.0), Phase::Active);
        assert_eq!(c.phase(60_000.0), Phase::Countdown { remaining_secs: 20 });
        assert_eq!(c.phase(79_001.0), Phase::Countdown { remaining_secs: 1 });
        assert_eq!(c.phase(80_000.0), Phase::Reset);
    }
}
