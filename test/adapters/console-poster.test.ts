import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { scheduleLocalGroup } from '../../src/adapters/console/local-group.js';
import { createConsolePoster } from '../../src/adapters/console/poster.js';
import { plain } from '../../src/adapters/console/render.js';
import { CONSOLE_CHANNEL, CONSOLE_WORKSPACE, ConsoleSession } from '../../src/adapters/console/session.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import { TARGETS } from '../support/databases.js';
import { seeded, useHarness } from '../support/harness.js';

class Screen extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

describe.each(TARGETS)('console scheduled posts on %s', (target) => {
  const h = useHarness(target);
  afterEach(() => expect(h.errors).toEqual([]));

  function consoleBot(interactive: boolean) {
    const screen = new Screen();
    const session = new ConsoleSession(h.core, 'Ada', plain);
    const poster = createConsolePoster({ output: screen, session, interactive });
    const scheduler = createScheduler({ store: h.store, content: h.content, clock: h.clock, random: seeded(3), logger: { info() {}, warn() {}, error: (o) => h.errors.push(o) }, posters: { console: poster } });
    return { screen, session, scheduler };
  }

  it('gives the local group a schedule in the machine’s zone once, and shows the drill in the terminal, answerable by number', async () => {
    h.clock.set('2026-11-29T12:00:00Z'); // Sunday
    await scheduleLocalGroup(h.store, h.clock.now(), 'Europe/Berlin');
    const group = await h.store.ensureGroup('console', CONSOLE_WORKSPACE, CONSOLE_CHANNEL);
    expect((await h.store.groupSchedule(group.id)).next.map((n) => n.at.toISOString())).toEqual(Array(3).fill('2026-11-30T08:00:00.000Z'));

    const { screen, session, scheduler } = consoleBot(false);
    h.clock.set('2026-11-30T08:00:00Z'); // Monday 09:00 in Berlin
    expect((await scheduler.tick(h.clock.now())).posted).toBe(3);
    expect(screen.text).toContain(`📣 posted in #${CONSOLE_CHANNEL}`);
    expect(screen.text).toContain('── Weekly digest · 2026-W49 ──');
    expect(screen.text).toContain('── Daily drill · Mon 30 Nov ──');
    expect(screen.text).toContain('Question of the day');
    expect(screen.text).not.toContain('Ada>');

    // The reminder came last and has no buttons, so the drill's stay selectable.
    const answer = await session.handleLine('1');
    expect(answer).toMatch(/Correct|Not this time/);
    expect((await h.db.db.query.drillAnswers.findMany()).length).toBe(1);
  });

  it('keeps a schedule the organiser changed', async () => {
    h.clock.set('2026-11-29T12:00:00Z');
    await scheduleLocalGroup(h.store, h.clock.now(), 'Europe/Berlin');
    const { session } = consoleBot(false);
    await session.handleLine('/study setup time 07:00');
    await scheduleLocalGroup(h.store, h.clock.now(), 'Asia/Tokyo');
    expect(await session.handleLine('/study status')).toContain('Daily posts: 07:00 on Mon, Tue, Wed, Thu, Fri');
    expect(await session.handleLine('/study status')).toContain('Time zone: Europe/Berlin');
  });

  it('redraws the prompt under a post when someone is typing', async () => {
    h.clock.set('2026-11-29T12:00:00Z');
    await scheduleLocalGroup(h.store, h.clock.now(), 'UTC');
    const { screen, scheduler } = consoleBot(true);
    h.clock.set('2026-11-30T09:00:00Z');
    await scheduler.tick(h.clock.now());
    expect(screen.text.trimEnd().endsWith('Ada>')).toBe(true);
  });
});
