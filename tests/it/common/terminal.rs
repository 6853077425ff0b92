//! The real binary with stdout and stderr on a pseudo-terminal, as a user at
//! a terminal runs it.

use std::io::Read;
use std::sync::mpsc;
use std::time::Duration;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Runs bilateral with `args` on a `cols`×`rows` pseudo-terminal, with the
/// extra environment `env` (colour allowed unless it sets NO_COLOR), and
/// returns its exit code and every byte it wrote.
pub fn on_a_terminal(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> (u32, Vec<u8>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_bilateral"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("COLUMNS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn bilateral");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let mut buf = [0u8; 65536];
        // Reading ends with EOF or, on Linux, EIO once the program has exited.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            bytes.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(bytes);
    });
    let bytes = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{args:?}: no end of output within a minute"));
    let status = child.wait().expect("the program's status");
    drop(pair.master);
    (status.exit_code(), bytes)
}
