import { oneOf, words } from '../../args.js';
import { message, text, type Command } from '../../command.js';
import { UserError } from '../../types.js';

export const privacyCommand: Command = {
  name: 'privacy',
  usage: '/study privacy on|off',
  summary: 'On: hide yourself from leaderboards. Off: show yourself.',
  async run(ctx, args) {
    const [value] = words(args);
    if (!value) {
      throw new UserError('PRIVACY_VALUE', `Privacy is ${ctx.member.hidden ? 'on (hidden)' : 'off (shown)'}. Use /study privacy on to hide, /study privacy off to show.`);
    }
    const hidden = oneOf(value, ['on', 'off'] as const, 'PRIVACY_VALUE', 'Privacy') === 'on';
    await ctx.deps.store.setMemberHidden(ctx.member.id, hidden);
    return [message([text(hidden ? 'Privacy on: you no longer appear on leaderboards. Your points still count for you.' : 'Privacy off: you appear on leaderboards again.')])];
  },
};
