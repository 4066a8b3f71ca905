import { message, text, type Command } from '../../command.js';
import type { Reply } from '../../types.js';

export function helpReply(commands: Command[], subcommands: Command[], note?: string): Reply {
  const top = commands.map((c) => `**${c.usage}**\n${c.summary}`);
  const study = subcommands.map((c) => `**${c.usage}** · ${c.summary}`);
  return message(
    [
      ...(note ? [text(note)] : []),
      text('A study group for the MLOps Engineer track: quizzes, a readiness exam, spaced review, lessons, daily mock interviews, weekly goals and a leaderboard.'),
      text(top.join('\n')),
      text(study.join('\n')),
      text('Every command also works as /study <command>, e.g. /study quiz serving 3.'),
    ],
    'MLOps study bot · help',
  );
}

export function makeHelpCommand(all: () => { commands: Command[]; subcommands: Command[] }): Command {
  return {
    name: 'help',
    usage: '/study help',
    summary: 'What the bot does and every command.',
    async run() {
      const { commands, subcommands } = all();
      return [helpReply(commands, subcommands)];
    },
  };
}
