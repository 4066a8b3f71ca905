import type { Ctx } from '../../command.js';
import { UserError } from '../../types.js';

const WHO: Record<string, string> = {
  slack: 'workspace admins and owners, and the users listed in the bot’s SLACK_ADMIN_IDS',
  discord: 'members with the Manage Server or Manage Channels permission in this channel',
  console: 'the local user of the console',
};

/** Organiser commands need `inv.organiser`, which the adapter sets from the platform's roles. */
export function requireOrganiser(ctx: Ctx, what: string): void {
  if (ctx.inv.organiser === true) return;
  throw new UserError('NOT_ORGANISER', `Only an organiser can ${what}. Organisers are ${WHO[ctx.inv.actor.platform] ?? 'the group’s admins'}. Anyone can see the schedule with /study status.`);
}
