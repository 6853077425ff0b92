//! The real program in a pseudo-terminal: what the screen shows as keys are
//! typed, and a terminal given back as it was found on every way out.
#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::sys::termios::LocalFlags;
use nix::unistd::Pid;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty};

use crate::common::pty::{BIN, COLS, ROWS, TIMEOUT, open};

/// The interface as a user starts it: colour on, a common terminal type.
fn app_command() -> CommandBuilder {
    let mut cmd = CommandBuilder::new(BIN);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd
}

/// A program running in a pseudo-terminal, its output read into a terminal emulator.
struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// Signalled when the program's side of the terminal is closed and all its output read.
    eof: Receiver<()>,
}

impl Session {
    fn start(cmd: CommandBuilder) -> Session {
        let (master, child) = open(cmd);
        let mut reader = master.try_clone_reader().expect("a reader");
        let writer = master.take_writer().expect("a writer");
        let rows = std::num::NonZeroU16::new(ROWS).unwrap();
        let cols = std::num::NonZeroU16::new(COLS).unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let (done, eof) = mpsc::channel();
        let parser = Arc::clone(&screen);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => parser.lock().unwrap().process(&buf[..n]),
                }
            }
            let _ = done.send(());
        });
        Session {
            screen,
            master,
            writer,
            child,
            eof,
        }
    }

    fn app() -> Session {
        Session::start(app_command())
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `ok`; fails with the screen after the timeout.
    fn wait_for(&mut self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ok(self.screen.lock().unwrap().screen()) {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                // The last output may still be on its way.
                let _ = self.eof.recv_timeout(TIMEOUT);
                if ok(self.screen.lock().unwrap().screen()) {
                    return;
                }
                panic!(
                    "the program ended ({status:?}) before {what}; the screen:\n{}",
                    self.contents()
                );
            }
            if start.elapsed() > TIMEOUT {
                panic!(
                    "timed out waiting for {what}; the screen:\n{}",
                    self.contents()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_for_text(&mut self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer
            .write_all(bytes)
            .expect("typing into the terminal");
        self.writer.flush().expect("typing into the terminal");
    }

    /// Waits for the program to end and its last output to be read.
    fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("the program's status") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("the program did not exit; the screen:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(20));
        };
        self.eof
            .recv_timeout(TIMEOUT)
            .expect("the program's output ends when it exits");
        status
    }

    fn pid(&self) -> Pid {
        Pid::from_raw(self.child.process_id().expect("a process id") as i32)
    }

    /// Whether the terminal is in canonical mode with echo, as a shell leaves it.
    fn cooked(&self) -> (bool, bool) {
        let t = self.master.get_termios().expect("the terminal's settings");
        (
            t.local_flags.contains(LocalFlags::ICANON),
            t.local_flags.contains(LocalFlags::ECHO),
        )
    }

    /// The interface is up: its first screen drawn, the terminal raw, the alternate screen on.
    fn wait_started(&mut self) {
        self.wait_for_text("bilateral · Mexico ⇄ Vietnam");
        let s = self.screen.lock().unwrap();
        assert!(
            s.screen().alternate_screen(),
            "drawn on the alternate screen"
        );
        assert!(
            s.screen().hide_cursor(),
            "the cursor is hidden while running"
        );
        drop(s);
        assert_eq!(self.cooked(), (false, false), "raw mode while running");
    }

    /// The terminal as it was before the program started.
    fn assert_restored(&self) {
        let s = self.screen.lock().unwrap();
        let screen = s.screen();
        assert!(!screen.alternate_screen(), "the alternate screen was left");
        assert!(!screen.hide_cursor(), "the cursor is visible again");
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture is off"
        );
        drop(s);
        assert_eq!(
            self.cooked(),
            (true, true),
            "raw mode is off: ICANON and ECHO are set again"
        );
    }
}

#[test]
fn browse_then_quit() {
    let mut s = Session::app();
    s.wait_started();
    let first = s.contents();
    assert!(first.contains("Overview"), "{first}");

    s.send(b"2");
    s.wait_for("the timeline", |sc| {
        let c = sc.contents();
        c.contains("╭ Timeline") && c.contains("Diplomatic relations established")
    });

    s.send(b"\t");
    s.wait_for("the visits after Tab", |sc| {
        let c = sc.contents();
        c.contains("╭ Visits") && c.contains(" 1/11 ") && c.contains("Visitor      Nguyen Co Thach")
    });

    s.send(b"j");
    s.wait_for("the second visit in the detail pane", |sc| {
        let c = sc.contents();
        c.contains(" 2/11 ") && c.contains("Visitor      Pham Van Dong")
    });

    s.send(b"]");
    s.wait_for_text("bilateral · Mexico ⇄ Pakistan");
    assert!(s.contents().contains("╭ Visits"), "the tab is kept");

    s.send(b"?");
    s.wait_for("the help overlay", |sc| {
        let c = sc.contents();
        c.contains(" Keys ") && c.contains("show or hide this help")
    });

    s.send(b"\x1b");
    s.wait_for("the help closed", |sc| {
        let c = sc.contents();
        !c.contains("show or hide this help") && c.contains("╭ Visits")
    });

    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "q exits with 0, not {status:?}");
    s.assert_restored();
}

