import type { IngestResult } from '../answer-ingest.js';
import type { LatencyResult } from '../latency.js';
import type { LeaderboardResult } from '../leaderboard.js';
import type { MemoryResult } from '../memory.js';
import type { DueResult } from '../scheduler-due.js';
import type { FanOutResult } from '../scheduler-fanout.js';
import { fixed, ms, times, type Row } from './report.js';

export interface Results {
  ingest?: IngestResult;
  ingestPglite?: IngestResult;
  leaderboard?: LeaderboardResult;
  leaderboardPglite?: LeaderboardResult;
  due?: DueResult;
  fanOut?: FanOutResult;
  latency?: LatencyResult;
  memory?: MemoryResult;
  /** Error lines the app process logged during the latency and memory runs. */
  appErrors?: string[];
}

const perSec = (n: number) => `${fixed(n)}/s`;

export function ingestRows({ ingest, ingestPglite }: Results): Row[] {
  const rows: Row[] = [];
  if (ingest) {
    const ratio = ingest.fullPerSecond / ingest.rawPerSecond;
    rows.push({
      section: '1 answer ingest (server)',
      figure: `answers through core.handle + store, concurrency 32 (${fixed(ingest.answers)}; ${ingest.failed} failed)`,
      value: perSec(ingest.fullPerSecond),
      reference: `raw postgres.js inserts of an answers row: ${perSec(ingest.rawPerSecond)}`,
      ratio: ratio.toFixed(2),
      goal: '≥ 0.5',
      met: ratio >= 0.5 && ingest.failed === 0,
    });
  }
  if (ingestPglite) {
    rows.push({
      section: '6 answer ingest (PGlite)',
      figure: `answers through core.handle + store, concurrency 32 (${fixed(ingestPglite.answers)}; ${ingestPglite.failed} failed)`,
      value: perSec(ingestPglite.fullPerSecond),
      reference: `raw PGlite inserts: ${perSec(ingestPglite.rawPerSecond)}`,
      ratio: (ingestPglite.fullPerSecond / ingestPglite.rawPerSecond).toFixed(2),
      goal: '',
    });
    if (ingest) {
      rows.push({ section: '6 answer ingest (PGlite)', figure: 'PGlite beside the server (answer path)', value: perSec(ingestPglite.fullPerSecond), reference: `server: ${perSec(ingest.fullPerSecond)}`, ratio: (ingestPglite.fullPerSecond / ingest.fullPerSecond).toFixed(2), goal: '' });
    }
  }
  return rows;
}

function boardRows(section: string, r: LeaderboardResult, goals: boolean, server?: LeaderboardResult): Row[] {
  const speedup = r.naive.p95 / r.board.p95;
  const what = `top 10 of this week, ${fixed(r.members)} members, ${fixed(r.answers)} answers`;
  return [
    { section, figure: `${what}: p50`, value: ms(r.board.p50), reference: `naive SUM … GROUP BY over the answers: ${ms(r.naive.p50)}`, ratio: times(r.naive.p50 / r.board.p50), goal: '' },
    {
      section,
      figure: `${what}: p95 (${r.board.n} runs)`,
      value: ms(r.board.p95),
      reference: `naive p95: ${ms(r.naive.p95)} (${r.naive.n} runs)`,
      ratio: times(speedup),
      goal: goals ? 'p95 ≤ 10 ms and ≥ 20×' : '',
      ...(goals ? { met: r.board.p95 <= 10 && speedup >= 20 } : {}),
    },
    { section, figure: 'the ledger query the store ran before (its fallback), p50', value: ms(r.ledger.p50), reference: `totals: ${ms(r.board.p50)}`, ratio: times(r.ledger.p50 / r.board.p50), goal: '' },
    ...(server ? [{ section, figure: 'PGlite beside the server, p95', value: ms(r.board.p95), reference: `server: ${ms(server.board.p95)}`, ratio: (r.board.p95 / server.board.p95).toFixed(2), goal: '' }] : []),
  ];
}

export function leaderboardRows({ leaderboard, leaderboardPglite }: Results): Row[] {
  return [...(leaderboard ? boardRows('2 leaderboard (server)', leaderboard, true) : []), ...(leaderboardPglite ? boardRows('6 leaderboard (PGlite)', leaderboardPglite, false, leaderboard) : [])];
}

