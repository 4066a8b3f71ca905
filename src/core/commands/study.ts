import { words } from '../args.js';
import type { Command } from '../command.js';
import { careerCommand } from './study/career.js';
import { exportCommand } from './study/export.js';
import { fitCommand } from './study/fit.js';
import { forgetCommand } from './study/forget.js';
import { helpReply, makeHelpCommand } from './study/help.js';
import { pauseCommand } from './study/pause.js';
import { privacyCommand } from './study/privacy.js';
import { questionCommand } from './study/question.js';
import { resumeCommand } from './study/resume.js';
import { setupCommand } from './study/setup.js';
import { statusCommand } from './study/status.js';
import { timezoneCommand } from './study/timezone.js';

/** `/study <subcommand>`; also reaches every top-level command (`/study quiz 3`) for workspaces where `/quiz` is taken. */
export function makeStudyCommand(topLevel: Command[]): { study: Command; subcommands: Command[] } {
  const subcommands: Command[] = [];
  const study: Command = {
    name: 'study',
    usage: '/study <subcommand>',
    summary: 'help, status, setup, pause, resume, question, timezone, privacy, fit, career, export, forget-me; and /study <any command>.',
    async run(ctx, args) {
      const [first, ...rest] = words(args);
      const name = first?.toLowerCase();
      const target = subcommands.find((c) => c.name === name) ?? [...topLevel, study].find((c) => c.name === name);
      if (!target) {
        const note = name ? `I don’t know “/study ${first!.slice(0, 30)}”. Here is what I can do:` : undefined;
        return [helpReply([...topLevel, study], subcommands, note)];
      }
      return target.run(ctx, rest.join(' '));
    },
  };
  // Help lists every command, /study itself included, the same as the help for an unknown command.
  const help = makeHelpCommand(() => ({ commands: [...topLevel, study], subcommands }));
  subcommands.push(help, statusCommand, setupCommand, pauseCommand, resumeCommand, questionCommand, timezoneCommand, privacyCommand, fitCommand, careerCommand, exportCommand, forgetCommand);
  return { study, subcommands };
}
