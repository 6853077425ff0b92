//! The six tabs of the interface.

/// A tab of the interface, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Overview,
    Timeline,
    Visits,
    Agreements,
    Trade,
    Missions,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Overview,
        Tab::Timeline,
        Tab::Visits,
        Tab::Agreements,
        Tab::Trade,
        Tab::Missions,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Overview => "Overview",
            Tab::Timeline => "Timeline",
            Tab::Visits => "Visits",
            Tab::Agreements => "Agreements",
            Tab::Trade => "Trade",
            Tab::Missions => "Missions",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }

    /// Whether the tab's rows are dated and in date order, so that ←/→ can
    /// move by year: every tab but Overview, whose facts are undated.
    pub fn dated(self) -> bool {
        self != Tab::Overview
    }

    /// Parses a tab name as the command line writes it: "overview", "trade", …
    pub fn parse(s: &str) -> Option<Tab> {
        Tab::ALL
            .into_iter()
            .find(|t| t.title().eq_ignore_ascii_case(s.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_and_prev_wrap_around() {
        assert_eq!(Tab::Missions.next(), Tab::Overview);
        assert_eq!(Tab::Overview.prev(), Tab::Missions);
        for t in Tab::ALL {
            assert_eq!(t.next().prev(), t);
        }
    }

    #[test]
    fn parses_names_in_any_case() {
        assert_eq!(Tab::parse("Trade"), Some(Tab::Trade));
        assert_eq!(Tab::parse("missions"), Some(Tab::Missions));
        assert_eq!(Tab::parse("nope"), None);
    }
}
