import { message, text, type Command } from '../../command.js';
import { applySetup } from '../../schedule/apply.js';
import { nextPostLines } from '../../schedule/describe.js';
import { DAY_IDS, describeDays } from '../../schedule/kinds.js';
import { parseSetupArgs, SETUP_USAGE } from '../../schedule/settings.js';
import { requireOrganiser } from './organiser.js';

const DAY_NAME: Record<string, string> = { mon: 'Mondays', tue: 'Tuesdays', wed: 'Wednesdays', thu: 'Thursdays', fri: 'Fridays', sat: 'Saturdays', sun: 'Sundays' };

export const setupCommand: Command = {
  name: 'setup',
  usage: SETUP_USAGE,
  summary: 'Organisers: make this channel a study group and set when the drill, goal reminder and weekly digest are posted (default 09:00 UTC, Mon–Fri).',
  async run(ctx, args) {
    requireOrganiser(ctx, 'set up this study group');
    const { group, deps } = ctx;
    const settings = parseSetupArgs(args, { timezone: group.timezone, postTime: group.postTime, days: group.days });
    const { next, wasSetUp } = await applySetup(deps.store, group.id, settings, ctx.now);
    const digestDay = DAY_IDS.find((d) => settings.days.includes(d))!;
    const intro = wasSetUp ? `Schedule updated by ${ctx.member.displayName}` : `This channel is now a study group, set up by ${ctx.member.displayName}`;
    return [
      message(
        [
          text(
            `${intro}${group.paused ? ' (and no longer paused)' : ''}. At **${settings.postTime}** (${settings.timezone}), ${describeDays(settings.days)}: ` +
              `the daily drill (a question of the day and a mock-interview prompt) and a reminder of this week’s goals. ` +
              `${DAY_NAME[digestDay]}: the weekly digest too.`,
          ),
          text(`**Next posts**\n${nextPostLines(next, settings.timezone)}`),
          text('_Change it: /study setup time 08:30 tz Europe/Berlin days mon,wed,fri · stop it: /study pause · see it: /study status_'),
        ],
        'Study group schedule',
        'channel',
      ),
    ];
  },
};
