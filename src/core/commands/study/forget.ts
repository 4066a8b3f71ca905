import { message, text, type Command, type Ctx } from '../../command.js';
import { UserError, type Reply } from '../../types.js';

const FORGET_FORM = 'forget';
const CONFIRM_WORD = 'DELETE';

async function confirm(ctx: Ctx, _parts: string[], fields: Record<string, string>): Promise<Reply[]> {
  if ((fields.confirm ?? '').trim().toUpperCase() !== CONFIRM_WORD) {
    throw new UserError('FORGET_NOT_CONFIRMED', `Nothing was deleted. To delete your data, run /study forget-me again and type ${CONFIRM_WORD}.`);
  }
  await ctx.deps.store.forgetMember(ctx.member.id);
  return [message([text('All your data is deleted: answers, points, streak, goals, lessons, review cards and your profile. Thanks for studying with us.')])];
}

export const forgetCommand: Command = {
  name: 'forget-me',
  usage: '/study forget-me',
  summary: 'Delete all your data (asks for confirmation).',
  async run() {
    return [
      {
        type: 'form',
        formId: FORGET_FORM,
        title: 'Delete my data',
        intro: 'This deletes your answers, points, streak, goals, lessons, review cards and profile in every group of this workspace. It cannot be undone.',
        submitLabel: 'Delete',
        fields: [{ id: 'confirm', label: `Type ${CONFIRM_WORD} to confirm`, multiline: false, minLength: 1, maxLength: 20 }],
      },
    ];
  },
  forms: { [FORGET_FORM]: confirm },
};
