//! The real binary in a 120×40 pseudo-terminal: every byte it wrote, the
//! screen those bytes draw, and a way to type. Shared by the modules that
//! drive the interface from outside.

use std::io::{Read, Write};
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_bilateral");
/// Generous, for a loaded machine; a passing run waits far less.
pub const TIMEOUT: Duration = Duration::from_secs(20);
pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;

/// Starts `cmd` in a new 120×40 pseudo-terminal: its controlling side, and
/// the program.
pub fn open(
    cmd: CommandBuilder,
) -> (
    Box<dyn portable_pty::MasterPty + Send>,
    Box<dyn portable_pty::Child + Send + Sync>,
) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let child = pair.slave.spawn_command(cmd).expect("the program starts");
    // Only the child holds the terminal's other end now, so reads end when it exits.
    drop(pair.slave);
    (pair.master, child)
}

pub struct Term {
    pub raw: Arc<Mutex<Vec<u8>>>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub master: Box<dyn portable_pty::MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
}

/// A test module's own handle on a [`Term`]: `Run<M>` for a marker type `M`
/// of that module, which adds its own methods (`impl Run<Marker> { … }`) and
/// keeps the terminal's through `Deref`.
pub struct Run<M>(Term, PhantomData<M>);

impl<M> Run<M> {
    pub fn new(term: Term) -> Run<M> {
        Run(term, PhantomData)
    }
}

impl<M> Deref for Run<M> {
    type Target = Term;
    fn deref(&self) -> &Term {
        &self.0
    }
}

impl<M> DerefMut for Run<M> {
    fn deref_mut(&mut self) -> &mut Term {
        &mut self.0
    }
}

impl Term {
    /// Runs `cmd` in a fresh pseudo-terminal as an xterm, with the
    /// interface's own OSC 8 links off unless `cmd` turns them on.
    pub fn spawn(mut cmd: CommandBuilder) -> Term {
        cmd.env("TERM", "xterm-256color");
        if cmd.get_env("BILATERAL_HYPERLINKS").is_none() {
            cmd.env("BILATERAL_HYPERLINKS", "0");
        }
        let (master, child) = open(cmd);
        let mut reader = master.try_clone_reader().expect("a reader");
        let writer = master.take_writer().expect("a writer");
        let raw = Arc::new(Mutex::new(Vec::new()));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(ROWS).unwrap(),
            std::num::NonZeroU16::new(COLS).unwrap(),
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
        Term {
            raw,
            screen,
            master,
            writer,
            child,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Every byte written so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until `ok` holds of the screen; fails with the screen after the timeout.
    pub fn wait(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ok(self.screen.lock().unwrap().screen()) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    pub fn wait_for(&self, text: &str) {
        self.wait(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    pub fn wait_gone(&self, text: &str) {
        self.wait(&format!("{text:?} to go"), |s| !s.contents().contains(text));
    }

    /// Waits until the program has written nothing for `quiet`: it has
    /// handled everything sent so far and drawn the result.
    pub fn wait_quiet(&self, quiet: Duration) {
        let start = Instant::now();
        let mut len = self.raw.lock().unwrap().len();
        let mut since = Instant::now();
        while since.elapsed() < quiet {
            assert!(start.elapsed() < TIMEOUT, "the program never went quiet");
            thread::sleep(Duration::from_millis(10));
            let now = self.raw.lock().unwrap().len();
            if now != len {
                (len, since) = (now, Instant::now());
            }
        }
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }
}
