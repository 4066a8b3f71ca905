import type { Content } from './content/loader.js';
import { normalise } from './content/quality.js';
import type { Skill } from './content/schema.js';
import { UserError } from './types.js';

/** Finds a skill by id, name, or a fuzzy fragment ("k8s", "feature", "ci/cd"). */
export function resolveSkill(content: Content, query: string): Skill {
  const q = normalise(query);
  const aliases: Record<string, string> = { k8s: 'kubernetes', ci: 'cicd', 'ci cd': 'cicd', docker: 'containers', monitoring: 'ml-monitoring', drift: 'ml-monitoring' };
  const byId = content.skills.find((s) => normalise(s.id) === q || s.id === aliases[q]);
  if (byId) return byId;
  const byName = content.skills.filter((s) => normalise(s.name).includes(q) || normalise(s.id).includes(q));
  if (byName.length === 1) return byName[0]!;
  const ids = content.skills.map((s) => s.id).join(', ');
  if (byName.length > 1) {
    throw new UserError('SKILL_AMBIGUOUS', `"${query}" matches several skills (${byName.map((s) => s.id).join(', ')}). Use one of: ${ids}.`);
  }
  throw new UserError('SKILL_UNKNOWN', `There is no skill called "${query}". Use one of: ${ids}.`);
}

export function skillName(content: Content, id: string): string {
  return content.skills.find((s) => s.id === id)?.name ?? id;
}
