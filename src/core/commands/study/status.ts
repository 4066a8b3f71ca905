import { message, type Command } from '../../command.js';

const DAY_NAMES: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

export const statusCommand: Command = {
  name: 'status',
  usage: '/study status',
  summary: 'This study group’s schedule, time zone and activity.',
  async run(ctx) {
    const { group, deps } = ctx;
    const active = await deps.store.countMembers(group.id);
    return [
      message(
        [
          {
            type: 'fields',
            fields: [
              { label: 'Time zone', value: group.timezone },
              { label: 'Daily posts', value: `${group.postTime} on ${group.days.map((d) => DAY_NAMES[d] ?? d).join(', ')}` },
              { label: 'State', value: group.paused ? 'paused' : 'active' },
              { label: 'Members with points', value: String(active) },
              { label: 'Question bank', value: `${deps.content.questions.length} questions, ${deps.content.prompts.length} interview prompts` },
              { label: 'Your time zone', value: ctx.member.timezone ?? `${group.timezone} (the group’s; set yours with /study timezone)` },
            ],
          },
        ],
        'Study group status',
      ),
    ];
  },
};
