//! The interface in a pseudo-terminal, under what comes from outside it: a
//! hostile dataset (every tab and overlay is drawn, and the raw bytes sent to
//! the terminal hold no escape sequence, control or invisible character from
//! the data), bursts of resizes, signals that would end it, job control
//! (Ctrl-Z, SIGTSTP and SIGCONT, as a shell sends them), and a dataset that
//! takes long to arrive. The terminal is left as it was found every time.
#![cfg(unix)]

use std::io::Write;
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::sys::termios::LocalFlags;
use nix::unistd::Pid;
use portable_pty::{CommandBuilder, PtySize};

use crate::common::pty::{self, BIN, TIMEOUT, Term};

/// The program in a 120×40 pseudo-terminal, with this module's ways to drive it.
enum HostileTui {}
type Run = pty::Run<HostileTui>;

impl Run {
    /// bilateral with `args`, in a 120×40 pseudo-terminal.
    fn start(args: &[&str]) -> Run {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        Run::spawn(cmd)
    }

    /// bilateral run by a shell, as a shell's job: not the leader of its
    /// session, so it can be stopped and continued.
    fn as_a_job(args: &[&str]) -> Run {
        let mut cmd = CommandBuilder::new("sh");
        cmd.arg("-c");
        cmd.arg("\"$0\" \"$@\"; echo \"ended with $?\"");
        cmd.arg(BIN);
        cmd.args(args);
        Run::spawn(cmd)
    }

    /// bilateral with `args` and NO_COLOR set, so its screen reads as `render` prints it.
    fn start_colourless(args: &[&str]) -> Run {
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        Run::spawn_with(cmd, true)
    }

    fn spawn(cmd: CommandBuilder) -> Run {
        Run::spawn_with(cmd, false)
    }

