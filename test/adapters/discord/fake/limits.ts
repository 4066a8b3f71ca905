/**
 * What Discord refuses with 50035 Invalid Form Body, for the bodies this bot sends: messages
 * (embeds, buttons), modals, autocomplete choices and application commands. Each function
 * returns the problems found; an empty list means Discord would accept it.
 */

type Json = Record<string, any>;

const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);
const between = (v: unknown, min: number, max: number) => typeof v === 'string' && v.length >= min && v.length <= max;
/** Discord trims before checking that a text is not empty. */
const filled = (v: unknown, max: number) => between(v, 1, max) && (v as string).trim().length > 0;

function embedProblems(embed: Json, i: number): string[] {
  const p: string[] = [];
  if (len(embed.title) > 256) p.push(`embeds[${i}].title over 256`);
  if (len(embed.description) > 4096) p.push(`embeds[${i}].description over 4096`);
  const fields: Json[] = embed.fields ?? [];
  if (fields.length > 25) p.push(`embeds[${i}].fields over 25`);
  fields.forEach((f, j) => {
    if (!filled(f.name, 256)) p.push(`embeds[${i}].fields[${j}].name must be 1-256, not blank`);
    if (!filled(f.value, 1024)) p.push(`embeds[${i}].fields[${j}].value must be 1-1024, not blank`);
  });
  if (embed.description !== undefined && !filled(embed.description, 4096)) p.push(`embeds[${i}].description is blank`);
  if (embed.title !== undefined && !filled(embed.title, 256)) p.push(`embeds[${i}].title is blank`);
  if (!embed.title && !embed.description && fields.length === 0) p.push(`embeds[${i}] is empty`);
  return p;
}

const embedChars = (e: Json) => len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name) + (e.fields ?? []).reduce((n: number, f: Json) => n + len(f.name) + len(f.value), 0);

export function messageProblems(body: Json, { partial = false } = {}): string[] {
  const p: string[] = [];
  if (len(body.content) > 2000) p.push('content over 2000');
  const embeds: Json[] = body.embeds ?? [];
  if (embeds.length > 10) p.push('embeds over 10');
  embeds.forEach((e, i) => p.push(...embedProblems(e, i)));
  if (embeds.reduce((n, e) => n + embedChars(e), 0) > 6000) p.push('embeds over 6000 characters in total');
  const rows: Json[] = body.components ?? [];
  if (rows.length > 5) p.push('components over 5 action rows');
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    if (row.type !== 1) p.push(`components[${r}] is not an action row`);
    const buttons: Json[] = row.components ?? [];
    if (buttons.length < 1 || buttons.length > 5) p.push(`components[${r}] must hold 1-5 buttons`);
    buttons.forEach((b, i) => {
      if (b.type !== 2) p.push(`components[${r}][${i}] is not a button`);
      if (!between(b.custom_id, 1, 100)) p.push(`components[${r}][${i}].custom_id must be 1-100`);
      if (ids.has(b.custom_id)) p.push(`components[${r}][${i}].custom_id is not unique`);
      ids.add(b.custom_id);
      if (!filled(b.label, 80)) p.push(`components[${r}][${i}].label must be 1-80, not blank`);
      if (![1, 2, 3, 4].includes(b.style)) p.push(`components[${r}][${i}].style invalid`);
    });
  });
  if ((Number(body.flags ?? 0) & ~(64 | 4)) !== 0) p.push('flags may only be EPHEMERAL or SUPPRESS_EMBEDS');
  if (!partial && !body.content && embeds.length === 0 && rows.length === 0) p.push('Cannot send an empty message');
  if (body.nonce !== undefined && !between(String(body.nonce), 1, 25)) p.push('nonce must be 1-25 characters');
  return p;
}

export function modalProblems(data: Json): string[] {
  const p: string[] = [];
  if (!between(data.custom_id, 1, 100)) p.push('custom_id must be 1-100');
  if (!between(data.title, 1, 45)) p.push('title must be 1-45');
  const components: Json[] = data.components ?? [];
  if (components.length < 1 || components.length > 5) p.push('a modal holds 1-5 components');
  components.forEach((c, i) => {
    if (c.type === 10) {
      if (!between(c.content, 1, 4000)) p.push(`components[${i}].content must be 1-4000`);
      return;
    }
    if (c.type !== 18) return void p.push(`components[${i}] must be a text display or a label`);
    if (!between(c.label, 1, 45)) p.push(`components[${i}].label must be 1-45`);
    if (len(c.description) > 100) p.push(`components[${i}].description over 100`);
    const input: Json = c.component ?? {};
    if (input.type !== 4) return void p.push(`components[${i}].component must be a text input`);
    if (!between(input.custom_id, 1, 100)) p.push(`components[${i}].component.custom_id must be 1-100`);
    if (![1, 2].includes(input.style)) p.push(`components[${i}].component.style must be 1 or 2`);
    if (input.label !== undefined) p.push(`components[${i}].component.label is not allowed inside a label`);
    const min = input.min_length ?? 0;
    const max = input.max_length ?? 4000;
    if (min < 0 || min > 4000 || max < 1 || max > 4000 || min > max) p.push(`components[${i}].component min/max length invalid`);
    if (len(input.placeholder) > 100) p.push(`components[${i}].component.placeholder over 100`);
  });
  return p;
}

export function choicesProblems(data: Json): string[] {
  const choices: Json[] = data.choices ?? [];
  const p = choices.length > 25 ? ['choices over 25'] : [];
  choices.forEach((c, i) => {
    if (!between(c.name, 1, 100)) p.push(`choices[${i}].name must be 1-100`);
  });
  return p;
}

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

function optionProblems(o: Json, where: string): string[] {
  const p: string[] = [];
  if (!NAME.test(o.name ?? '') || o.name !== o.name.toLowerCase()) p.push(`${where}.name invalid`);
  if (!between(o.description, 1, 100)) p.push(`${where}.description must be 1-100`);
  if ((o.choices ?? []).length > 25) p.push(`${where}.choices over 25`);
  if (o.choices && o.autocomplete) p.push(`${where} cannot have both choices and autocomplete`);
  (o.choices ?? []).forEach((c: Json, i: number) => {
    if (!between(c.name, 1, 100)) p.push(`${where}.choices[${i}].name must be 1-100`);
  });
  const nested: Json[] = o.options ?? [];
  if (nested.length > 25) p.push(`${where}.options over 25`);
  let optionalSeen = false;
  nested.forEach((n, i) => {
    if (n.required && optionalSeen) p.push(`${where}.options[${i}]: required options must come first`);
    if (!n.required) optionalSeen = true;
    p.push(...optionProblems(n, `${where}.options[${i}]`));
  });
  return p;
}

export function commandsProblems(body: unknown): string[] {
  if (!Array.isArray(body)) return ['body must be an array'];
  const p: string[] = [];
  if (body.length > 100) p.push('over 100 commands');
  const names = new Set<string>();
  body.forEach((c: Json, i) => {
    if (names.has(c.name)) p.push(`[${i}] duplicate name ${c.name}`);
    names.add(c.name);
    p.push(...optionProblems({ ...c, options: c.options }, `[${i}]`));
    const subs = (c.options ?? []).filter((o: Json) => o.type === 1 || o.type === 2);
    if (subs.length > 0 && subs.length !== (c.options ?? []).length) p.push(`[${i}] mixes subcommands with options`);
    if (c.default_member_permissions !== null && c.default_member_permissions !== undefined && !/^\d+$/.test(c.default_member_permissions)) {
      p.push(`[${i}].default_member_permissions must be a permission bit string`);
    }
  });
  return p;
}
