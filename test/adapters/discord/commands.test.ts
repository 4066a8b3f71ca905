import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandSpecs, commandText, toDiscordCommands } from '../../../src/adapters/discord/commands.js';
import { timezoneChoices } from '../../../src/adapters/discord/autocomplete.js';
import { registerCommands } from '../../../src/adapters/discord/register.js';
import { COMMANDS, STUDY_SUBCOMMANDS } from '../../../src/core/commands/index.js';
import { realContent } from '../../support/harness.js';
import { commandsProblems } from './fake/limits.js';
import { startFakeDiscord, type FakeDiscord } from './fake/server.js';
import { APP_ID, GUILD_ID, TOKEN } from './fake/state.js';
import { autocompleteInteraction, fakeUser, slashInteraction } from './fake/users.js';

type Json = Record<string, any>;
const specs = commandSpecs(realContent().skills);
const registered = toDiscordCommands(specs) as Json[];
const byName = (name: string) => registered.find((c) => c.name === name)!;
const subNames = (name: string) => (byName(name).options as Json[]).map((o) => o.name);

describe('Discord slash command definitions', () => {
  it('are valid for Discord and cover every command and /study subcommand of the core', () => {
    expect(commandsProblems(registered)).toEqual([]);
    for (const c of COMMANDS) expect(registered.map((r) => r.name)).toContain(c.name);
    for (const s of STUDY_SUBCOMMANDS) expect(subNames('study')).toContain(s.name);
    expect(subNames('study').slice(-3)).toEqual(['setup', 'pause', 'resume']);
  });

  it('type their options: skill as the 13 skills, count 1–20, goal and study as subcommands', () => {
    const [skill, count] = byName('quiz').options as Json[];
    expect(skill!.choices.map((c: Json) => c.value)).toEqual(realContent().skills.map((s) => s.id));
    expect(skill!.choices).toHaveLength(13);
    expect(count).toMatchObject({ name: 'count', type: 4, min_value: 1, max_value: 20, required: false });
    expect(subNames('goal')).toEqual(['set', 'done', 'list', 'clear']);
    expect((byName('goal').options as Json[])[0]!.options[0]).toMatchObject({ name: 'text', type: 3, required: true, min_length: 3, max_length: 200 });
    expect(byName('leaderboard').options[0].choices.map((c: Json) => c.value)).toEqual(['week', 'month', 'all']);
  });

  it('keep the contract names (organiser subcommands under /study, refused by the core) in server channels only', () => {
    // Discord can only hide whole commands, so /study stays visible; organiser.test.ts proves the refusal.
    for (const c of registered) expect(c.default_member_permissions).toBeNull();
    for (const c of registered) expect(c.contexts).toEqual([0]);
  });
});

describe('an interaction back into the command text the core parses', () => {
  const user = fakeUser('Ada');
  const text = (line: string) => commandText(specs, (slashInteraction(user, registered.map((c, i) => ({ ...c, id: String(i) })), line).data as Json) as never);

  it.each([
    ['/quiz skill:serving count:3', 'quiz serving 3'],
    ['/quiz count:3 skill:serving', 'quiz serving 3'],
    ['/quiz', 'quiz'],
    ['/exam action:resume', 'exam resume'],
    ['/lesson lesson:next', 'lesson next'],
    ['/goal set text:Read the serving lesson', 'goal set Read the serving lesson'],
    ['/goal done number:2', 'goal done 2'],
    ['/goal clear', 'goal clear'],
    ['/leaderboard period:month', 'leaderboard month'],
    ['/study timezone zone:Europe/Berlin', 'study timezone Europe/Berlin'],
    ['/study privacy value:on', 'study privacy on'],
    ['/study forget-me', 'study forget-me'],
    ['/study setup time:07:30 tz:Asia/Kolkata days:mon-fri', 'study setup time 07:30 tz Asia/Kolkata days mon-fri'],
    ['/study setup days:daily', 'study setup days daily'],
    ['/study question', 'study question'],
    ['/study pause', 'study pause'],
  ])('%s → %s', (line, expected) => {
    expect(text(line)).toBe(expected);
  });

  it('suggests time zones as the member types', () => {
    expect(timezoneChoices('Europe/Be')).toEqual(expect.arrayContaining(['Europe/Berlin', 'Europe/Belgrade']));
    expect(timezoneChoices('berlin')).toEqual(['Europe/Berlin']);
    expect(timezoneChoices('kolkata')).toEqual(['Asia/Kolkata']);
    expect(timezoneChoices('')).toHaveLength(25);
    expect(timezoneChoices('utc')[0]).toBe('UTC');
    const raw = autocompleteInteraction(user, registered, '/study timezone zone:Europe/Be', 'zone');
    expect((raw.data as Json).options[0].options[0]).toMatchObject({ name: 'zone', focused: true, value: 'Europe/Be' });
  });
});

describe('registration (npm run discord:register)', () => {
  let fake: FakeDiscord;
  beforeEach(async () => {
    fake = await startFakeDiscord();
  });
  afterEach(async () => {
    await fake.close();
  });

  it('bulk-overwrites the global commands, or one server’s with a guild id', async () => {
    const global = await registerCommands({ apiUrl: fake.apiUrl, token: TOKEN, applicationId: APP_ID, skills: realContent().skills });
    expect(global.map((c) => c.name)).toEqual(registered.map((c) => c.name));
    expect(fake.state.commands.global).toHaveLength(registered.length);
    await registerCommands({ apiUrl: fake.apiUrl, token: TOKEN, applicationId: APP_ID, guildId: GUILD_ID, skills: realContent().skills });
    expect(fake.state.commands.guilds.get(GUILD_ID)).toHaveLength(registered.length);
    expect(fake.state.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PUT /applications/${APP_ID}/commands 200`,
      `PUT /applications/${APP_ID}/guilds/${GUILD_ID}/commands 200`,
    ]);
  });

  const run = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DISCORD_') && !k.startsWith('SLACK_')));
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/discord-register.ts', ...args], { env: { ...base, ...env } });
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('close', (code) => resolve({ code, out, err }));
    });

  it('the CLI registers in one server and says what it did; without a token it stops with exit 2', async () => {
    const env = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APP_ID, DISCORD_API_URL: fake.apiUrl };
    const [ok, missing] = await Promise.all([run(['--guild', GUILD_ID], env), run([], { DISCORD_API_URL: fake.apiUrl })]);
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toContain(`registered ${registered.length} commands in server ${GUILD_ID}`);
    expect(ok.out).toContain('/study');
    expect(fake.state.commands.guilds.get(GUILD_ID)).toHaveLength(registered.length);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('DISCORD_TOKEN and DISCORD_APPLICATION_ID are required');
  });
});
