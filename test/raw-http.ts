import { connect } from 'node:net';

// Raw HTTP/1.1 over a socket, for what fetch will not do: send a body of any size as fast as the
// socket takes it and stop the moment the server answers (src/platform/http/abuse.test.ts,
// bench/abuse.bench.ts).

export const MB = 1024 * 1024;

export type Answer = { status: number; head: string; body: string; sent: number };

/**
 * Opens a connection, sends `head` and then up to `size` bytes of body (as fast as the socket takes them), and
 * stops writing as soon as an answer arrives: `sent` says how much of the body had gone out by then.
 */
export function send(port: number, head: string, size = 0, chunked = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const piece = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let raw = '';
    let answered = false;
    const pump = () => {
      while (!answered && sent < size) {
        sent += piece.length;
        const ok = socket.write(chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece);
        if (!ok) return void socket.once('drain', pump);
      }
      if (!answered && chunked) socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (d) => {
      raw += d.toString('latin1');
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0 || answered) return;
      const length = Number(/content-length: (\d+)/i.exec(raw.slice(0, end))?.[1] ?? 0);
      if (raw.length < end + 4 + length) return;
      answered = true;
      socket.destroy();
      resolve({
        status: Number(raw.slice(9, 12)),
        head: raw.slice(0, end),
        body: Buffer.from(raw.slice(end + 4, end + 4 + length), 'latin1').toString(),
        sent,
      });
    });
    // The server closes while the body is still being written: that is the point.
    socket.on('error', (e) => answered || reject(e));
    socket.on('close', () => answered || reject(new Error(`closed without an answer: ${raw.slice(0, 200)}`)));
  });
}

export const post = (port: number, path: string, size: number, chunked: boolean) =>
  send(
    port,
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`}\r\n\r\n`,
    size,
    chunked,
  );
