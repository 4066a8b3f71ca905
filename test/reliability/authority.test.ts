import { randomUUID } from 'node:crypto';
import { PermissionFlagsBits } from 'discord.js';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeUser, type FakeUser as DiscordUser } from '../adapters/discord/fake/users.js';
import { buttonsOf as discordButtons, lastWithButtons, startRig, textOfAnswer, type Rig } from '../adapters/discord/rig.js';
import type { FakeUser } from '../adapters/slack/fake-slack.js';
import { buttonsOf, CHANNEL, textOf } from '../adapters/slack/slack-driver.js';
import { ADA, GRACE, LINUS, useSlackApp } from '../adapters/slack/use-slack-app.js';
import { rowCounts } from '../support/databases.js';
import { useHarness, type Harness } from '../support/harness.js';
import { shownCode } from './nasty.js';

/**
 * Only organisers configure a group, whatever the payload claims, and buttons cannot be forged to
 * answer for someone else, for another quiz or in another way than offered: every attempt is
 * refused with its code and records nothing.
 */

const rowsOf = <T>(result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
let attempts = 0;

/** The group's configuration as stored: set up or not, paused or not, and its next slots. */
async function groupState(h: Harness) {
  const groups = rowsOf<{ channel_id: string; setup: boolean; paused: boolean }>(
    await h.db.db.execute(sql`select channel_id, setup_at is not null as setup, paused from study_groups order by id`),
  );
  const [slots] = rowsOf<{ n: number }>(await h.db.db.execute(sql`select count(*)::int as n from group_schedules`));
  return { groups, slots: slots!.n };
}

/** Forged ids for a quiz session of someone else, a session that does not exist, and mangled ones of the member's own. */
function forgeries(othersSession: string, ownSession: string, day: string): [string, string][] {
  return [
    [`ans:${othersSession}:0:0`, 'NOT_YOUR_SESSION'],
    [`ans:${randomUUID()}:0:0`, 'SESSION_NOT_FOUND'],
    [`ans:not-a-session:0:0`, 'SESSION_NOT_FOUND'],
    [`ans:${ownSession}:99:0`, 'ACTION_INVALID'],
    [`ans:${ownSession}:0:9`, 'ACTION_INVALID'],
    [`ans:${ownSession}:-1:0`, 'ACTION_INVALID'],
    [`ans:${ownSession}:0:1.5`, 'ACTION_INVALID'],
    [`ans:${ownSession}`, 'ACTION_INVALID'],
    [`dq:${day}:not-a-question:0`, 'DAILY_QUESTION_CLOSED'],
    [`dq:1999-01-01:x:0`, 'DAILY_QUESTION_CLOSED'],
    [`dans:no-such-prompt:${day}`, 'PROMPT_GONE'],
    [`dans:x:1999-01-01`, 'DRILL_EXPIRED'],
    [`ldone:no-such-lesson`, 'LESSON_NOT_FOUND'],
    [`admin:setup`, 'ACTION_UNKNOWN'],
  ];
}

describe('authority on Slack', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h);
  const say = async (user: FakeUser, command: string, text: string) => {
    const sent = await s.driver.command(user, command, text);
    attempts += 1;
    return textOf((await s.fake.responseFor(sent.responseId!)).body);
  };

  it('members who are not organisers cannot set up, pause or resume, even claiming to be someone else', async () => {
    for (const sub of ['setup time 07:00', 'pause', 'resume']) expect(shownCode(await say(ADA, '/study', sub))).toBe('NOT_ORGANISER');
    expect(await groupState(h)).toEqual({ groups: [{ channel_id: CHANNEL, setup: false, paused: false }], slots: 0 });

    // A body naming an admin does not make one: organisers come from users.info for the signed user id.
    const { body, responseId } = s.driver.commandBody(LINUS, '/study', 'setup');
    const spoofed = body.replace('user_name=linus', `user_name=${GRACE.name}&is_admin=true&user_id=${LINUS.id}`);
    expect((await s.driver.send(spoofed, 'application/x-www-form-urlencoded')).status).toBe(200);
    expect(shownCode(textOf((await s.fake.responseFor(responseId)).body))).toBe('NOT_ORGANISER');
    attempts += 1;

    await s.driver.command(GRACE, '/study', 'setup time 09:00 tz UTC days mon-fri');
    await s.fake.apiCall('chat.postMessage'); // the set-up notice, for the channel
    const configured = await groupState(h);
    expect(configured).toMatchObject({ groups: [{ setup: true, paused: false }] });
    expect(shownCode(await say(LINUS, '/study', 'pause'))).toBe('NOT_ORGANISER');
    expect(await groupState(h)).toEqual(configured);
    expect(s.invocations.filter((i) => i.actor.userId !== GRACE.id).every((i) => i.organiser === false)).toBe(true);
  });

  it('forged buttons are refused with their code and record nothing', async () => {
    const own = await s.driver.commandReply(ADA, '/quiz', '2');
    const theirs = await s.driver.commandReply(LINUS, '/quiz', '2');
    const session = (reply: typeof own) => buttonsOf(reply.body)[0]!.value.split(':')[1]!;
    const before = await rowCounts(h.db);
    for (const [value, code] of forgeries(session(theirs), session(own), '2026-11-25')) {
      const sent = await s.driver.click(ADA, { action_id: 'forged', value, text: 'A' });
      attempts += 1;
      expect({ value, code: shownCode(textOf((await s.fake.responseFor(sent.responseId!)).body)) }).toEqual({ value, code });
    }
    // Linus's own button, clicked by Ada on a message she can see (say he shared a screenshot of its id).
    const linusButton = buttonsOf(theirs.body)[0]!;
    const sent = await s.driver.click(ADA, linusButton);
    attempts += 1;
    expect(shownCode(textOf((await s.fake.responseFor(sent.responseId!)).body))).toBe('NOT_YOUR_SESSION');
    expect(await rowCounts(h.db)).toEqual(before);
  });
});

