import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { APP_ID, BOT_ID, TOKEN } from './state.js';

/** Gateway opcodes used here (https://discord.com/developers/docs/topics/opcodes-and-status-codes). */
const OP = { dispatch: 0, heartbeat: 1, identify: 2, resume: 6, hello: 10, heartbeatAck: 11 } as const;

interface Session {
  socket: WebSocket;
  identified: boolean;
  intents?: number;
}

/**
 * A minimal Discord gateway: HELLO on connect, IDENTIFY → READY, heartbeats answered with ACKs,
 * and dispatches (INTERACTION_CREATE) to every identified session. Plain JSON, no compression.
 */
export class FakeGateway extends EventEmitter {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();
  private seq = 0;
  connections = 0;
  heartbeats = 0;
  resumes = 0;
  identifies: { intents: number; token: string }[] = [];

  constructor(
    private readonly url: () => string,
    private readonly heartbeatIntervalMs = 200,
  ) {
    super();
    this.wss.on('connection', (socket) => this.open(socket));
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  private send(session: Session, payload: object): void {
    session.socket.send(JSON.stringify(payload));
  }

  private open(socket: WebSocket): void {
    const session: Session = { socket, identified: false };
    this.sessions.add(session);
    this.connections++;
    socket.on('close', () => this.sessions.delete(session));
    socket.on('message', (data) => this.receive(session, JSON.parse(String(data)) as { op: number; d: any }));
    this.send(session, { op: OP.hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
  }

  private receive(session: Session, payload: { op: number; d: any }): void {
    switch (payload.op) {
      case OP.heartbeat:
        this.heartbeats++;
        this.send(session, { op: OP.heartbeatAck, d: null, s: null, t: null });
        this.emit('heartbeat');
        return;
      case OP.identify: {
        if (payload.d?.token !== TOKEN) return void session.socket.close(4004, 'Authentication failed');
        session.identified = true;
        session.intents = payload.d.intents;
        this.identifies.push({ intents: payload.d.intents, token: payload.d.token });
        this.send(session, {
          op: OP.dispatch,
          t: 'READY',
          s: ++this.seq,
          d: {
            v: 10,
            user: { id: BOT_ID, username: 'studybot', discriminator: '0', global_name: null, avatar: null, bot: true, verified: true, flags: 0, mfa_enabled: false },
            guilds: [],
            session_id: `session-${this.connections}`,
            resume_gateway_url: this.url(),
            shard: [0, 1],
            application: { id: APP_ID, flags: 0 },
          },
        });
        this.emit('identified');
        return;
      }
      case OP.resume:
        if (payload.d?.token !== TOKEN) return void session.socket.close(4004, 'Authentication failed');
        session.identified = true;
        this.resumes++;
        this.send(session, { op: OP.dispatch, t: 'RESUMED', s: ++this.seq, d: {} });
        return;
      default:
        // Anything else closes the session with "unknown opcode", as Discord does.
        session.socket.close(4001, 'Unknown opcode');
    }
  }

  /** Sends an event to every identified session; returns how many received it. */
  dispatch(t: string, d: unknown): number {
    let sent = 0;
    for (const session of this.sessions) {
      if (!session.identified) continue;
      this.send(session, { op: OP.dispatch, t, s: ++this.seq, d });
      sent++;
    }
    return sent;
  }

  get identifiedSessions(): number {
    return [...this.sessions].filter((s) => s.identified).length;
  }

  /** Cuts every connection without a close frame, as a network failure would; new connections are accepted. */
  drop(): void {
    for (const s of this.sessions) s.socket.terminate();
  }

  close(): void {
    for (const s of this.sessions) s.socket.terminate();
    this.wss.close();
  }
}
