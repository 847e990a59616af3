import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { signSlackBody } from '../../src/http/verify';
import { childTestTimeout, runPlayground } from './playground.support';

const BOT_TOKEN = 'xoxb-modes-test-0000-secretish';
const SIGNING_SECRET = 'modes-test-signing-secret-7f3a';
const APP_TOKEN = 'xapp-1-modes-test-secretish';
const REAL_SLACK = {
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  APPROVAL_CHANNEL: 'C0123ABCD',
};
type Message = Record<string, unknown>;

/** One WebSocket connection, server side (RFC 6455, text frames only: what Socket Mode uses). */
class ServerSocket {
  private buffer = Buffer.alloc(0);
  private readonly waiting = new Map<string, (message: Message) => void>();
  /** Resolves when the connection is gone, however it ended. */
  readonly closed: Promise<void>;
  /** Errors the connection met (a bot that exits resets it while a ping or a close frame is on its way). */
  readonly errors: NodeJS.ErrnoException[] = [];

  constructor(private readonly socket: Duplex) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    // Without a listener, a reset from the peer is an uncaught exception of the whole test file.
    socket.on('error', (error: NodeJS.ErrnoException) => this.errors.push(error));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  private frame(opcode: number, payload: Buffer): Buffer {
    const length = payload.length;
    const header =
      length < 126
        ? Buffer.from([0x80 | opcode, length])
        : Buffer.concat([Buffer.from([0x80 | opcode, 126]), Buffer.from([length >> 8, length & 0xff])]);
    return Buffer.concat([header, payload]);
  }

  send(message: Message): void {
    this.socket.write(this.frame(0x1, Buffer.from(JSON.stringify(message))));
  }

  /** Sends an envelope and resolves with the client's acknowledgement of it (same envelope_id). */
  request(envelope: Message & { envelope_id: string }): Promise<Message> {
    return new Promise((resolve) => {
      this.waiting.set(envelope.envelope_id, resolve);
      this.send(envelope);
    });
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      const opcode = this.buffer[0]! & 0x0f;
      const masked = (this.buffer[1]! & 0x80) !== 0;
      let length = this.buffer[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        length = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        length = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const mask = masked ? this.buffer.subarray(offset, offset + 4) : undefined;
      offset += masked ? 4 : 0;
      if (this.buffer.length < offset + length) return;
      const payload = Buffer.from(this.buffer.subarray(offset, offset + length));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
      this.buffer = this.buffer.subarray(offset + length);
      if (opcode === 0x1) {
        const message = JSON.parse(payload.toString()) as Message;
        this.waiting.get(String(message.envelope_id))?.(message);
      } else if (opcode === 0x9) this.socket.write(this.frame(0xa, payload));
      else if (opcode === 0x8) {
        this.socket.write(this.frame(0x8, payload));
        this.socket.end();
      }
    }
  }
}

