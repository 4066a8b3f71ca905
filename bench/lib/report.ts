import { readFileSync } from 'node:fs';
import { cpus, release, totalmem, type } from 'node:os';

/** One line of the results: a figure beside its reference from the same run, their ratio, and the goal. */
export interface Row {
  section: string;
  figure: string;
  value: string;
  reference: string;
  ratio: string;
  goal: string;
  /** undefined: no goal for this figure. */
  met?: boolean;
}

export interface Machine {
  cores: string;
  memory: string;
  node: string;
  postgres: string;
  pglite: string;
  os: string;
  date: string;
}

export function machine(postgresVersion: string): Machine {
  const cpu = cpus();
  const pglite = (JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as { version: string }).version;
  return {
    cores: `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    postgres: postgresVersion,
    pglite,
    os: `${type()} ${release()}`,
    date: new Date().toISOString(),
  };
}

export const ms = (n: number) => (n >= 100 ? `${n.toFixed(0)} ms` : n >= 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(2)} ms`);
export const fixed = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const times = (n: number) => (n >= 10 ? `${n.toFixed(0)}×` : `${n.toFixed(2)}×`);
export const verdict = (met: boolean | undefined) => (met === undefined ? '' : met ? 'met' : 'NOT met');

/** The results as a plain-text table for the terminal. */
export function textTable(rows: Row[]): string {
  const header: Row = { section: 'section', figure: 'figure', value: 'value', reference: 'reference (same run)', ratio: 'ratio', goal: 'goal' };
  const cells = (r: Row, isHeader = false) => [r.section, r.figure, r.value, r.reference, r.ratio, r.goal, isHeader ? 'result' : verdict(r.met)];
  const all = [cells(header, true), ...rows.map((r) => cells(r))];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** The results as a Markdown table. */
export function markdownTable(rows: Row[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| section | figure | value | reference (same run) | ratio | goal | result |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${[r.section, r.figure, r.value, r.reference, r.ratio, r.goal, verdict(r.met)].map(esc).join(' | ')} |`),
  ].join('\n');
}
