/** The sizes of every benchmark in `npm run bench` (chosen so the whole run stays under 10 minutes on 2 cores). */
export const PARAMS = {
  /** 2,000 members × 10 questions = 20,000 answers. */
  ingest: { members: 2000, questionsPerMember: 10, concurrency: 32 },
  ingestPglite: { members: 300, questionsPerMember: 10, concurrency: 32 },
  leaderboard: { members: 10_000, answers: 1_000_000, runs: 200, naiveRuns: 5 },
  due: { groups: 100_000, workspaces: 1000, runs: 3 },
  /** 2,500 channels × (daily drill + goal reminder) = 5,000 posts. */
  fanOut: { channels: 2500, limits: { perChannelMs: 1000, workspacePerSecond: 250 } },
  /** Commands from 200 members of one group (11 each with the warm-up). */
  latency: { requests: 2000, concurrency: 50, warmup: 200, members: 200 },
  memory: { users: 2500, answers: 100_000, interactions: 10_000 },
};

export type Params = typeof PARAMS;
