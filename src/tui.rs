//! The interactive terminal: set up through ratatui's `init` and given back
//! through its `restore`, the event loop, a progress line while the dataset
//! loads, job control as in less and vim (Ctrl-Z and SIGTSTP give the
//! terminal back before the program stops, SIGCONT takes it again and
//! redraws), and a restored terminal on every way out: quit, error, panic,
//! and every signal that would end the program and can be caught.

use std::io::{self, IsTerminal};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEvent, KeyEventKind,
    KeyModifiers,
};
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::DefaultTerminal;
use ratatui::layout::Rect;

use crate::app::{Action, App};
use crate::data::{Dataset, LoadError, Progress};
use crate::search::IndexCache;

pub mod effect;
mod loading;

/// How the interface ended.
pub enum Outcome {
    /// The user quit (before or after the dataset was loaded).
    Quit,
    /// A signal ended it; the process should exit with 128 + the number.
    Signal(i32),
    /// The dataset could not be loaded; the terminal has been given back,
    /// and the error is for the caller to print.
    Unloadable(LoadError),
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

/// Whether the terminal is set up for the interface right now; cleared by
/// the first of the ways out to give it back, so that is done once.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// What ratatui's `init` leaves out: the mouse, and the cursor hidden from
/// the start (before the first frame, the loading line).
fn take_extras() -> io::Result<()> {
    execute!(io::stdout(), EnableMouseCapture, cursor::Hide)
}

/// The terminal set up again after a suspension: what `ratatui::init` does,
/// without installing its panic hook a second time.
fn take_again() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)?;
    take_extras()?;
    TAKEN.store(true, Ordering::SeqCst);
    Ok(())
}

/// Gives the terminal back, if it is taken: mouse reporting off, then
/// ratatui's `restore` (raw mode off, the main screen back), then the cursor.
fn give_back() {
    if !TAKEN.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    // Each step is tried even if an earlier one fails.
    let _ = execute!(out, DisableMouseCapture);
    let _ = ratatui::try_restore();
    let _ = execute!(out, cursor::Show);
}

/// Gives the terminal back when dropped, so early returns and errors leave it usable.
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        give_back();
    }
}

/// ratatui's panic hook gives back the screen and raw mode; this one, run
/// first, gives back the rest.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let mut out = io::stdout();
        let _ = execute!(out, DisableMouseCapture, cursor::Show);
        previous(info);
    }));
}

/// Every signal whose default action ends the program and that can be
/// caught. SIGPIPE is not among them: Rust ignores it, so a write to a closed
/// terminal fails instead. SIGSEGV, SIGILL and SIGFPE cannot be handled
/// safely and are left alone.
fn ending_signals() -> Vec<i32> {
    use signal_hook::consts::signal::*;
    #[allow(unused_mut)]
    let mut all = vec![
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU,
        SIGXFSZ, SIGIO, SIGABRT, SIGBUS, SIGSYS, SIGTRAP,
    ];
    #[cfg(target_os = "linux")]
    {
        all.extend([libc::SIGPWR, libc::SIGSTKFLT]);
        all.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    }
    all
}

/// What the signal watchdog has seen, for the event loop.
#[derive(Default)]
struct Signals {
    /// An ending signal's number, or 0.
    ending: AtomicUsize,
    /// SIGTSTP: stop, as the shell asked.
    stop: AtomicBool,
    /// SIGCONT: the program was stopped and is running again.
    resumed: AtomicBool,
}

/// How long the event loop has, after an ending signal, to end by itself.
const SIGNAL_GRACE: Duration = Duration::from_millis(500);

/// Notes each signal in `seen` for the event loop, which sees it within one
/// wait. But when the terminal itself has gone away (its window closed:
/// SIGHUP), crossterm keeps reading from it and the loop never looks
/// (crossterm issue #793); so if the process is still running a moment after
/// an ending signal, this thread gives back what it can of the terminal and
/// ends it.
fn watch_signals(seen: Arc<Signals>) -> io::Result<()> {
    use signal_hook::consts::signal::{SIGCONT, SIGTSTP};
    let mut wanted = ending_signals();
    wanted.extend([SIGTSTP, SIGCONT]);
    let mut signals = signal_hook::iterator::Signals::new(wanted)?;
    std::thread::Builder::new()
        .name("bilateral-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                match sig {
                    SIGTSTP => seen.stop.store(true, Ordering::SeqCst),
                    SIGCONT => seen.resumed.store(true, Ordering::SeqCst),
                    _ => {
                        seen.ending.store(sig as usize, Ordering::SeqCst);
                        std::thread::sleep(SIGNAL_GRACE);
                        give_back();
                        std::process::exit(128 + sig);
                    }
                }
            }
        })?;
    Ok(())
}