#[test]
fn shift_tab_and_the_picker_in_the_real_terminal() {
    let mut s = Session::app();
    s.wait_started();
    s.send(b"\x1b[Z");
    s.wait_for_text("╭ Missions");
    s.send(b"r");
    s.wait_for_text(" Relation ");
    s.send(b"pak");
    s.wait_for_text("› pak");
    s.send(b"\r");
    s.wait_for_text("bilateral · Mexico ⇄ Pakistan");
    // Esc on the main screen never quits: it says what does.
    s.send(b"\x1b");
    s.wait_for_text("q quits");
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "q exits with 0, not {status:?}");
    s.assert_restored();
}

fn ended_by(signal: Signal) {
    let mut s = Session::app();
    s.wait_started();
    s.send(b"3");
    s.wait_for_text("╭ Visits");
    kill(s.pid(), signal).expect("the signal is sent");
    let status = s.wait_exit();
    assert_eq!(
        status.exit_code(),
        128 + signal as u32,
        "{signal} ends the program with 128 + {}: {status:?}",
        signal as i32
    );
    assert_eq!(status.signal(), None, "the program handles {signal} itself");
    s.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    ended_by(Signal::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal() {
    ended_by(Signal::SIGHUP);
}

#[test]
fn sigint_restores_the_terminal() {
    ended_by(Signal::SIGINT);
}

/// Closing the terminal's window: the terminal goes away under the program
/// (reads from it end at once, forever) and it gets SIGHUP. It must end,
/// not spin reading nothing.
#[test]
fn closing_the_terminal_ends_the_program() {
    let (master, mut child) = open(app_command());
    // Read until the first frame is drawn, then let go of the terminal.
    let mut reader = master.try_clone_reader().expect("a reader");
    let (drawn, first_frame) = mpsc::channel();
    thread::spawn(move || {
        let (mut seen, mut buf) = (Vec::new(), [0u8; 8192]);
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains("Missions") {
                let _ = drawn.send(());
                break;
            }
        }
    });
    first_frame
        .recv_timeout(TIMEOUT)
        .expect("the first frame is drawn");
    // Waiting for keys in its event loop.
    thread::sleep(Duration::from_millis(300));
    drop(master);
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("the program's status") {
            break status;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("the program kept running after its terminal was closed");
        }
        thread::sleep(Duration::from_millis(20));
    };
    assert!(!status.success(), "{status:?}");
    assert_eq!(status.signal(), None, "it ends itself: {status:?}");
}

#[test]
fn a_stdin_that_is_not_a_terminal_gets_one_line_and_exit_2() {
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", "exec \"$0\" </dev/null", BIN]);
    cmd.env("TERM", "xterm-256color");
    let mut s = Session::start(cmd);
    let status = s.wait_exit();
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let text = s.contents();
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    // The 120-column terminal wraps the one line; join it back.
    let message = lines.concat();
    assert!(message.contains("needs a terminal"), "{text}");
    assert!(message.contains("bilateral list"), "{text}");
    assert!(message.contains("bilateral render"), "{text}");
    assert!(!s.screen.lock().unwrap().screen().alternate_screen());
    assert_eq!(s.cooked(), (true, true), "the terminal was never made raw");
}

#[test]
fn stdout_not_a_terminal_gets_one_line_and_exit_2() {
    for stdin in [None, Some("")] {
        let mut cmd = assert_cmd::Command::new(BIN);
        if let Some(input) = stdin {
            cmd.write_stdin(input);
        }
        let out = cmd.env("TERM", "xterm-256color").output().expect("runs");
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty(), "nothing on stdout");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "one line: {err:?}");
        assert!(err.contains("list"), "{err}");
        assert!(err.contains("render"), "{err}");
        assert!(!err.contains('\x1b'), "no escape sequences: {err:?}");
    }
}

#[test]
fn a_typo_typed_in_search_still_jumps_to_the_record() {
    let mut s = Session::app();
    s.wait_started();
    // "musharaf" for Musharraf, from Mexico–Vietnam: `/` searches every relation.
    s.send(b"/musharaf");
    s.wait_for("the visit among the hits", |sc| {
        let c = sc.contents();
        c.contains("/ musharaf") && c.contains("0 matches in Mexico ⇄ Vietnam · 2 in all")
    });
    s.send(b"\r");
    s.wait_for("the visit selected in its relation and tab", |sc| {
        let c = sc.contents();
        c.contains("bilateral · Mexico ⇄ Pakistan")
            && c.contains("╭ Visits")
            && c.contains("Visitor      Pervez Musharraf")
            && c.contains("hit 1 of 2")
    });
    s.send(b"q");
    let status = s.wait_exit();
    assert!(status.success(), "q exits with 0, not {status:?}");
    s.assert_restored();
}

