import { message, text, type Command } from '../../command.js';
import { applyResume } from '../../schedule/apply.js';
import { nextPostLines } from '../../schedule/describe.js';
import { requireOrganiser } from './organiser.js';
import { requireSetUp } from './pause.js';

export const resumeCommand: Command = {
  name: 'resume',
  usage: '/study resume',
  summary: 'Organisers: start the scheduled posts again (what was due while paused is not posted).',
  async run(ctx) {
    requireOrganiser(ctx, 'resume this study group');
    await requireSetUp(ctx);
    const { group, deps } = ctx;
    if (!group.paused) return [message([text('The schedule is already running. See the next posts with /study status.')])];
    const next = await applyResume(deps.store, group, ctx.now);
    return [
      message(
        [text(`${ctx.member.displayName} resumed this group’s schedule.`), text(`**Next posts**\n${nextPostLines(next, group.timezone)}`)],
        'Schedule resumed',
        'channel',
      ),
    ];
  },
};