export function schedulerRows({ due, fanOut }: Results): Row[] {
  const rows: Row[] = [];
  if (due) {
    rows.push({
      section: '3 scheduler',
      figure: `due slots of one tick, ${fixed(due.groups)} groups, 09:00 in 1 of 24 zones (${fixed(due.oneZone.dueSlots)} due): p95`,
      value: ms(due.oneZone.compute.p95),
      reference: `index count of the due rows: ${ms(due.oneZone.indexCount.p95)}`,
      ratio: times(due.oneZone.compute.p95 / due.oneZone.indexCount.p95),
      goal: '≤ 200 ms',
      met: due.oneZone.compute.p95 <= 200,
    });
    rows.push({
      section: '3 scheduler',
      figure: `all ${fixed(due.groups)} groups due in the same minute (${fixed(due.allDue.dueSlots)} due), read at once: p95`,
      value: ms(due.allDue.compute.p95),
      reference: `index count: ${ms(due.allDue.indexCount.p95)}`,
      ratio: times(due.allDue.compute.p95 / due.allDue.indexCount.p95),
      goal: '(≤ 200 ms)',
      met: due.allDue.compute.p95 <= 200,
    });
  }
  if (fanOut) {
    const ratio = fanOut.seconds / fanOut.minimumSeconds;
    const l = fanOut.limits;
    rows.push({
      section: '3 scheduler',
      figure: `fan-out: ${fixed(fanOut.posts)} posts in ${fixed(fanOut.channels)} channels through the Slack poster (${l.perChannelMs / 1000} s/channel, ${l.workspacePerSecond}/s workspace)`,
      value: `${fanOut.seconds.toFixed(1)} s`,
      reference: `theoretical minimum: ${fanOut.minimumSeconds.toFixed(0)} s`,
      ratio: ratio.toFixed(2),
      goal: '≤ 1.2',
      met: ratio <= 1.2,
    });
    rows.push({
      section: '3 scheduler',
      figure: `posts lost / duplicated (429s: ${fixed(fanOut.refused.workspace)} workspace, ${fixed(fanOut.refused.channel)} channel)`,
      value: `${fanOut.lost} / ${fanOut.duplicates}`,
      reference: `${fixed(fanOut.posts)} claimed`,
      ratio: '',
      goal: '0 lost',
      met: fanOut.lost === 0 && fanOut.duplicates === 0,
    });
  }
  return rows;
}

export function latencyRows({ latency }: Results): Row[] {
  if (!latency) return [];
  const ref = `GET /healthz: p50 ${ms(latency.healthz.p50)} / p99 ${ms(latency.healthz.p99)}`;
  const row = (platform: string, what: string, s: LatencyResult['slack']): Row => ({
    section: '4 interaction latency',
    figure: `${platform}: ${fixed(latency.requests)} ${what} at concurrency ${latency.concurrency} (${latency.failed} failed overall)`,
    value: `p50 ${ms(s.p50)} / p99 ${ms(s.p99)}`,
    reference: ref,
    ratio: `p99 ${(s.p99 / latency.healthz.p99).toFixed(1)}×`,
    goal: 'p99 ≤ 100 ms',
    met: s.p99 <= 100 && latency.failed === 0,
  });
  return [row('Slack', 'signed slash commands, until the ack', latency.slack), row('Discord', 'signed HTTP interactions, until the response with the reply', latency.discord)];
}

export function memoryRows({ memory, appErrors }: Results): Row[] {
  if (!memory) return [];
  const errors: Row[] = appErrors
    ? [{ section: '5 memory', figure: 'errors the app logged during 4 and 5', value: String(appErrors.length), reference: appErrors[0]?.slice(0, 80) ?? 'none', ratio: '', goal: '0', met: appErrors.length === 0 }]
    : [];
  const growth = (memory.soakEndMb - memory.soakStartMb) / memory.soakStartMb;
  return [
    {
      section: '5 memory',
      figure: `app RSS after ${fixed(memory.answers)} answers and ${fixed(memory.interactions)} interactions (${memory.failed} failed)`,
      value: `${memory.afterLoadMb.toFixed(0)} MB`,
      reference: `RSS idle after start: ${memory.startMb.toFixed(0)} MB`,
      ratio: times(memory.afterLoadMb / memory.startMb),
      goal: '',
    },
    {
      section: '5 memory',
      figure: `RSS growth over a ${memory.soakSeconds.toFixed(0)} s soak (${fixed(memory.soakAnswers)} more answers; max ${memory.soakMaxMb.toFixed(0)} MB)`,
      value: `${(growth * 100).toFixed(1)}%`,
      reference: `${memory.soakStartMb.toFixed(0)} MB → ${memory.soakEndMb.toFixed(0)} MB`,
      ratio: '',
      goal: '≤ 10%',
      met: growth <= 0.1,
    },
    ...errors,
  ];
}
