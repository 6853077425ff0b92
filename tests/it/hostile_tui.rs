//! The interface on a hostile dataset, in a pseudo-terminal: every tab and
//! overlay is drawn, and the raw bytes sent to the terminal hold no escape
//! sequence, control or invisible character that came from the data. Bursts
//! of resizes leave the terminal as it was found.
#![cfg(unix)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_bilateral");
const TIMEOUT: Duration = Duration::from_secs(20);

struct Run {
    raw: Arc<Mutex<Vec<u8>>>,
    screen: Arc<Mutex<vt100::Parser>>,
    master: Box<dyn portable_pty::MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Run {
    fn start(args: &[&str]) -> Run {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).expect("the program starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let raw = Arc::new(Mutex::new(Vec::new()));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(40).unwrap(),
            std::num::NonZeroU16::new(120).unwrap(),
            0,
        )));
        let (r, s) = (Arc::clone(&raw), Arc::clone(&screen));
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                s.lock().unwrap().process(&buf[..n]);
            }
        });
        Run {
            raw,
            screen,
            master: pair.master,
            writer,
            child,
        }
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let contents = self.screen.lock().unwrap().screen().contents();
            if contents.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "{text:?} never appeared:\n{contents}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
        // Keys are read one event at a time; a pause keeps Esc apart from the next key.
        thread::sleep(Duration::from_millis(120));
    }

    fn quit(&mut self) {
        self.send(b"q");
        let start = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(start.elapsed() < TIMEOUT, "the program did not quit");
            thread::sleep(Duration::from_millis(20));
        }
        thread::sleep(Duration::from_millis(100));
    }
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
    run.wait_for("bilateral");
    for keys in [
        &b"1"[..],
        b"j",
        b"2",
        b"jjj",
        b"3",
        b"j",
        b"4",
        b"5",
        b"l",
        b"L",
        b"c",
        b"6",
        b"j",
        b"?",
        b"\x1b",
        b"s",
        b"\x1b",
        b"\r",
        b"\x1b",
        b"r",
        b"\x1b",
        b"/",
        b"pwn",
        b"\t",
        b"\r",
        b"]",
        b"1",
        b"2",
        b"3",
        b"4",
        b"5",
        b"6",
    ] {
        run.send(keys);
    }
    run.quit();
    let raw = run.raw.lock().unwrap().clone();
    // No OSC at all (checked in assert_clean) means no title, link or clipboard write.
    assert_clean(&raw);
}

#[test]
fn a_burst_of_resizes_leaves_the_terminal_restored() {
    let mut run = Run::start(&[]);
    run.wait_for("bilateral");
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
    run.send(b"2");
    run.wait_for("Timeline");
    run.quit();
    let status = run.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let screen = run.screen.lock().unwrap();
    assert!(!screen.screen().alternate_screen());
    assert!(!screen.screen().hide_cursor());
    let t = run.master.get_termios().expect("the terminal's settings");
    assert!(
        t.local_flags
            .contains(LocalFlags::ICANON | LocalFlags::ECHO),
        "raw mode is off"
    );
}
