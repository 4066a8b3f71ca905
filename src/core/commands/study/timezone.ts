import { words } from '../../args.js';
import { message, text, type Command } from '../../command.js';
import { isValidTimezone } from '../../time.js';
import { UserError } from '../../types.js';

export const timezoneCommand: Command = {
  name: 'timezone',
  usage: '/study timezone <Area/City>',
  summary: 'Your own time zone: when your day ends for streaks and goals.',
  async run(ctx, args) {
    const [zone] = words(args);
    if (!zone) {
      const current = ctx.member.timezone ?? `${ctx.group.timezone} (the group’s)`;
      return [message([text(`Your time zone: **${current}**. Change it with /study timezone Europe/Berlin.`)])];
    }
    if (!isValidTimezone(zone)) {
      throw new UserError('TIMEZONE_INVALID', `"${zone.slice(0, 40)}" is not a time zone I know. Use an IANA name such as Europe/Berlin, America/New_York, Asia/Kolkata or UTC.`);
    }
    await ctx.deps.store.setMemberTimezone(ctx.member.id, zone);
    return [message([text(`Time zone set to **${zone}**. Your days, streaks and weekly goals follow it from now on.`)])];
  },
};
