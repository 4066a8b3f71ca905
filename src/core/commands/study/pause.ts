import { message, text, type Command, type Ctx } from '../../command.js';
import { UserError } from '../../types.js';
import { requireOrganiser } from './organiser.js';

/** Organiser commands on a schedule need one: /study setup first. */
export async function requireSetUp(ctx: Ctx): Promise<void> {
  const { setupAt } = await ctx.deps.store.groupSchedule(ctx.group.id);
  if (!setupAt) throw new UserError('GROUP_NOT_SET_UP', 'This channel has no schedule yet. An organiser can start one with /study setup (default 09:00 UTC, Mon–Fri).');
}

export const pauseCommand: Command = {
  name: 'pause',
  usage: '/study pause',
  summary: 'Organisers: stop the scheduled posts here until /study resume.',
  async run(ctx) {
    requireOrganiser(ctx, 'pause this study group');
    await requireSetUp(ctx);
    const paused = await ctx.deps.store.pauseGroup(ctx.group.id, null);
    if (!paused) return [message([text('The schedule is already paused. Start it again with /study resume.')])];
    return [
      message(
        [text(`${ctx.member.displayName} paused this group’s schedule: no drills, goal reminders or digests until an organiser runs /study resume. Commands keep working.`)],
        'Schedule paused',
        'channel',
      ),
    ];
  },
};
