import type { types, ViewOutput } from '@slack/bolt';
import type { FormReply } from '../../core/types.js';
import { SLACK_LIMITS } from './blocks.js';
import { splitText, toMrkdwn, truncate } from './mrkdwn.js';

/** callback_id of every modal the adapter opens; the core's form id travels in private_metadata. */
export const FORM_CALLBACK_ID = 'study_form';

const MODAL_TEXT = 24;
const INPUT_MAX = 3000;
const PLACEHOLDER_MAX = 150;
const METADATA_MAX = 3000;

/** Where a submitted form came from, so its result can be answered in the same channel. */
export interface FormOrigin {
  formId: string;
  channelId: string;
  /** The response_url of the command or click that opened the form (valid 30 minutes). */
  responseUrl?: string;
}

export function encodeOrigin(origin: FormOrigin): string {
  const full = JSON.stringify({ f: origin.formId, c: origin.channelId, r: origin.responseUrl });
  return full.length <= METADATA_MAX ? full : JSON.stringify({ f: origin.formId, c: origin.channelId });
}

export function decodeOrigin(metadata: string): FormOrigin | undefined {
  try {
    const raw = JSON.parse(metadata) as { f?: unknown; c?: unknown; r?: unknown };
    if (typeof raw.f !== 'string' || typeof raw.c !== 'string') return undefined;
    return { formId: raw.f, channelId: raw.c, ...(typeof raw.r === 'string' ? { responseUrl: raw.r } : {}) };
  } catch {
    return undefined;
  }
}

/** A FormReply as a modal: the intro as text, one plain-text input per field with Slack-side length checks. */
export function formView(form: FormReply, origin: FormOrigin): types.ModalView {
  const intro: types.KnownBlock[] = form.intro ? splitText(toMrkdwn(form.intro), SLACK_LIMITS.sectionText).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } })) : [];
  const inputs: types.InputBlock[] = form.fields.map((f) => ({
    type: 'input',
    block_id: f.id,
    optional: f.minLength === 0,
    label: { type: 'plain_text', text: truncate(f.label, 2000) },
    element: {
      type: 'plain_text_input',
      action_id: f.id,
      multiline: f.multiline,
      ...(f.minLength > 0 ? { min_length: Math.min(f.minLength, INPUT_MAX) } : {}),
      max_length: Math.min(f.maxLength, INPUT_MAX),
      ...(f.placeholder ? { placeholder: { type: 'plain_text', text: truncate(f.placeholder, PLACEHOLDER_MAX) } } : {}),
    },
  }));
  return {
    type: 'modal',
    callback_id: FORM_CALLBACK_ID,
    private_metadata: encodeOrigin({ ...origin, formId: form.formId }),
    title: { type: 'plain_text', text: truncate(form.title, MODAL_TEXT) },
    submit: { type: 'plain_text', text: truncate(form.submitLabel, MODAL_TEXT) },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [...intro, ...inputs].slice(0, SLACK_LIMITS.blocksPerView),
  };
}

export interface Submission {
  fields: Record<string, string>;
  /** block_id → message, for `response_action: 'errors'`; empty when the values are acceptable. */
  errors: Record<string, string>;
}

/**
 * The values of a submitted modal, checked against the lengths the modal itself declared (after
 * trimming, which Slack does not do), so a too-short answer keeps the modal open with the text in it.
 */
export function readSubmission(view: ViewOutput): Submission {
  const fields: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const block of view.blocks as types.KnownBlock[]) {
    if (block.type !== 'input' || !block.block_id || block.element.type !== 'plain_text_input') continue;
    const actionId = block.element.action_id ?? block.block_id;
    const value = (view.state.values[block.block_id]?.[actionId]?.value ?? '').trim();
    fields[block.block_id] = value;
    const min = block.element.min_length ?? 0;
    const max = block.element.max_length ?? INPUT_MAX;
    if (value.length < min) errors[block.block_id] = `Write at least ${min} characters (you have ${value.length}).`;
    else if (value.length > max) errors[block.block_id] = `Keep it to ${max} characters (you have ${value.length}).`;
  }
  return { fields, errors };
}
