//! The dev server's live-reload stream as a page's script reads it: one
//! `Instant` per reload event (the hello frame is not one). Shared by the
//! serve tests and the serve bench.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::Instant;

/// Connects to `/__incidex/events` on `addr`; the receiver gets the time
/// each reload event arrived.
pub fn reloads(addr: SocketAddr) -> mpsc::Receiver<Instant> {
    let (tx, rx) = mpsc::channel();
    let mut s = TcpStream::connect(addr).expect("connect to the event stream");
    write!(
        s,
        "GET /__incidex/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
        addr.port()
    )
    .expect("send");
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines() {
            let Ok(line) = line else { return };
            if line.strip_prefix("event:").map(str::trim) == Some("reload")
                && tx.send(Instant::now()).is_err()
            {
                return;
            }
        }
    });
    rx
}