describe('authority on Discord', () => {
  const h = useHarness('pglite');
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig(h.core, { gateway: false });
  });
  afterEach(async () => {
    await rig.close();
    expect(rig.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
  const say = async (user: DiscordUser, line: string) => {
    attempts += 1;
    return textOfAnswer(await rig.slash(user, line, 'http'));
  };

  it('only Manage Server or Manage Channels may set up, pause or resume; other permissions do not count', async () => {
    const members = [fakeUser('Member'), fakeUser('Moderator', PermissionFlagsBits.ManageMessages | PermissionFlagsBits.KickMembers | PermissionFlagsBits.MentionEveryone)];
    for (const member of members) {
      for (const line of ['/study setup time:07:00', '/study pause', '/study resume']) expect({ member: member.name, line, code: shownCode(await say(member, line)) }).toEqual({ member: member.name, line, code: 'NOT_ORGANISER' });
    }
    expect((await groupState(h)).groups.every((g) => !g.setup && !g.paused)).toBe(true);
    expect((await groupState(h)).slots).toBe(0);

    expect(textOfAnswer(await rig.slash(fakeUser('Mentor', PermissionFlagsBits.ManageChannels), '/study setup time:09:00 tz:UTC', 'http'))).toContain('now a study group');
    const configured = await groupState(h);
    expect(shownCode(await say(members[1]!, '/study pause'))).toBe('NOT_ORGANISER');
    expect(await groupState(h)).toEqual(configured);
  });

  it('forged custom_ids are refused with their code and record nothing', async () => {
    const ada = fakeUser('Ada');
    const bo = fakeUser('Bo');
    const own = lastWithButtons(await rig.slash(ada, '/quiz count:2', 'http'))!;
    const theirs = lastWithButtons(await rig.slash(bo, '/quiz count:2', 'http'))!;
    const session = (m: typeof own) => discordButtons(m)[0]!.customId.split(':')[1]!;
    const before = await rowCounts(h.db);
    for (const [customId, code] of [...forgeries(session(theirs), session(own), '2026-11-25'), [discordButtons(theirs)[0]!.customId, 'NOT_YOUR_SESSION'] as [string, string]]) {
      const answer = await rig.click(ada, own, customId, 'http');
      attempts += 1;
      expect({ customId, code: shownCode(textOfAnswer(answer)) }).toEqual({ customId, code });
    }
    expect(await rowCounts(h.db)).toEqual(before);
    console.info(`authority: ${attempts} non-organiser commands and forged buttons on Slack and Discord, all refused with their code, nothing recorded`);
  });
});
