import { connect } from 'node:net';

/** What the server answered. */
export interface OversizedAnswer {
  status: number;
  text: string;
}

/** How the too-large body travels: announced by Content-Length (and never sent), or chunked (and never ended). */
export type OversizedBody = { declaredBytes: number } | { chunkedBytes: number };

/**
 * POSTs a body the server must refuse before reading it all, over a socket of its own, so the answer cannot be lost
 * in a race with the server closing the connection. A server that answers early leaves an upload unread; on a busy
 * machine its clean-up (`@hono/node-server` drains for 500 ms, then closes) can reset the connection while an
 * ordinary client is still sending, and the client never sees the 413. So: a body announced by Content-Length is
 * not sent at all (the server must decide from the header), and a chunked body is sent only to `chunkedBytes` and
 * never ended (the server must decide from what it has read; everything sent is read, so nothing is reset).
 */
export function postOversized(
  url: string,
  headers: Record<string, string>,
  body: OversizedBody,
): Promise<OversizedAnswer> {
  const { hostname, port, pathname } = new URL(url);
  const head = Object.entries(headers)
    .filter(([name]) => !/^(content-length|transfer-encoding|host|connection)$/i.test(name))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const framing =
    'declaredBytes' in body ? `content-length: ${body.declaredBytes}\r\n` : 'transfer-encoding: chunked\r\n';
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    let answered = false;
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parseAnswer(received);
      if (!answer || answered) return;
      answered = true;
      resolve(answer);
      socket.destroy();
    });
    // Once answered, the server may close on its side as it likes: only an error before the answer counts.
    socket.on('error', (error) => {
      if (!answered) reject(error);
    });
    socket.on('close', () => {
      if (!answered) reject(new Error(`${url} closed the connection without answering.`));
    });
    socket.write(`POST ${pathname} HTTP/1.1\r\nhost: ${hostname}:${port}\r\n${head}${framing}\r\n`);
    if ('chunkedBytes' in body) {
      const piece = Buffer.alloc(64 * 1024, 'x');
      for (let sent = 0; sent < body.chunkedBytes; sent += piece.length) {
        const size = Math.min(piece.length, body.chunkedBytes - sent);
        socket.write(`${size.toString(16)}\r\n`);
        socket.write(piece.subarray(0, size));
        socket.write('\r\n');
      }
    }
  });
}

/** The status and body of a complete HTTP/1.1 answer with a Content-Length, or undefined while it is incomplete. */
function parseAnswer(received: Buffer): OversizedAnswer | undefined {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
  const length = Number(
    lines.find((line) => /^content-length:/i.test(line))?.replace(/^content-length:\s*/i, '') ?? 0,
  );
  const bodyBytes = received.subarray(end + 4);
  if (bodyBytes.length < length) return undefined;
  return { status: Number(statusLine.split(' ')[1]), text: bodyBytes.subarray(0, length).toString('utf8') };
}
