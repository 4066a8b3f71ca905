import { PermissionFlagsBits } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useHarness } from '../../support/harness.js';
import { autocompleteInteraction, fakeUser } from './fake/users.js';
import { startRig, textOfAnswer, type Rig } from './rig.js';

describe('Discord organisers and autocomplete', () => {
  const h = useHarness('pglite');
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig(h.core);
  });
  afterEach(async () => {
    await rig.close();
    expect(rig.logs.filter((l) => l.level !== 'info')).toEqual([]);
  });

  it('Manage Channels sets up the study group; the answer is posted for the channel to see', async () => {
    const mentor = fakeUser('Mentor', PermissionFlagsBits.ManageChannels);
    const answer = await rig.slash(mentor, '/study setup time:08:30 tz:Europe/Berlin days:mon,wed,fri', 'gateway');
    expect(answer.response.type).toBe(4);
    expect(answer.messages[0]!.ephemeral).toBe(false);
    expect(textOfAnswer(answer)).toContain('This channel is now a study group, set up by Mentor');
    expect(textOfAnswer(answer)).toContain('**08:30** (Europe/Berlin)');
  });

  it('Manage Server and Administrator count as organiser too; a plain member is refused', async () => {
    const owner = fakeUser('Owner', PermissionFlagsBits.ManageGuild);
    const admin = fakeUser('Admin', PermissionFlagsBits.Administrator);
    const member = fakeUser('Member');
    expect(textOfAnswer(await rig.slash(owner, '/study setup', 'http'))).toContain('now a study group');
    expect(textOfAnswer(await rig.slash(admin, '/study pause', 'http'))).toContain('paused');
    const refused = await rig.slash(member, '/study resume', 'http');
    expect(textOfAnswer(refused)).toContain('(NOT_ORGANISER)');
    expect(refused.messages[0]!.ephemeral).toBe(true);
  });

  it('suggests time zones while an option is typed, on both transports', async () => {
    const ada = fakeUser('Ada');
    for (const transport of ['gateway', 'http'] as const) {
      const raw = autocompleteInteraction(ada, rig.commands, '/study timezone zone:Europe/Be', 'zone');
      const answer = await rig.send(raw, transport);
      expect(answer.response.type).toBe(8);
      const values = (answer.response.data.choices as { value: string }[]).map((c) => c.value);
      expect(values).toContain('Europe/Berlin');
      expect(values.every((v) => v.toLowerCase().includes('be'))).toBe(true);
    }
    const setup = await rig.send(autocompleteInteraction(ada, rig.commands, '/study setup tz:kolk', 'tz'), 'gateway');
    expect(setup.response.data.choices).toEqual([{ name: 'Asia/Kolkata', value: 'Asia/Kolkata' }]);
    const chosen = await rig.slash(ada, '/study timezone zone:Europe/Berlin', 'gateway');
    expect(textOfAnswer(chosen)).toContain('Time zone set to **Europe/Berlin**');
  });
});
