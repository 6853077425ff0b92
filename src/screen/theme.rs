//! Styles, in colour or (under NO_COLOR) in bold, reverse and underline only.
//! Meaning is never carried by colour alone: every coloured thing also has a word or a mark.

use ratatui::style::{Color, Modifier, Style};

use crate::query::Kind;

/// Whether the user asked for no colour: `NO_COLOR` set and not empty
/// (no-color.org). The one place the program reads it.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The styles of the interface; made once, with the app, and read by every view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    /// Whether it draws in colour.
    pub fn color(self) -> bool {
        self.color
    }

    fn fg(self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn base(self) -> Style {
        Style::new()
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn dim(self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }

    pub fn border(self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn focus_border(self) -> Style {
        self.fg(Color::Cyan)
    }

    /// The selected row: reversed in monochrome, so it shows without colour.
    pub fn selected(self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn header_row(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn label(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn active_tab(self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    pub fn warning(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// A record kind's label colour; the label's word carries the meaning.
    pub fn kind(self, k: Kind) -> Style {
        let c = match k {
            Kind::Event => Color::Magenta,
            Kind::Visit => Color::Green,
            Kind::Agreement => Color::Yellow,
            Kind::Trade | Kind::Products | Kind::Growth => Color::Cyan,
            Kind::Mission => Color::Blue,
            Kind::Fact => Color::White,
        };
        self.fg(c)
    }

    pub fn bar(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn bar_alt(self) -> Style {
        self.fg(Color::Magenta)
    }
}
