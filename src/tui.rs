//! The interactive terminal: setup, the event loop, and a restored terminal on
//! every way out — quit, error, panic, SIGTERM, SIGHUP, SIGINT.

use std::io::{self, IsTerminal, Stdout, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;

use crate::app::{Action, App};
use crate::data::Dataset;

/// Why the interface cannot start, or how it ended.
pub enum Outcome {
    /// The user quit.
    Quit,
    /// A signal ended it; the process should exit with 128 + the number.
    Signal(i32),
}

/// The one-line message when stdin or stdout is not a terminal.
pub const NOT_A_TERMINAL: &str = "bilateral: the interactive interface needs a terminal; \
for scripts use `bilateral list KIND` or `bilateral render --tab TAB` (see `bilateral --help`)";

/// Whether both ends are terminals, as the interface needs.
pub fn is_interactive() -> bool {
    io::stdout().is_terminal() && io::stdin().is_terminal()
}

/// Whether colour is wanted: NO_COLOR unset or empty.
pub fn color_wanted() -> bool {
    !crate::screen::theme::no_color()
}

/// Set once the terminal has been given back, so it is done once only.
static RESTORED: AtomicBool = AtomicBool::new(false);

fn restore_terminal() {
    if RESTORED.swap(true, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    // Each step is tried even if an earlier one fails.
    let _ = execute!(out, DisableMouseCapture);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let _ = execute!(out, cursor::Show);
    let _ = out.flush();
}

/// Restores the terminal when dropped, so early returns and errors leave it usable.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// The signals that end the interface.
const ENDING_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// How long the event loop has, after a signal, to end by itself.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);

/// Notes an ending signal in `signal` for the event loop, which sees it
/// within one wait and ends cleanly. But when the terminal itself has gone
/// away (its window closed: SIGHUP), crossterm keeps reading from it and the
/// loop never looks (crossterm issue #793); so if the process is still
/// running a moment later, this thread gives back what it can of the
/// terminal and ends it.
fn watch_signals(signal: Arc<AtomicUsize>) -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(ENDING_SIGNALS)?;
    std::thread::Builder::new()
        .name("bilateral-signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                signal.store(sig as usize, Ordering::Relaxed);
                std::thread::sleep(SIGNAL_GRACE);
                restore_terminal();
                std::process::exit(128 + sig);
            }
        })?;
    Ok(())
}

/// Runs the interface until the user quits or a signal arrives.
pub fn run(ds: Dataset, today_year: i32) -> io::Result<Outcome> {
    let signal = Arc::new(AtomicUsize::new(0));
    watch_signals(Arc::clone(&signal))?;
    install_panic_hook();
    enable_raw_mode()?;
    let _guard = Guard;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    )?;
    let mut terminal: Terminal<CrosstermBackend<Stdout>> =
        Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    let mut app = App::new(
        ds,
        Rect::new(0, 0, size.width, size.height),
        color_wanted(),
        today_year,
    );
    app.search().start_index(app.ds());
    let mut dirty = true;
    loop {
        let sig = signal.load(Ordering::Relaxed);
        if sig != 0 {
            return Ok(Outcome::Signal(sig as i32));
        }
        if dirty {
            let mut drawn = Default::default();
            terminal.draw(|f| drawn = crate::view::render(&app, f.buffer_mut()))?;
            app.update(Action::Drawn(drawn));
            dirty = false;
        }
        // While searching, look for results often enough to show them within a frame.
        let searching = *app.mode() == crate::app::Mode::Search;
        let wait = Duration::from_millis(if searching { 15 } else { 100 });
        if !event::poll(wait)? {
            let before = app.search().generation;
            app.update(Action::Tick);
            dirty |= app.search().generation != before;
            continue;
        }
        let action = match event::read()? {
            Event::Key(k) => app.key_action(&k),
            Event::Mouse(m) => app.mouse_action(&m),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            _ => None,
        };
        if let Some(a) = action {
            if let Action::Resize(..) = a {
                terminal.autoresize()?;
            }
            app.update(a);
            dirty = true;
        }
        if app.has_quit() {
            return Ok(Outcome::Quit);
        }
    }
}
