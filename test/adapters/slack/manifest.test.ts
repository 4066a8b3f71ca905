import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { COMMANDS } from '../../../src/core/commands/index.js';

type Manifest = Record<string, any>;
const load = (file: string): Manifest => parse(readFileSync(`slack/${file}`, 'utf8')) as Manifest;
const http = load('manifest.yml');
const socket = load('manifest.socket-mode.yml');

describe('slack/manifest.yml and its Socket Mode variant', () => {
  it.each([
    ['manifest.yml', http],
    ['manifest.socket-mode.yml', socket],
  ])('%s has every command of the core, the scopes, the Home tab event and interactivity', (_file, m) => {
    expect(m.features.slash_commands.map((c: Manifest) => c.command)).toEqual(COMMANDS.map((c) => `/${c.name}`));
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'users:read']));
    expect(m.settings.event_subscriptions.bot_events).toEqual(['app_home_opened']);
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.features.app_home.home_tab_enabled).toBe(true);
    // Slack's manifest limits.
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.display_information.description.length).toBeLessThanOrEqual(140);
    for (const c of m.features.slash_commands) {
      expect(c.command.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
  });

  it('points every HTTP URL at POST /slack/events over https', () => {
    const urls = [...http.features.slash_commands.map((c: Manifest) => c.url), http.settings.event_subscriptions.request_url, http.settings.interactivity.request_url];
    expect(urls).toHaveLength(COMMANDS.length + 2);
    expect(urls.every((u: string) => /^https:\/\/[^/]+\/slack\/events$/.test(u))).toBe(true);
    expect(http.settings.socket_mode_enabled).toBe(false);
  });

  it('has no URLs in the Socket Mode variant and is otherwise the same app', () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toMatch(/"(url|request_url)"/);
    const withoutUrls = JSON.parse(JSON.stringify(http, (k, v) => (k === 'url' || k === 'request_url' ? undefined : v)));
    expect({ ...socket, settings: { ...socket.settings, socket_mode_enabled: false } }).toEqual(withoutUrls);
  });
});
