import { parse } from 'node:querystring';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSlackAdapter } from '../../../src/adapters/slack/index.js';
import type { PlatformAdapter } from '../../../src/adapters/types.js';
import { createHttpServer, type HttpServer } from '../../../src/http/server.js';
import { rowCounts } from '../../support/databases.js';
import { useHarness } from '../../support/harness.js';
import { FakeSlack } from './fake-slack.js';
import { buttonsOf, SlackDriver, textOf } from './slack-driver.js';
import { ADA, GRACE, socketConfig } from './use-slack-app.js';

/** Slack's side of a Socket Mode connection: sends hello and envelopes, collects the app's acks. */
class FakeSocket {
  readonly acks: { envelope_id: string; payload: unknown }[] = [];
  socket: WebSocket | undefined;
  private waiting = new Map<string, (ack: { envelope_id: string; payload: unknown }) => void>();
  private wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  private seq = 0;

  get url() {
    return `ws://127.0.0.1:${(this.wss.address() as { port: number }).port}/link/?ticket=t1`;
  }

  ready = new Promise<void>((resolve) => this.wss.once('listening', resolve));

  constructor() {
    this.wss.on('connection', (ws) => {
      this.socket = ws;
      ws.on('message', (data) => {
        const ack = JSON.parse(String(data)) as { envelope_id: string; payload: unknown };
        this.acks.push(ack);
        this.waiting.get(ack.envelope_id)?.(ack);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0STUDY' } }));
    });
  }

  /** Sends an envelope and resolves when the app acknowledges it. */
  deliver(type: string, payload: unknown): Promise<{ envelope_id: string; payload: unknown }> {
    const envelopeId = `env-${++this.seq}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${envelopeId}`)), 5000);
      this.waiting.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.socket!.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api' }));
    });
  }

  close = () => new Promise<void>((resolve) => this.wss.close(() => resolve()));
}

describe('Slack over Socket Mode (SLACK_APP_TOKEN)', () => {
  const h = useHarness('pglite');
  let fake: FakeSlack;
  let socket: FakeSocket;
  let http: HttpServer;
  let adapter: PlatformAdapter;
  let driver: SlackDriver;

  beforeEach(async () => {
    fake = new FakeSlack();
    await fake.start();
    for (const u of [ADA, GRACE]) fake.addUser(u);
    socket = new FakeSocket();
    await socket.ready;
    fake.socketUrl = socket.url;
    http = createHttpServer({ info() {}, warn() {}, error() {} });
    adapter = createSlackAdapter({ config: socketConfig(fake.apiUrl), core: h.core, logger: { info() {}, warn() {}, error() {} }, http });
    expect(await adapter.readiness()).toMatch(/auth.test/);
    await adapter.start();
    driver = new SlackDriver('unused', fake);
  });

  afterEach(async () => {
    await adapter.stop();
    await socket.close();
    await fake.close();
  });

  it('connects through apps.connections.open with the app token and is ready while connected', async () => {
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    expect(fake.callsTo('apps.connections.open')[0]!.ok).toBe(true);
    expect(await adapter.readiness()).toBeUndefined();
    const port = await http.listen(0, '127.0.0.1');
    expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST' })).status).toBe(404);
    await http.close();
  });

  it('acknowledges a slash command envelope, then answers through the response_url', async () => {
    const { body, responseId } = driver.commandBody(ADA, '/quiz', '1');
    const ack = await socket.deliver('slash_commands', parse(body));
    expect(ack.payload).toEqual({});
    const question = await fake.responseFor(responseId);
    expect(textOf(question.body)).toContain('Quiz · question 1 of 1');

    const click = driver.clickBody(ADA, buttonsOf(question.body)[0]!);
    await socket.deliver('interactive', JSON.parse(String(parse(click.body).payload)));
    expect(textOf((await fake.responseFor(click.responseId)).body)).toContain('Quiz finished');
    expect((await rowCounts(h.db)).answers).toBe(1);
  });

  it('drops a redelivered envelope with the same trigger', async () => {
    const { body, responseId } = driver.commandBody(GRACE, '/quiz', '1');
    await socket.deliver('slash_commands', parse(body));
    await socket.deliver('slash_commands', parse(body));
    await adapter.stop();
    expect(fake.responsesTo(responseId)).toHaveLength(1);
    expect((await rowCounts(h.db)).quiz_sessions).toBe(1);
  });

  it('is not ready once stopped', async () => {
    await adapter.stop();
    expect(await adapter.readiness()).toMatch(/stopping/);
  });
});
