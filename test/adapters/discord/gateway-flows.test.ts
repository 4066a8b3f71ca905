import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useHarness } from '../../support/harness.js';
import { drillJourney, examJourney, goalsJourney, leaderboardJourney, quizJourney } from './flows.js';
import { startRig, timingSummary, timings, type Rig } from './rig.js';

describe('Discord over the gateway (the real discord.js Client on the fake WebSocket)', () => {
  const h = useHarness('pglite');
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig(h.core);
  });
  afterEach(async () => {
    await rig.close();
    expect(rig.logs.filter((l) => l.level !== 'info')).toEqual([]);
  });
  // Test files share a worker: report this file's interactions only.
  beforeAll(() => void timings.splice(0));
  afterAll(() => console.log(`[discord] time to first response, ${timingSummary('gateway')}`));

  it('a whole quiz: buttons per choice, feedback, summary', () => quizJourney(rig, 'gateway'));
  it('the exam, all 39 questions, to a result with per-skill bars', () => examJourney(rig, 'gateway'));
  it('a drill answered through the modal', () => drillJourney(rig, 'gateway'));
  it('weekly goals: set, done, list, clear, and a user error', () => goalsJourney(rig, 'gateway'));
  it('a leaderboard with three members', () => leaderboardJourney(rig, 'gateway'));
});
