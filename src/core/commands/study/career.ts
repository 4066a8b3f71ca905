import { message, text, type Command } from '../../command.js';

export const careerCommand: Command = {
  name: 'career',
  usage: '/study career',
  summary: 'What the role does, expectations by level and salary ranges.',
  async run(ctx) {
    const { track } = ctx.deps.content;
    const levels = track.levels.map((l) => `**${l.name}** · ${l.salary}\n${l.expectations.map((e) => `- ${e}`).join('\n')}`);
    const where = track.whereToWork;
    return [
      message(
        [
          text(track.summary),
          text(`**What you deliver**\n${track.deliverables.map((d) => `- ${d}`).join('\n')}`),
          text(levels.join('\n\n')),
          text(`_${track.salaryCaveat}_`),
          text(`**Where you can work**\n- Industries: ${where.industries.join(', ')}\n- Teams: ${where.teams.join(', ')}\n- ${where.companySizes}`),
          text('More: /lesson career'),
        ],
        `${track.title} · career`,
      ),
    ];
  },
};