    /// The interface's own OSC 8 links (tested in copy_export) stay off,
    /// whatever terminal runs the tests: here any OSC is the data's.
    fn spawn_with(mut cmd: CommandBuilder, no_color: bool) -> Run {
        cmd.env("BILATERAL_HYPERLINKS", "0");
        if no_color {
            cmd.env("NO_COLOR", "1");
        } else {
            cmd.env_remove("NO_COLOR");
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        Run::new(Term::spawn(cmd))
    }

    /// Sends a key and waits until the screen shows it was handled.
    fn key(&mut self, bytes: &[u8], then: Then) {
        let before = self.contents();
        self.send(bytes);
        let what = format!("the screen after {:?}", String::from_utf8_lossy(bytes));
        self.wait(&what, |s| {
            let now = s.contents();
            match then {
                Then::Changes => now != before,
                Then::Shows(text) => now.contains(text),
                Then::Hides(text) => !now.contains(text),
            }
        });
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // The last output may still be on its way.
                thread::sleep(Duration::from_millis(100));
                return status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the program did not exit:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn quit(&mut self) {
        self.send(b"q");
        self.wait_exit();
    }

    /// Whether the terminal is in canonical mode with echo, as a shell leaves it.
    fn cooked(&self) -> bool {
        let t = self.master.get_termios().expect("the terminal's settings");
        t.local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO)
    }

    /// The terminal as a shell had it: main screen, cursor shown, no mouse reporting, cooked.
    fn assert_given_back(&self, context: &str) {
        let parser = self.screen.lock().unwrap();
        let s = parser.screen();
        assert!(
            !s.alternate_screen(),
            "{context}: still on the alternate screen"
        );
        assert!(!s.hide_cursor(), "{context}: the cursor is hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "{context}: mouse reporting is on"
        );
        drop(parser);
        assert!(self.cooked(), "{context}: raw mode is on");
    }

    /// The interface has the terminal: alternate screen, raw mode, its screen drawn.
    fn assert_taken(&self, context: &str) {
        self.wait(&format!("{context}: the interface drawn"), |s| {
            s.alternate_screen() && s.contents().contains("bilateral · Mexico ⇄ Vietnam")
        });
        assert!(!self.cooked(), "{context}: raw mode is off");
    }
}

/// What a key does to the screen, which shows it was handled.
#[derive(Clone, Copy)]
enum Then {
    Changes,
    Shows(&'static str),
    Hides(&'static str),
}

/// Every byte sequence the data tries to smuggle in, none of which the
/// interface itself ever sends.
fn assert_clean(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    // Operating-system commands: window title, OSC 8 links, OSC 52 clipboard.
    assert!(
        !raw.windows(2).any(|w| w == b"\x1b]"),
        "an OSC sequence reached the terminal"
    );
    assert!(!raw.contains(&0x07), "a BEL reached the terminal");
    assert!(!raw.contains(&0x00), "a NUL reached the terminal");
    assert!(!raw.contains(&0x08), "a backspace reached the terminal");
    for c in text.chars() {
        let n = u32::from(c);
        assert!(
            !(0x80..=0x9f).contains(&n),
            "C1 control U+{n:04X} reached the terminal"
        );
        assert!(
            !matches!(n, 0x200b..=0x200f | 0x202a..=0x202e | 0x2066..=0x2069 | 0xfeff),
            "invisible or bidi character U+{n:04X} reached the terminal"
        );
    }
    // The data's own screen-clearing and colour sequences arrive as placeholders.
    assert!(
        text.contains("␛[2J") || text.contains("␛[31m"),
        "the placeholders are shown"
    );
}

#[test]
fn every_tab_and_overlay_of_a_hostile_dataset_prints_no_escape_from_the_data() {
    let mut run = Run::start(&["--data", "tests/fixtures/hostile.json"]);
    run.wait_for("╭ Facts");
    use Then::*;
    // Each key with what shows it was handled.
    let steps: &[(&[u8], Then)] = &[
        (b"j", Changes),
        (b"2", Shows("╭ Timeline")),
        (b"jjj", Changes),
        (b"3", Shows("╭ Visits")),
        (b"j", Changes),
        (b"4", Shows("╭ Agreements")),
        (b"5", Shows("╭ Figures")),
        (b"l", Changes),
        (b"L", Changes),
        (b"c", Changes),
        (b"6", Shows("╭ Missions")),
        (b"j", Changes),
        (b"?", Shows(" Keys ")),
        (b"\x1b", Hides(" Keys ")),
        (b"s", Shows(" Sources ")),
        (b"\x1b", Hides(" Sources ")),
        (b"\r", Changes),
        (b"\x1b", Changes),
        (b"r", Shows(" Relation ")),
        (b"\x1b", Hides(" Relation ")),
        (b"/", Shows("Tab: this one")),
        (b"pwn", Shows(" match")),
        (b"\t", Shows("all relations · Tab")),
        // Jumps to the first hit, which closes the box.
        (b"\r", Hides(" · Tab ")),
        (b"]", Changes),
        (b"1", Shows("╭ All relations")),
        (b"2", Shows("╭ Timeline")),
        (b"3", Shows("╭ Visits")),
        (b"4", Shows("╭ Agreements")),
        (b"5", Shows("╭ Trade compared")),
        (b"6", Shows("╭ Missions")),
    ];
    for (keys, then) in steps {
        run.key(keys, *then);
    }
    run.quit();
    let raw = run.raw.lock().unwrap().clone();
    // No OSC at all (checked in assert_clean) means no title, link or clipboard write.
    assert_clean(&raw);
}

#[test]
fn a_burst_of_resizes_leaves_the_terminal_restored() {
    let mut run = Run::start(&[]);
    run.wait_for("1 Overview");
    for i in 0..60u16 {
        let size = PtySize {
            rows: 10 + (i * 7) % 50,
            cols: 40 + (i * 13) % 160,
            pixel_width: 0,
            pixel_height: 0,
        };
        run.master.resize(size).unwrap();
    }
    run.master
        .resize(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // Keys typed while resize signals are still arriving can wait for the
    // next key: crossterm's event source drops the terminal's readiness when
    // a signal is reported in the same wake-up. Type once the burst is drawn.
    run.wait_quiet(Duration::from_millis(300));
    run.key(b"2", Then::Shows("Records per year"));
    run.quit();
    let status = run.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    run.assert_given_back("after the resizes");
}

#[test]
fn every_ending_signal_gives_the_terminal_back() {
    for signal in [
        Signal::SIGUSR1,
        Signal::SIGUSR2,
        Signal::SIGALRM,
        Signal::SIGXCPU,
    ] {
        let mut run = Run::start(&[]);
        run.assert_taken(&format!("before {signal}"));
        let pid = Pid::from_raw(run.child.process_id().unwrap() as i32);
        kill(pid, signal).unwrap();
        let status = run.wait_exit();
        assert_eq!(
            status.exit_code(),
            128 + signal as u32,
            "{signal}: {status:?}"
        );
        assert_eq!(status.signal(), None, "{signal} is handled, not fatal");
        run.assert_given_back(&format!("after {signal}"));
    }
}

/// The process id of the only child of `parent` (Linux).
#[cfg(target_os = "linux")]
fn only_child(parent: u32) -> Pid {
    let start = Instant::now();
    loop {
        let children = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children"))
            .unwrap_or_default();
        if let Some(pid) = children.split_whitespace().next() {
            return Pid::from_raw(pid.parse().unwrap());
        }
        assert!(start.elapsed() < TIMEOUT, "no child of {parent}");
        thread::sleep(Duration::from_millis(10));
    }
}

/// Whether `pid` is stopped (Linux).
#[cfg(target_os = "linux")]
fn stopped(pid: Pid) -> bool {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name in parentheses.
    stat.rsplit_once(") ")
        .is_some_and(|(_, rest)| rest.starts_with('T'))
}

/// Stops the interface with `stop`, checks the terminal is given back, continues
/// it, checks it is taken again and drawn, and quits.
#[cfg(target_os = "linux")]
fn stop_and_continue(stop: impl FnOnce(&mut Run, Pid)) {
    let mut run = Run::as_a_job(&[]);
    let app = only_child(run.child.process_id().unwrap());
    run.assert_taken("before stopping");
    run.key(b"3", Then::Shows("╭ Visits"));
    stop(&mut run, app);
    let start = Instant::now();
    while !stopped(app) {
        assert!(start.elapsed() < TIMEOUT, "the program did not stop");
        thread::sleep(Duration::from_millis(10));
    }
    run.wait("the main screen back", |s| !s.alternate_screen());
    run.assert_given_back("while stopped");
    kill(app, Signal::SIGCONT).unwrap();
    run.assert_taken("after continuing");
    // Redrawn in full, where it was.
    run.wait_for("╭ Visits");
    run.key(b"2", Then::Shows("╭ Timeline"));
    run.send(b"q");
    run.wait_for("ended with 0");
    run.assert_given_back("after quitting");
}

#[test]
#[cfg(target_os = "linux")]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again() {
    stop_and_continue(|_, app| kill(app, Signal::SIGTSTP).unwrap());
}

#[test]
#[cfg(target_os = "linux")]
fn ctrl_z_suspends_as_in_less_and_vim() {
    stop_and_continue(|run, _| run.send(b"\x1a"));
}

/// bilateral opening `slow.json` in `dir`, a FIFO: the dataset arrives
/// as the test writes it.
fn reading_a_fifo(dir: &std::path::Path) -> (std::path::PathBuf, Run) {
    let fifo = dir.join("slow.json");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
    let run = Run::start(&["--data", fifo.to_str().unwrap()]);
    (fifo, run)
}

#[test]
fn a_dataset_that_is_slow_to_arrive_shows_progress_and_q_still_quits() {
    let dir = tempfile::tempdir().unwrap();
    let (fifo, mut run) = reading_a_fifo(dir.path());
    // Three megabytes of a dataset, then nothing more for as long as the test runs.
    let writer = thread::spawn(move || {
        let mut out = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        let mut text = String::from("{\"sources\": [");
        while text.len() < 3 << 20 {
            text.push_str("{\"id\": \"s\", \"title\": \"a source\", \"kind\": \"news\"},");
        }
        let _ = out.write_all(text.as_bytes());
        thread::sleep(TIMEOUT);
    });
    run.wait("the progress of reading", |s| {
        let c = s.contents();
        c.contains("bilateral · opening slow.json")
            && c.contains("read 3.1 MB")
            && c.contains("q quit")
    });
    run.send(b"q");
    let status = run.wait_exit();
    assert!(status.success(), "q while loading exits with 0: {status:?}");
    run.assert_given_back("after quitting while loading");
    drop(writer);
}

#[test]
fn keys_typed_while_loading_are_played_once_the_data_is_there() {
    let dir = tempfile::tempdir().unwrap();
    let (fifo, mut run) = reading_a_fifo(dir.path());
    let text = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/relations.json"),
    )
    .unwrap();
    let (first, rest) = text.split_at(text.len() / 2);
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let first = first.to_vec();
    let rest = rest.to_vec();
    // Half the dataset, then the rest once the keys are typed.
    let writer = thread::spawn(move || {
        let mut out = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
        out.write_all(&first).unwrap();
        let _ = rx.recv();
        out.write_all(&rest).unwrap();
    });
    run.wait("the loading screen", |s| {
        s.contents().contains("bilateral · opening slow.json")
    });
    // A search with a "q" in it: not a way to leave once typing has begun.
    run.send(b"/iqbal");
    run.wait("the keys kept", |s| s.contents().contains("6 keys kept"));
    tx.send(()).unwrap();
    run.wait("the search typed while loading", |s| {
        let c = s.contents();
        c.contains("/ iqbal") && c.contains("Ahsan Iqbal")
    });
    run.send(b"\r");
    run.wait("the visit, jumped to", |s| {
        s.contents().contains("hit 1 of 1")
    });
    run.quit();
    writer.join().unwrap();
}

/// The lines of a screen, without trailing spaces or trailing empty lines.
fn lines(screen: &str) -> Vec<String> {
    let mut lines: Vec<String> = screen.lines().map(|l| l.trim_end().to_string()).collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// What `bilateral render` prints for a tab of the flag fixture at a size.
fn rendered(tab: &str, cols: u16, rows: u16) -> Vec<String> {
    let out = std::process::Command::new(BIN)
        .args([
            "--data",
            "tests/fixtures/flags.json",
            "render",
            "--tab",
            tab,
        ])
        .args(["--width", &cols.to_string(), "--height", &rows.to_string()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("render runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    lines(&String::from_utf8_lossy(&out.stdout))
}

#[test]
fn flags_and_emoji_sequences_leave_the_screen_exactly_as_render_prints_it() {
    let mut run = Run::start_colourless(&["--data", "tests/fixtures/flags.json"]);
    run.wait_for("╭ Facts");
    let tabs = [
        ("5", "trade"),
        ("1", "overview"),
        ("2", "timeline"),
        ("5", "trade"),
        ("3", "visits"),
        ("4", "agreements"),
        ("6", "missions"),
        ("1", "overview"),
    ];
    // Switching tabs redraws only what changed: a glyph drawn wider or
    // narrower than it was measured would be left behind, or shift a line.
    for (size, (cols, rows)) in [(0, (120, 40)), (1, (80, 24))] {
        if size > 0 {
            run.master
                .resize(PtySize {
                    rows,
                    cols,
                    pixel_width: 0,
                    pixel_height: 0,
                })
                .unwrap();
            run.screen.lock().unwrap().screen_mut().set_size(
                std::num::NonZeroU16::new(rows).unwrap(),
                std::num::NonZeroU16::new(cols).unwrap(),
            );
        }
        for (key, tab) in tabs {
            let want = rendered(tab, cols, rows);
            run.send(key.as_bytes());
            let start = Instant::now();
            loop {
                let shown = lines(&run.contents());
                if shown == want {
                    break;
                }
                assert!(
                    start.elapsed() < TIMEOUT,
                    "{tab} at {cols}×{rows}: the screen\n{}\nis not what render prints\n{}",
                    shown.join("\n"),
                    want.join("\n")
                );
                thread::sleep(Duration::from_millis(10));
            }
        }
    }
    run.quit();
}
