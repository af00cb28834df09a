//! Dates as the story and the apps write them: ISO 8601 text, `2024-03-01T10:00:00.000Z`.

/// The day of an ISO 8601 date and time, `YYYY-MM-DD`: its first ten bytes; a shorter or odd
/// text as it is, never a panic.
pub fn day(iso: &str) -> &str {
    iso.get(..10).unwrap_or(iso)
}

#[cfg(test)]
mod tests {
    use super::day;

    #[test]
    fn the_day_of_a_date_and_time() {
        assert_eq!(day("2024-03-01T10:00:00.000Z"), "2024-03-01");
        assert_eq!(day("2024-03-01 10:00"), "2024-03-01");
        assert_eq!(day("2024-03-01"), "2024-03-01");
        assert_eq!(day("2024-03"), "2024-03", "shorter: as it is");
        assert_eq!(day(""), "");
        assert_eq!(day("2024-03-0é1"), "2024-03-0é1", "the tenth byte inside a letter: as it is");
    }
}