/** Slack's side of Socket Mode on loopback: apps.connections.open hands out a ws:// URL, then `hello`. */
async function startSocketSlack() {
  const authorizations: string[] = [];
  /** Upgraded connections are the server's no more: `close` ends them itself. */
  const upgraded = new Set<Duplex>();
  let connect: (socket: ServerSocket) => void = () => {};
  const connected = new Promise<ServerSocket>((resolve) => {
    connect = resolve;
  });
  const server: Server = createServer((req, res) => {
    authorizations.push(String(req.headers.authorization));
    const { port } = server.address() as AddressInfo;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify(
        req.url === '/api/apps.connections.open'
          ? { ok: true, url: `ws://127.0.0.1:${port}/link` }
          : { ok: false, error: 'unknown_method' },
      ),
    );
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    upgraded.add(socket);
    const link = new ServerSocket(socket);
    link.send({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0MODES' } });
    connect(link);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    authorizations,
    connected,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of upgraded) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SLASH_HELP = {
  token: 'verification',
  team_id: 'T0MODES',
  team_domain: 'modes',
  channel_id: 'C0123ABCD',
  channel_name: 'platform-requests',
  user_id: 'U0MODES',
  user_name: 'modes',
  command: '/maas',
  text: 'help',
  api_app_id: 'A0MODES',
  response_url: 'https://hooks.slack.invalid/commands/1',
  trigger_id: '1.2.3',
};

/** `npm start` with real Slack credentials (HTTP, Socket Mode) and with bad configuration. */
describe('npm start with a real Slack workspace, and with bad configuration', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'maas-chatops-modes-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'prints a configuration problem without a stack trace or any secret, and exits 1',
    async () => {
      // Both at once: each is a whole `npm start`, and neither touches DATA_DIR before it refuses.
      const half = runPlayground({ DATA_DIR: dataDir, SLACK_BOT_TOKEN: BOT_TOKEN });
      const noChannel = runPlayground({
        DATA_DIR: dataDir,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
      });
      expect(await half.exited).toBe(1);
      expect(half.stderr()).toContain('SLACK_SIGNING_SECRET');
      expect(await noChannel.exited).toBe(1);
      expect(noChannel.stderr()).toMatch(
        /^ {2}- APPROVAL_CHANNEL is required: the channel id for approval cards\./m,
      );
      for (const run of [half, noChannel]) {
        const printed = run.stdout() + run.stderr();
        expect(printed).toMatch(/^Cannot start: /m);
        expect(printed).not.toMatch(/\n\s+at /);
        expect(printed).not.toContain(BOT_TOKEN);
        expect(printed).not.toContain(SIGNING_SECRET);
      }
    },
    childTestTimeout(2),
  );

  it(
    'stops on a bad teams file, naming each problem with its line, and exits 1',
    async () => {
      const teams = join(dataDir, 'teams.yml');
      writeFileSync(
        teams,
        'teams:\n  - name: payments\n    channels: ["#payments"]\n    approvalChannel: C0PAYAPPR\n    approver: [U0ALEX001]\n',
      );
      const bad = runPlayground({ DATA_DIR: dataDir, TEAMS_FILE: teams });
      expect(await bad.exited).toBe(1);
      const printed = bad.stdout() + bad.stderr();
      expect(printed).toMatch(/^Cannot start: The teams file .*teams\.yml has problems:/m);
      expect(printed).toContain(
        `${teams}:3: teams[0] (payments).channels[0]: a channel id looks like C0123ABCD`,
      );
      expect(printed).toContain(`${teams}:2: teams[0] (payments).approvers: missing:`);
      expect(printed).toContain(`${teams}:5: teams[0] (payments).approver: unknown key (a typo?)`);
      expect(printed).not.toMatch(/\n\s+at /);
    },
    childTestTimeout(1),
  );

  it(
    'serves a real workspace over HTTP: prints the Request URL, answers signed requests, no page',
    async () => {
      const run = runPlayground({ DATA_DIR: dataDir, ...REAL_SLACK });
      const [, requestUrl] = await run.printed(/Request URL\s+(http:\/\/localhost:\d+\/slack\/events)/);
      expect(run.stdout()).toContain('tunnel');
      expect(run.stdout()).not.toContain('Slack workspace');
      const body = new URLSearchParams(SLASH_HELP).toString();
      const timestamp = String(Math.floor(Date.now() / 1000));
      const answer = await request(requestUrl!, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': timestamp,
          'x-slack-signature': signSlackBody(SIGNING_SECRET, timestamp, body),
        },
        body,
      });
      expect(answer.statusCode).toBe(200);
      expect(JSON.stringify(await answer.body.json())).toContain('MAAS clusters through Palette');
      expect(run.stdout()).not.toContain(BOT_TOKEN);
      expect(await run.stop()).toBe(0);
    },
    childTestTimeout(1),
  );

  it(
    'with SLACK_APP_TOKEN, connects over Socket Mode and runs the same listeners (no public URL)',
    async () => {
      const slack = await startSocketSlack();
      try {
        const run = runPlayground({
          DATA_DIR: dataDir,
          ...REAL_SLACK,
          SLACK_APP_TOKEN: APP_TOKEN,
          SLACK_API_URL: slack.apiUrl,
        });
        await run.printed(/over Socket Mode/);
        const link = await slack.connected;
        const ack = await link.request({
          envelope_id: 'envelope-1',
          type: 'slash_commands',
          accepts_response_payload: true,
          payload: SLASH_HELP,
        });
        expect(JSON.stringify(ack.payload)).toContain('MAAS clusters through Palette');
        expect(slack.authorizations).toEqual([`Bearer ${APP_TOKEN}`]);
        expect(run.stdout() + run.stderr()).not.toContain(APP_TOKEN);
        expect(await run.stop()).toBe(0);
        // The bot is gone, and so is its connection: whatever was still in flight ended with a reset at most.
        await link.closed;
        expect(
          link.errors.map((error) => error.code).filter((code) => code !== 'ECONNRESET' && code !== 'EPIPE'),
        ).toEqual([]);
      } finally {
        await slack.close();
      }
    },
    childTestTimeout(1),
  );
});
