import { buttonsOf } from '../test/adapters/slack/slack-driver.js';
import type { FakeUser } from '../test/adapters/slack/fake-slack.js';
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

/**
 * Members running quizzes through Slack against the app process: `/quiz 20` (its reply gives the
 * session), then a click on an answer button for each question, interleaved across members.
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
  async startQuizzes(members: FakeUser[]): Promise<string[]> {
    const ids: string[] = new Array(members.length);
    await runConcurrent(members.length, CONCURRENCY, async (i) => {
      this.sent++;
      const sent = await this.platforms.slackCommand(members[i]!, `quiz ${QUIZ}`);
      this.commands++;
      if (sent.status !== 200) this.failed++;
      const reply = await this.platforms.slackReply(sent.responseId);
      const session = buttonsOf(reply.body)[0]?.value.split(':')[1];
      if (!session) throw new Error(`no quiz in the reply: ${JSON.stringify(reply.body).slice(0, 300)}`);
      ids[i] = session;
    });
    return ids;
  }

  /** Every member answers every question of their quiz, one click each. */
  async answerAll(members: FakeUser[], sessions: string[]): Promise<void> {
    await runConcurrent(members.length * QUIZ, CONCURRENCY, async (k) => {
      const m = k % members.length;
      await this.awaitPending(MAX_PENDING);
      this.sent++;
      const r = await this.platforms.slackClick(members[m]!, `ans:${sessions[m]}:${Math.floor(k / members.length)}:0`);
      if (r.status !== 200) this.failed++;
      this.answers++;
    });
    await this.awaitPending(0);
  }

  async leaderboards(members: FakeUser[], n: number): Promise<void> {
    await runConcurrent(n, CONCURRENCY, async (i) => {
      this.sent++;
      const r = await this.platforms.slackCommand(members[i % members.length]!, 'leaderboard');
      this.commands++;
      if (r.status !== 200) this.failed++;
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
  const members = platforms.slackUsers;
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
