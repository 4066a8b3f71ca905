/**
 * The Block Kit limits Slack enforces (docs.slack.dev/reference/block-kit), checked by the fake
 * the way Slack answers: `invalid_blocks` with the reasons.
 */
type Json = Record<string, any>;

const plain = (o: Json | undefined, max: number, where: string, errors: string[]) => {
  if (!o) return;
  if (o.type !== 'plain_text') errors.push(`${where}: must be plain_text`);
  if (typeof o.text !== 'string' || o.text.length === 0 || [...o.text].length > max) errors.push(`${where}: text must be 1-${max} characters`);
};

function checkBlock(b: Json, i: number, errors: string[], actionIds: Set<string>): void {
  const where = `blocks[${i}]`;
  switch (b.type) {
    case 'header':
      plain(b.text, 150, `${where}.text`, errors);
      break;
    case 'section':
      if (!b.text && !b.fields) errors.push(`${where}: section needs text or fields`);
      if (b.text && (b.text.text.length === 0 || b.text.text.length > 3000)) errors.push(`${where}.text: 1-3000 characters`);
      if (b.fields && (b.fields.length > 10 || b.fields.some((f: Json) => f.text.length > 2000))) errors.push(`${where}.fields: at most 10, each at most 2000 characters`);
      break;
    case 'actions':
      if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) errors.push(`${where}.elements: 1-25`);
      for (const e of b.elements ?? []) {
        if (e.type === 'button') {
          plain(e.text, 75, `${where}.button.text`, errors);
          if (e.value !== undefined && e.value.length > 2000) errors.push(`${where}.button.value: at most 2000 characters`);
        }
        if (typeof e.action_id !== 'string' || e.action_id.length > 255) errors.push(`${where}: action_id at most 255 characters`);
        else if (actionIds.has(e.action_id)) errors.push(`${where}: duplicate action_id ${e.action_id}`);
        else actionIds.add(e.action_id);
      }
      break;
    case 'input':
      plain(b.label, 2000, `${where}.label`, errors);
      if (b.element?.type === 'plain_text_input' && ((b.element.max_length ?? 0) > 3000 || (b.element.min_length ?? 0) > 3000)) errors.push(`${where}: input lengths at most 3000`);
      break;
    case 'divider':
    case 'context':
      break;
    default:
      errors.push(`${where}: unexpected block type ${b.type}`);
  }
}

export function blockErrors(blocks: unknown, maxBlocks: number): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  const errors: string[] = [];
  if (blocks.length > maxBlocks) errors.push(`no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  const actionIds = new Set<string>();
  blocks.forEach((b, i) => checkBlock(b as Json, i, errors, actionIds));
  return errors;
}

export function viewErrors(view: Json): string[] {
  const errors = blockErrors(view.blocks, 100);
  if (view.type === 'modal') {
    plain(view.title, 24, 'view.title', errors);
    plain(view.submit, 24, 'view.submit', errors);
    plain(view.close, 24, 'view.close', errors);
  }
  if ((view.private_metadata ?? '').length > 3000) errors.push('view.private_metadata: at most 3000 characters');
  if ((view.callback_id ?? '').length > 255) errors.push('view.callback_id: at most 255 characters');
  return errors;
}