/// Whether a shell with job control could start this process again if it
/// stopped. The leader of its own session (a terminal window running it as
/// its command) has none: the system ignores a request to stop it, and so
/// does this program, rather than freeze for good.
fn can_stop() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: getsid and getpid only read the calling process's ids.
        unsafe { libc::getsid(0) != libc::getpid() }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Stops the program as SIGTSTP would, with the terminal given back first;
/// once continued, takes it again. Whether it stopped: the caller redraws.
fn stop_and_resume() -> io::Result<bool> {
    if !can_stop() {
        return Ok(false);
    }
    give_back();
    // Stops here until SIGCONT.
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::signal::SIGTSTP)?;
    take_again()?;
    Ok(true)
}

/// Ctrl-Z, which the terminal sends as a key while the interface reads keys raw.
fn is_suspend_key(k: &KeyEvent) -> bool {
    k.code == KeyCode::Char('z') && k.modifiers.contains(KeyModifiers::CONTROL)
}

/// The loop's reading of the signal flags: an ending signal's number, after
/// handling a stop or a continue (taking the terminal again and clearing it
/// for a full redraw). Whether to redraw is set in `redraw`.
fn job_control(
    seen: &Signals,
    terminal: &mut DefaultTerminal,
    redraw: &mut bool,
) -> io::Result<Option<i32>> {
    let sig = seen.ending.load(Ordering::SeqCst);
    if sig != 0 {
        return Ok(Some(sig as i32));
    }
    if seen.stop.swap(false, Ordering::SeqCst) && stop_and_resume()? {
        seen.resumed.store(true, Ordering::SeqCst);
    }
    if seen.resumed.swap(false, Ordering::SeqCst) {
        // The shell may have changed the terminal's modes, and its screen is
        // not ours: set up again, clear, and draw every cell. (A fresh
        // `Terminal` forgets the last frame; its `clear` would ask the
        // terminal where the cursor is, which not every terminal answers.)
        if !TAKEN.load(Ordering::SeqCst) {
            take_again()?;
        }
        enable_raw_mode()?;
        execute!(io::stdout(), Clear(ClearType::All))?;
        *terminal = ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))?;
        *redraw = true;
    }
    Ok(None)
}

