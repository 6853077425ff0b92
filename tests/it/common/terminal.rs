//! The real binary with stdout and stderr on a pseudo-terminal, as a user at
//! a terminal runs it.

use std::io::{Read, Write};
use std::sync::mpsc;
use std::time::Duration;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Runs bilateral with `args` on a `cols`×`rows` pseudo-terminal, with the
/// extra environment `env` (colour allowed unless it sets NO_COLOR), and
/// returns its exit code and every byte it wrote.
pub fn on_a_terminal(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> (u32, Vec<u8>) {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_bilateral"));
    cmd.args(args);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("COLUMNS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    run(cmd, cols, rows, b"")
}

/// Runs `cmd` on a `cols`×`rows` pseudo-terminal; once it has written
/// something, types `keys`. Returns its exit code and every byte it wrote.
pub fn run(cmd: CommandBuilder, cols: u16, rows: u16, keys: &[u8]) -> (u32, Vec<u8>) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pseudo-terminal");
    let what = format!("{cmd:?}");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn the program");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let (first, started) = mpsc::channel();
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
            let _ = first.send(());
        }
        let _ = tx.send(bytes);
    });
    if !keys.is_empty() {
        started
            .recv_timeout(Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("{what}: nothing written within a minute"));
        let mut writer = pair.master.take_writer().expect("a writer");
        writer.write_all(keys).expect("typing");
        writer.flush().expect("typing");
    }
    let bytes = rx
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| panic!("{what}: no end of output within a minute"));
    let status = child.wait().expect("the program's status");
    drop(pair.master);
    (status.exit_code(), bytes)
}
