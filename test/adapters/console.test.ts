import { describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/adapters/console/session.js';
import { plain, markdownToTerminal } from '../../src/adapters/console/render.js';
import { questionById } from '../../src/core/content/index.js';
import { rowCounts, TARGETS } from '../support/databases.js';
import { useHarness } from '../support/harness.js';

describe('markdownToTerminal', () => {
  it('drops emphasis markers but keeps snake_case and code', () => {
    expect(markdownToTerminal('**Bold** and _italic_, `txn_count_24h` stays', plain)).toBe('Bold and italic, `txn_count_24h` stays');
  });
});

describe.each(TARGETS)('console session on %s', (target) => {
  const h = useHarness(target);

  it('numbers the choices and answers by number', async () => {
    const s = new ConsoleSession(h.core, 'Ada', plain);
    const out = await s.handleLine('quiz 1');
    expect(out).toMatch(/question 1 of 1/);
    expect(out).toMatch(/^ {2}1\) /m);
    const [session] = await h.db.db.query.quizSessions.findMany();
    const q = questionById(h.content, session!.questionIds[0]!)!;
    const feedback = await s.handleLine(String(q.answer + 1));
    expect(feedback).toContain('Correct');
    expect(feedback).toContain('Quiz finished');
    expect(await s.handleLine('2')).toContain('Nothing to choose right now');
  });

  it('says which numbers are valid when a number is out of range', async () => {
    const s = new ConsoleSession(h.core, 'Ada', plain);
    await s.handleLine('/quiz 1');
    expect(await s.handleLine('7')).toMatch(/Pick a number from 1 to \d/);
    expect((await rowCounts(h.db)).answers).toBe(0);
  });

  it('switches user with /user and keeps their progress apart', async () => {
    const s = new ConsoleSession(h.core, 'Ada', plain);
    await s.handleLine('/goal set Read the serving lesson');
    expect(await s.handleLine('/user Grace')).toBe('Now acting as Grace.');
    expect(s.prompt()).toBe('Grace> ');
    expect(await s.handleLine('/goal list')).toContain('No goals yet');
    await s.handleLine('/user Ada');
    expect(await s.handleLine('goal list')).toContain('Read the serving lesson');
  });

  it('fills a form one field per line (the mock-interview answer)', async () => {
    const s = new ConsoleSession(h.core, 'Ada', plain);
    await s.handleLine('/drill');
    const form = await s.handleLine('1');
    expect(form).toContain('Your answer');
    expect(s.prompt()).toMatch(/Your answer/);
    const result = await s.handleLine('I would use a canary with a small share of traffic, watch p95 latency and error rate, and roll back automatically.');
    expect(result).toContain('Rubric coverage');
    expect((await rowCounts(h.db)).interview_answers).toBe(1);
  });

  it('cancels a form with /cancel and records nothing', async () => {
    const s = new ConsoleSession(h.core, 'Ada', plain);
    await s.handleLine('/study forget-me');
    expect(await s.handleLine('/cancel')).toBe('Form cancelled.');
    expect(s.prompt()).toBe('Ada> ');
    expect((await rowCounts(h.db)).members).toBe(1);
  });

  it('ends on /quit', async () => {
    const s = new ConsoleSession(h.core, 'Ada', plain);
    expect(await s.handleLine('/quit')).toContain('progress is saved');
    expect(s.quit).toBe(true);
  });
});
