import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import type { FormReply } from '../../core/types.js';

/** Discord's modal limits (components reference: modal, label, text display, text input). */
export const MODAL_LIMITS = { customId: 100, title: 45, components: 5, label: 45, placeholder: 100, text: 4000 } as const;

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Whether Discord can show this form as a modal at all. */
export const fitsModal = (form: FormReply) => form.formId.length > 0 && form.formId.length <= MODAL_LIMITS.customId && form.fields.length > 0;

/**
 * A FormReply as a modal: the intro as a text display, each field as a labelled text input
 * (paragraph when multiline). The submit button's caption is Discord's own.
 */
export function renderModal(form: FormReply): APIModalInteractionResponseCallbackData {
  const intro = form.intro ? [{ type: ComponentType.TextDisplay as const, content: clip(form.intro, MODAL_LIMITS.text) }] : [];
  const fields = form.fields.slice(0, MODAL_LIMITS.components - intro.length).map((f) => {
    const max = Math.min(Math.max(f.maxLength, 1), MODAL_LIMITS.text);
    const min = Math.min(Math.max(f.minLength, 0), max);
    return {
      type: ComponentType.Label as const,
      label: clip(f.label, MODAL_LIMITS.label),
      component: {
        type: ComponentType.TextInput as const,
        custom_id: f.id,
        style: f.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
        min_length: min,
        max_length: max,
        required: min > 0,
        ...(f.placeholder ? { placeholder: clip(f.placeholder, MODAL_LIMITS.placeholder) } : {}),
      },
    };
  });
  return { custom_id: form.formId, title: clip(form.title, MODAL_LIMITS.title), components: [...intro, ...fields] };
}
