import { message, text, type Command } from '../../command.js';

export const exportCommand: Command = {
  name: 'export',
  usage: '/study export',
  summary: 'Your own data, as JSON.',
  async run(ctx) {
    const data = await ctx.deps.store.exportMember(ctx.member.id);
    return [
      message(
        [text('Everything the bot stores about you. Only you can see this.'), { type: 'code', text: JSON.stringify(data, null, 2) }],
        'Your data',
      ),
    ];
  },
};
