//! Kiosk mode, the pure part: its settings from the URL and what the screen shows after a
//! given time without input. The UI is in `components/kiosk.rs`.

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
                "kiosk" => {
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
        query.split(['?', '&']).any(|p| p == "kiosk" || p.starts_with("kiosk=")).then_some(config).flatten()
    }

    /// The query that keeps these settings across navigation.
    pub fn to_query(self) -> String {
        let default = KioskConfig::default();
        let mut query = String::from("?kiosk");
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
