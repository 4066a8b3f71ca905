import { message, text, type Command } from '../../command.js';
import type { Group, GroupScheduleState } from '../../ports.js';
import { nextPostLines } from '../../schedule/describe.js';
import { DAY_LABEL } from '../../schedule/kinds.js';

function scheduleText(group: Group, state: GroupScheduleState): string {
  if (!state.setupAt) return '**Scheduled posts:** none yet. An organiser can run /study setup to get a daily drill and goal reminder here.';
  if (group.paused) {
    const why = state.pausedReason ? `the bot paused them: ${state.pausedReason}` : 'an organiser paused them';
    return `**Scheduled posts are paused:** ${why}. An organiser can start them again with /study resume.`;
  }
  return `**Next posts** (${group.timezone})\n${nextPostLines(state.next, group.timezone)}`;
}

export const statusCommand: Command = {
  name: 'status',
  usage: '/study status',
  summary: 'This study group’s schedule (next posts in its local time), time zone and activity.',
  async run(ctx) {
    const { group, deps } = ctx;
    const [active, state] = await Promise.all([deps.store.countMembers(group.id), deps.store.groupSchedule(group.id)]);
    return [
      message(
        [
          {
            type: 'fields',
            fields: [
              { label: 'Time zone', value: group.timezone },
              { label: 'Daily posts', value: `${group.postTime} on ${group.days.map((d) => DAY_LABEL[d] ?? d).join(', ')}` },
              { label: 'State', value: group.paused ? 'paused' : 'active' },
              { label: 'Members with points', value: String(active) },
              { label: 'Question bank', value: `${deps.content.questions.length} questions, ${deps.content.prompts.length} interview prompts` },
              { label: 'Your time zone', value: ctx.member.timezone ?? `${group.timezone} (the group’s; set yours with /study timezone)` },
            ],
          },
          text(scheduleText(group, state)),
        ],
        'Study group status',
      ),
    ];
  },
};
