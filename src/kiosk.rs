//! Kiosk mode, the pure part: its settings from the URL and what the screen shows after a
//! given time without input. The UI is in `components/kiosk.rs`.

/// Kiosk settings: `?kiosk` turns the mode on; `idle` and `countdown` (seconds) shorten or
/// lengthen the two delays, e.g. `?kiosk&idle=5&countdown=3` for staff and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KioskConfig {
    /// Seconds without input before « Vous êtes toujours là ? ».
    pub idle_secs: u32,
    /// Seconds of that question before the kiosk resets.
    pub countdown_secs: u32,
}

impl Default for KioskConfig {
    fn default() -> Self {
        KioskConfig { idle_secs: 60, countdown_secs: 20 }
    }
}

impl KioskConfig {
    /// Reads a URL query (`?kiosk&idle=5`); `None` when the kiosk is not asked for. A bad
    /// number keeps the default rather than stopping a public screen.
    pub fn from_query(query: &str) -> Option<KioskConfig> {
        let mut config = None;
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let seconds = value.parse::<u32>().ok().filter(|s| *s > 0);
            match key {
                "kiosk" => {
                    config.get_or_insert_with(KioskConfig::default);
                }
                "idle" => {
                    if let Some(s) = seconds {
                        config.get_or_insert_with(KioskConfig::default).idle_secs = s;
                    }
                }
                "countdown" => {
                    if let Some(s) = seconds {
                        config.get_or_insert_with(KioskConfig::default).countdown_secs = s;
                    }
                }
                _ => {}
            }
        }
        // `idle` or `countdown` alone do not turn the kiosk on.
        query.split(['?', '&']).any(|p| p == "kiosk" || p.starts_with("kiosk=")).then_some(config).flatten()
    }

    /// The query that keeps these settings across navigation.
    pub fn to_query(self) -> String {
        let default = KioskConfig::default();
        let mut query = String::from("?kiosk");
        if self.idle_secs != default.idle_secs {
            query.push_str(&format!("&idle={}", self.idle_secs));
        }
        if self.countdown_secs != default.countdown_secs {
            query.push_str(&format!("&countdown={}", self.countdown_secs));
        }
        query
    }

    /// What the kiosk shows after `idle_ms` without input, while a visitor is there.
    pub fn phase(self, idle_ms: f64) -> Phase {
        let idle = f64::from(self.idle_secs) * 1000.0;
        let total = idle + f64::from(self.countdown_secs) * 1000.0;
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
    Countdown { remaining_secs: u32 },
    /// Time to clear the visit and show the attract screen.
    Reset,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_turns_the_kiosk_on_and_sets_delays() {
        assert_eq!(KioskConfig::from_query(""), None);
        assert_eq!(KioskConfig::from_query("?idle=5"), None);
        assert_eq!(KioskConfig::from_query("?kiosk"), Some(KioskConfig::default()));
        assert_eq!(KioskConfig::from_query("?kiosk=1&idle=5&countdown=3"), Some(KioskConfig { idle_secs: 5, countdown_secs: 3 }));
        assert_eq!(KioskConfig::from_query("?idle=abc&kiosk&countdown=0"), Some(KioskConfig::default()), "bad numbers keep the defaults");
    }

    #[test]
    fn settings_survive_as_a_query() {
        for config in [KioskConfig::default(), KioskConfig { idle_secs: 5, countdown_secs: 3 }] {
            assert_eq!(KioskConfig::from_query(&config.to_query()), Some(config));
        }
        assert_eq!(KioskConfig::default().to_query(), "?kiosk");
    }

    #[test]
    fn phases_follow_the_delays() {
        let c = KioskConfig { idle_secs: 60, countdown_secs: 20 };
        assert_eq!(c.phase(0.0), Phase::Active);
        assert_eq!(c.phase(59_999.0), Phase::Active);
        assert_eq!(c.phase(60_000.0), Phase::Countdown { remaining_secs: 20 });
        assert_eq!(c.phase(79_001.0), Phase::Countdown { remaining_secs: 1 });
        assert_eq!(c.phase(80_000.0), Phase::Reset);
    }
}