/// Runs the interface until the user quits or a signal arrives. The dataset
/// (`what`: a file name, or the embedded dataset) is loaded by `load` on its
/// own thread, while the terminal shows how far it has got and still answers
/// `q` and Ctrl-C. The search index is read from `cache` when it holds
/// one for this dataset, or built and kept there.
pub fn run<F>(
    what: &str,
    load: F,
    today_year: i32,
    cache: Option<IndexCache>,
) -> io::Result<Outcome>
where
    F: FnOnce(&Progress) -> Result<Dataset, LoadError> + Send + 'static,
{
    let seen = Arc::new(Signals::default());
    watch_signals(Arc::clone(&seen))?;
    let mut terminal = ratatui::try_init()?;
    TAKEN.store(true, Ordering::SeqCst);
    let _guard = Guard;
    install_panic_hook();
    take_extras()?;

    let (ds, mut typed) = match wait_for(what, load, &seen, &mut terminal)? {
        Loaded::Dataset(ds, typed) => (ds, std::collections::VecDeque::from(typed)),
        Loaded::Failed(e) => {
            give_back();
            return Ok(Outcome::Unloadable(e));
        }
        Loaded::Ended(outcome) => return Ok(outcome),
    };
    let size = terminal.size()?;
    let mut app = App::new(
        ds,
        Rect::new(0, 0, size.width, size.height),
        color_wanted(),
        today_year,
    );
    app.search().start_index(app.ds(), cache);
    let mut dirty = true;
    let hyperlinks = effect::hyperlinks_wanted();
    let mut linked = Vec::new();
    loop {
        if let Some(sig) = job_control(&seen, &mut terminal, &mut dirty)? {
            return Ok(Outcome::Signal(sig));
        }
        if dirty {
            let size = terminal.size()?;
            if (size.width, size.height) != (app.area().width, app.area().height) {
                app.update(Action::Resize(size.width, size.height));
            }
            let links = if hyperlinks {
                crate::view::sources::links(&app)
            } else {
                Vec::new()
            };
            if !linked.is_empty() && links != linked {
                // Cells that were links and look unchanged would keep their link.
                terminal.clear()?;
            }
            let mut drawn = Default::default();
            terminal.draw(|f| drawn = crate::view::render(&app, f.buffer_mut()))?;
            effect::write_links(&links, terminal.backend_mut())?;
            linked = links;
            app.update(Action::Drawn(drawn));
            dirty = false;
        }
        // While searching, look for results often enough to show them within a frame.
        let searching = *app.mode() == crate::app::Mode::Search;
        let wait = Duration::from_millis(if searching { 15 } else { 100 });
        let event = match typed.pop_front() {
            Some(e) => e,
            None if !event::poll(wait)? => {
                let before = app.search().generation;
                app.update(Action::Tick);
                dirty |= app.search().generation != before;
                continue;
            }
            None => event::read()?,
        };
        let action = match event {
            Event::Key(k) if is_suspend_key(&k) && k.kind == KeyEventKind::Press => {
                seen.stop.store(true, Ordering::SeqCst);
                None
            }
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
        // What the key asked of the world outside: done here, reported back.
        if let Some(effect) = app.take_effect() {
            let done = effect::perform(app.ds(), effect, terminal.backend_mut());
            app.update(Action::Done(done));
        }
        if app.has_quit() {
            return Ok(Outcome::Quit);
        }
    }
}

/// How waiting for the dataset ended.
enum Loaded {
    /// The dataset, and the keys typed while it loaded, to be played in order.
    Dataset(Dataset, Vec<Event>),
    Failed(LoadError),
    Ended(Outcome),
}

/// The most keys kept while loading: a held key is not stored without end.
const TYPED_AHEAD: usize = 256;

/// A loading line shows only if loading takes longer than this: a small
/// dataset opens without a flash of it.
const QUIET: Duration = Duration::from_millis(150);

/// Loads the dataset on its own thread, drawing its progress and answering
/// keys and signals meanwhile. Keys typed meanwhile are kept for the
/// interface, as a shell keeps what is typed ahead: `q` and Esc leave only
/// before anything else is typed (after `/`, they are part of a search);
/// Ctrl-C always.
fn wait_for<F>(
    what: &str,
    load: F,
    seen: &Signals,
    terminal: &mut DefaultTerminal,
) -> io::Result<Loaded>
where
    F: FnOnce(&Progress) -> Result<Dataset, LoadError> + Send + 'static,
{
    let progress = Arc::new(Progress::default());
    let (tx, rx) = mpsc::channel();
    {
        let progress = Arc::clone(&progress);
        std::thread::Builder::new()
            .name("bilateral-load".into())
            .spawn(move || {
                let _ = tx.send(load(&progress));
            })?;
    }
    let start = Instant::now();
    let mut redraw = false;
    let mut typed = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_millis(50)) {
            Ok(Ok(ds)) => return Ok(Loaded::Dataset(ds, typed)),
            Ok(Err(e)) => return Ok(Loaded::Failed(e)),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(io::Error::other("the dataset could not be loaded"));
            }
        }
        if let Some(sig) = job_control(seen, terminal, &mut redraw)? {
            return Ok(Loaded::Ended(Outcome::Signal(sig)));
        }
        while event::poll(Duration::ZERO)? {
            match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press && is_suspend_key(&k) => {
                    seen.stop.store(true, Ordering::SeqCst);
                }
                Event::Key(k)
                    if k.kind == KeyEventKind::Press && loading::quits(&k, !typed.is_empty()) =>
                {
                    return Ok(Loaded::Ended(Outcome::Quit));
                }
                Event::Resize(..) => {
                    terminal.autoresize()?;
                }
                // A key's release (where the terminal reports it) is no key typed.
                Event::Key(k) if k.kind == KeyEventKind::Release => {}
                e @ (Event::Key(_) | Event::Paste(_)) if typed.len() < TYPED_AHEAD => typed.push(e),
                _ => {}
            }
        }
        if start.elapsed() >= QUIET {
            let ahead = typed.len();
            terminal.draw(|f| {
                loading::render(
                    what,
                    &progress,
                    ahead,
                    color_wanted(),
                    f.area(),
                    f.buffer_mut(),
                )
            })?;
        }
    }
}
