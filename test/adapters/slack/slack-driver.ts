import { createHmac, randomUUID } from 'node:crypto';
import { stringify } from 'node:querystring';
import { TEAM_ID, type FakeSlack, type FakeUser, type ResponseUrlPost } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-8f742231b10e';
export const CHANNEL = 'C0GROUP';

/** Slack's v0 scheme: HMAC-SHA256 of `v0:<timestamp>:<raw body>` with the signing secret, hex. */
export function sign(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  /** Seconds since the epoch; default now. */
  timestamp?: number;
  signature?: string;
  retryNum?: number;
}

export interface Sent {
  status: number;
  body: string;
  /** The response_url id given to this request, when it had one. */
  responseId?: string;
}

export interface ButtonRef {
  action_id: string;
  value: string;
  text: string;
}

/** Buttons of a message body as Slack would show them. */
export function buttonsOf(body: { blocks?: any[] }): ButtonRef[] {
  return (body.blocks ?? []).flatMap((b) => (b.type === 'actions' ? b.elements.filter((e: any) => e.type === 'button').map((e: any) => ({ action_id: e.action_id, value: e.value, text: e.text.text })) : []));
}

/** The visible text of a message body (headers, sections, fields). */
export function textOf(body: { blocks?: any[]; text?: string }): string {
  return (body.blocks ?? [])
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text)])
    .filter((t) => typeof t === 'string')
    .join('\n');
}

/**
 * Plays Slack towards the app: builds slash-command, interactivity and event payloads in Slack's
 * shapes, signs them with the v0 scheme and records how long each acknowledgement took.
 */
export class SlackDriver {
  readonly ackMs: number[] = [];
  private seq = 0;

  constructor(
    readonly endpoint: string,
    private readonly fake: FakeSlack,
    private readonly secret = SIGNING_SECRET,
  ) {}

  async send(body: string, contentType: string, opts: SendOptions = {}): Promise<{ status: number; body: string }> {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? sign(this.secret, timestamp, body),
      ...(opts.retryNum ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
    };
    const started = performance.now();
    const res = await fetch(this.endpoint, { method: 'POST', headers, body });
    const text = await res.text();
    this.ackMs.push(performance.now() - started);
    return { status: res.status, body: text };
  }

  private trigger(): string {
    const id = `${++this.seq}.${Date.now()}.${randomUUID().replace(/-/g, '')}`;
    this.fake.triggers.add(id);
    return id;
  }

  /** The form body of a slash command, as Slack posts it. */
  commandBody(user: FakeUser, command: string, text: string, channel = CHANNEL): { body: string; responseId: string } {
    const responseId = `cmd-${++this.seq}`;
    const body = stringify({
      token: 'legacy-verification-token',
      team_id: TEAM_ID,
      team_domain: 'study',
      channel_id: channel,
      channel_name: 'mlops-study',
      user_id: user.id,
      user_name: user.name,
      command,
      text,
      api_app_id: 'A0STUDY',
      is_enterprise_install: 'false',
      response_url: this.fake.responseUrl(responseId),
      trigger_id: this.trigger(),
    });
    return { body, responseId };
  }

  async command(user: FakeUser, command: string, text = '', opts: SendOptions & { channel?: string } = {}): Promise<Sent> {
    const { body, responseId } = this.commandBody(user, command, text, opts.channel);
    return { ...(await this.send(body, 'application/x-www-form-urlencoded', opts)), responseId };
  }

  /** Runs a command and returns the first message Slack would show for it. */
  async commandReply(user: FakeUser, command: string, text = ''): Promise<ResponseUrlPost> {
    const sent = await this.command(user, command, text);
    if (sent.status !== 200) throw new Error(`command answered ${sent.status}`);
    return this.fake.responseFor(sent.responseId!);
  }

  /** The interactivity payload of a button click on an ephemeral message in the channel. */
  clickBody(user: FakeUser, button: ButtonRef, channel = CHANNEL): { body: string; responseId: string } {
    const responseId = `act-${++this.seq}`;
    const payload = {
      type: 'block_actions',
      user: { id: user.id, username: user.name, name: user.name, team_id: TEAM_ID },
      api_app_id: 'A0STUDY',
      token: 'legacy-verification-token',
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: channel, is_ephemeral: true },
      trigger_id: this.trigger(),
      team: { id: TEAM_ID, domain: 'study' },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: channel, name: 'mlops-study' },
      state: { values: {} },
      response_url: this.fake.responseUrl(responseId),
      actions: [{ action_id: button.action_id, block_id: 'b1', text: { type: 'plain_text', text: button.text, emoji: true }, value: button.value, type: 'button', action_ts: `${Date.now() / 1000}` }],
    };
    return { body: stringify({ payload: JSON.stringify(payload) }), responseId };
  }

  async click(user: FakeUser, button: ButtonRef, opts: SendOptions = {}): Promise<Sent> {
    const { body, responseId } = this.clickBody(user, button);
    return { ...(await this.send(body, 'application/x-www-form-urlencoded', opts)), responseId };
  }

  /** Clicks and returns the first message shown in answer. */
  async clickReply(user: FakeUser, button: ButtonRef): Promise<ResponseUrlPost> {
    const sent = await this.click(user, button);
    if (sent.status !== 200) throw new Error(`click answered ${sent.status}`);
    return this.fake.responseFor(sent.responseId!);
  }

  /** Submits a modal the app opened (the `view` argument of its views.open call) with these values. */
  async submit(user: FakeUser, view: Record<string, any>, values: Record<string, string>): Promise<Sent> {
    return this.send(this.submitBody(user, view, values), 'application/x-www-form-urlencoded');
  }

  /** The view_submission payload of a modal submitted with these values (send it with `send`, e.g. again as a retry). */
  submitBody(user: FakeUser, view: Record<string, any>, values: Record<string, string>): string {
    const state = { values: Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { [id]: { type: 'plain_text_input', value } }])) };
    const payload = {
      type: 'view_submission',
      team: { id: TEAM_ID, domain: 'study' },
      user: { id: user.id, username: user.name, name: user.name, team_id: TEAM_ID },
      api_app_id: 'A0STUDY',
      token: 'legacy-verification-token',
      trigger_id: this.trigger(),
      view: { id: 'V1', team_id: TEAM_ID, app_id: 'A0STUDY', bot_id: 'BBOT', hash: 'h1', root_view_id: 'V1', previous_view_id: null, clear_on_close: false, notify_on_close: false, ...view, state },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    return stringify({ payload: JSON.stringify(payload) });
  }

  /** An Events API delivery (JSON), e.g. app_home_opened. */
  async event(event: Record<string, unknown>, opts: SendOptions & { eventId?: string } = {}): Promise<Sent> {
    const body = JSON.stringify({
      token: 'legacy-verification-token',
      team_id: TEAM_ID,
      api_app_id: 'A0STUDY',
      event,
      type: 'event_callback',
      event_id: opts.eventId ?? `Ev${++this.seq}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ enterprise_id: null, team_id: TEAM_ID, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
      is_ext_shared_channel: false,
    });
    return this.send(body, 'application/json', opts);
  }
}