/// A dataset of one relation with `events` events, one of them a visit to
/// Zacatecas, as compact JSON.
#[cfg(target_os = "linux")]
fn large_dataset(events: usize) -> String {
    let mut out = String::from(
        r#"{"sources":[{"id":"s","title":"A source","kind":"news"}],"countries":[{"code":"AAA","name":"Aland"},{"code":"BBB","name":"Boland"}],"relations":[{"id":"AAA-BBB","countries":["AAA","BBB"],"summary":"s","sources":[{"source":"s"}],"events":["#,
    );
    for e in 0..events {
        if e > 0 {
            out.push(',');
        }
        let title = if e == events / 3 {
            "Delegation of Boland visits Zacatecas".to_string()
        } else {
            format!("Meeting number {e} of the joint commission")
        };
        out.push_str(&format!(
            r#"{{"id":"e{e}","date":"2023-02-28","title":"{title}","sources":[{{"source":"s"}}]}}"#
        ));
    }
    out.push_str("]}]}");
    out
}

/// Opens `data` with its index cache under `cache` (as XDG_CACHE_HOME),
/// finds the Zacatecas visit by a typo, and quits once `done` (the index
/// is written while the user goes on: a quit stops it).
#[cfg(target_os = "linux")]
fn search_large(
    data: &std::path::Path,
    cache: &std::path::Path,
    args: &[&str],
    done: impl Fn() -> bool,
) {
    let mut cmd = app_command();
    cmd.env("XDG_CACHE_HOME", cache);
    cmd.arg("--data");
    cmd.arg(data);
    cmd.args(args);
    let mut s = Session::start(cmd);
    s.wait_for_text("bilateral · Aland ⇄ Boland");
    s.send(b"/zacatekas");
    s.wait_for("the one visit found", |sc| {
        let c = sc.contents();
        c.contains("Delegation of Boland visits Zacatecas") && c.contains("1 match")
    });
    s.send(b"\r");
    s.wait_for_text("hit 1 of 1");
    let start = Instant::now();
    while !done() && start.elapsed() < TIMEOUT {
        thread::sleep(Duration::from_millis(20));
    }
    s.send(b"q");
    assert!(s.wait_exit().success());
    s.assert_restored();
}

#[test]
#[cfg(target_os = "linux")]
fn a_large_datasets_index_is_kept_for_the_next_opening() {
    use std::fs::{self, File};
    use std::os::unix::fs::MetadataExt;
    use std::time::SystemTime;

    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("large.json");
    fs::write(&data, large_dataset(60_000)).unwrap();
    // A file modified in the last seconds may still be being written: its
    // index is not kept. This one was written a minute ago.
    let past = SystemTime::now() - Duration::from_secs(60);
    File::options()
        .write(true)
        .open(&data)
        .unwrap()
        .set_modified(past)
        .unwrap();
    let cache = dir.path().join("cache");
    let kept = cache.join("bilateral");
    // Each index: its path, when it was last used, and its inode (a new one when rewritten).
    let indexes = || -> Vec<(std::path::PathBuf, SystemTime, u64)> {
        let Ok(entries) = fs::read_dir(&kept) else {
            return Vec::new();
        };
        entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "index"))
            .map(|e| {
                let meta = e.metadata().unwrap();
                (e.path(), meta.modified().unwrap(), meta.ino())
            })
            .collect()
    };

    search_large(&data, &cache, &["--no-cache"], || true);
    assert!(indexes().is_empty(), "--no-cache keeps nothing");

    search_large(&data, &cache, &[], || !indexes().is_empty());
    let first = indexes();
    assert_eq!(first.len(), 1, "the first opening keeps the index");

    search_large(&data, &cache, &[], || true);
    let second = indexes();
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].0, first[0].0, "the same index, read again");
    assert_eq!(second[0].2, first[0].2, "read, not written again");
    assert!(second[0].1 > first[0].1, "reading it marks it used");

    // Anything unreadable in the cache is ignored, and replaced.
    fs::write(&first[0].0, b"not an index").unwrap();
    let rewritten = || fs::metadata(&first[0].0).is_ok_and(|m| m.len() >= 100);
    search_large(&data, &cache, &[], rewritten);
    assert!(
        fs::metadata(&first[0].0).unwrap().len() >= 100,
        "a new index replaced it"
    );
}
