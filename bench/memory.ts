import { buttonsOf } from '../test/adapters/slack/slack-driver.js';
import type { FakeUser as DiscordUser } from '../test/adapters/discord/fake/users.js';
import type { FakeUser as SlackUser } from '../test/adapters/slack/fake-slack.js';
import type { AppProcess } from './lib/app-process.js';
import type { Platforms } from './lib/platforms.js';
import { runConcurrent } from './lib/stats.js';

export interface MemoryResult {
  /** RSS of the app process just after start, idle. */
  startMb: number;
  answers: number;
  interactions: number;
  /** RSS after the answers and interactions (and those of the latency run before). */
  afterLoadMb: number;
  loadSeconds: number;
  soakSeconds: number;
  /** RSS at the start and the end of the soak, under the same steady load. */
  soakStartMb: number;
  soakEndMb: number;
  soakMaxMb: number;
  soakAnswers: number;
  /** Requests not acknowledged with 200 (should be 0). */
  failed: number;
}

const QUIZ = 20;
const CONCURRENCY = 32;
/** Clicks acknowledged but not yet answered on response_url at most, so the app is never flooded. */
const MAX_PENDING = 256;

/** A member on either platform. */
export type Member = { platform: 'slack'; user: SlackUser } | { platform: 'discord'; user: DiscordUser };

type Json = Record<string, any>;

/** The session id of the first answer button in a Discord interaction response. */
function discordSession(body: Json): string | undefined {
  const ids: string[] = (body.data?.components ?? []).flatMap((row: Json) => (row.components ?? []).map((c: Json) => String(c.custom_id ?? '')));
  return ids.find((id) => id.startsWith('ans:'))?.split(':')[1];
}

/**
 * Members running quizzes against the app process, half through Slack and half through Discord
 * HTTP interactions: `/quiz 20` (its reply gives the session), then a click on an answer button
 * for each question, interleaved across members.
 */
class QuizTraffic {
  failed = 0;
  answers = 0;
  commands = 0;
  private sent = 0;
  /** Requests answered before this traffic started. */
  private readonly base: number;

  constructor(private readonly platforms: Platforms) {
    this.base = platforms.dropReplies();
  }

  /** Waits until at most `limit` of the requests sent without waiting for their reply are still unanswered. */
  private async awaitPending(limit: number): Promise<void> {
    for (let i = 0; this.sent - (this.platforms.dropReplies() - this.base) > limit; i++) {
      if (i > 12_000) throw new Error('the app stopped answering');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** One `/quiz 20` for each member; resolves with their session ids. */
  async startQuizzes(members: Member[]): Promise<string[]> {
    const ids: string[] = new Array(members.length);
    await runConcurrent(members.length, CONCURRENCY, async (i) => {
      const member = members[i]!;
      let session: string | undefined;
      let reply: unknown;
      if (member.platform === 'slack') {
        this.sent++;
        const sent = await this.platforms.slackCommand(member.user, `quiz ${QUIZ}`);
        if (sent.status !== 200) this.failed++;
        reply = (await this.platforms.slackReply(sent.responseId)).body;
        session = buttonsOf(reply as never)[0]?.value.split(':')[1];
      } else {
        const sent = await this.platforms.discordSlash(member.user, `/quiz count:${QUIZ}`);
        if (sent.status !== 200) this.failed++;
        reply = sent.body;
        session = discordSession(sent.body);
      }
      this.commands++;
      if (!session) throw new Error(`no quiz in the ${member.platform} reply: ${JSON.stringify(reply).slice(0, 300)}`);
      ids[i] = session;
    });
    return ids;
  }

  /** Every member answers every question of their quiz, one click each. */
  async answerAll(members: Member[], sessions: string[]): Promise<void> {
    await runConcurrent(members.length * QUIZ, CONCURRENCY, async (k) => {
      const member = members[k % members.length]!;
      const actionId = `ans:${sessions[k % members.length]}:${Math.floor(k / members.length)}:0`;
      let status: number;
      if (member.platform === 'slack') {
        await this.awaitPending(MAX_PENDING);
        this.sent++;
        status = (await this.platforms.slackClick(member.user, actionId)).status;
      } else {
        status = (await this.platforms.discordClick(member.user, actionId)).status;
      }
      if (status !== 200) this.failed++;
      this.answers++;
    });
    await this.awaitPending(0);
  }

  async leaderboards(members: Member[], n: number): Promise<void> {
    await runConcurrent(n, CONCURRENCY, async (i) => {
      const member = members[i % members.length]!;
      let status: number;
      if (member.platform === 'slack') {
        this.sent++;
        status = (await this.platforms.slackCommand(member.user, 'leaderboard')).status;
      } else {
        status = (await this.platforms.discordSlash(member.user, '/leaderboard')).status;
      }
      this.commands++;
      if (status !== 200) this.failed++;
    });
    await this.awaitPending(0);
  }
}

/**
 * RSS of the app after `answers` answers and `interactions` interactions in all (counting those
 * `alreadyDone` by the latency run), then under the same traffic for `soakSeconds`.
 */
export async function memoryBench(platforms: Platforms, app: AppProcess, opts: { startMb: number; answers: number; interactions: number; alreadyDone: number; soakSeconds: number }): Promise<MemoryResult> {
  const traffic = new QuizTraffic(platforms);
  // Every other member on each platform, so each round has both.
  const members: Member[] = platforms.slackUsers.map((user, i) =>
    i % 2 === 0 ? { platform: 'slack', user } : { platform: 'discord', user: platforms.discordUsers[i]! },
  );
  const rounds = Math.ceil(opts.answers / (members.length * QUIZ));
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    const sessions = await traffic.startQuizzes(members);
    await traffic.answerAll(members, sessions);
  }
  await traffic.leaderboards(members, Math.max(0, opts.interactions - opts.alreadyDone - traffic.commands));
  const loadSeconds = (performance.now() - started) / 1000;
  const afterLoadMb = app.rssMb();
  const interactions = opts.alreadyDone + traffic.commands;
  const answers = traffic.answers;

  // The soak: quiz rounds of a tenth of the members in turn (each member well under the per-member
  // limits), one after another, sampling RSS after each.
  const soakStartMb = app.rssMb();
  const samples: number[] = [];
  const soakStarted = performance.now();
  const size = Math.max(1, Math.floor(members.length / 10));
  for (let round = 0; (performance.now() - soakStarted) / 1000 < opts.soakSeconds; round++) {
    const group = members.slice((round % 10) * size, (round % 10) * size + size);
    await traffic.answerAll(group, await traffic.startQuizzes(group));
    samples.push(app.rssMb());
  }
  return {
    startMb: opts.startMb,
    answers,
    interactions,
    afterLoadMb,
    loadSeconds,
    soakSeconds: (performance.now() - soakStarted) / 1000,
    soakStartMb,
    soakEndMb: samples.at(-1) ?? soakStartMb,
    soakMaxMb: Math.max(soakStartMb, ...samples),
    soakAnswers: traffic.answers - answers,
    failed: traffic.failed,
  };
}
