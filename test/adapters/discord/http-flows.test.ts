import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useHarness } from '../../support/harness.js';
import { drillJourney, examJourney, goalsJourney, leaderboardJourney, quizJourney } from './flows.js';
import { startRig, timingSummary, timings, type Rig } from './rig.js';

describe('Discord over the HTTP interactions endpoint (Ed25519-signed, DISCORD_GATEWAY=off)', () => {
  const h = useHarness('pglite');
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig(h.core, { gateway: false });
  });
  afterEach(async () => {
    await rig.close();
    expect(rig.logs.filter((l) => l.level !== 'info')).toEqual([]);
  });
  // Test files share a worker: report this file's interactions only.
  beforeAll(() => void timings.splice(0));
  afterAll(() => console.log(`[discord] time to first response, ${timingSummary('http')}`));

  it('a whole quiz: buttons per choice, feedback, summary', () => quizJourney(rig, 'http'));
  it('the exam, all 39 questions, to a result with per-skill bars', () => examJourney(rig, 'http'));
  it('a drill answered through the modal', () => drillJourney(rig, 'http'));
  it('weekly goals: set, done, list, clear, and a user error', () => goalsJourney(rig, 'http'));
  it('a leaderboard with three members', () => leaderboardJourney(rig, 'http'));
});
