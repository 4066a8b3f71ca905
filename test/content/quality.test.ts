import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { formatContentError, readContent, type ContentError } from '../../src/core/content/loader.js';
import { MAX_SHARE_CORRECT_IS_LONGEST, MAX_SHARE_OF_ONE_ANSWER_POSITION } from '../../src/core/content/quality.js';
import { buildFixture, fixtureData, type FixtureData, type QuestionYaml, removeFixtures, shown } from './fixture.js';

afterAll(removeFixtures);

function check(change: (data: FixtureData) => void) {
  const dir = buildFixture(change);
  return { dir, errors: readContent(dir).errors };
}

const expectError = (errors: ContentError[], file: string, field: string, message: RegExp) =>
  expect(errors).toContainEqual({ file, field, message: expect.stringMatching(message) });

const allQuestions = (d: FixtureData) => Object.values(d.questions).flat();
const setCorrect = (q: QuestionYaml, pos: number) => {
  q.choices = q.choices.map((c, i) => ({ text: c.text, ...(i === pos ? { correct: true } : {}) }));
};
const cicd = (d: FixtureData) => d.questions['cicd.yml']!;

function lesson(id: string, heading: string, body: string): string {
  return `---\nid: ${id}\nkind: mistakes\ntitle: ${id}\norder: 99\nsummary: A fixture lesson.\n---\n## ${heading}\n\n${body}\n`;
}

describe('content quality rules on fixture folders', () => {
  it('accepts the unchanged fixture (the control for every case below)', () => {
    expect(check(() => {}).errors).toEqual([]);
  });

  it('rejects a duplicate question id, naming the file and the id', () => {
    let id = '';
    const { dir, errors } = check((d) => {
      id = cicd(d)[0]!.id;
      cicd(d)[1]!.id = id;
    });
    expectError(errors, shown(dir, 'questions/cicd.yml'), id, /used twice/);
  });

  describe('schema rules, one broken question per file', () => {
    const cases: [string, string, (q: QuestionYaml) => void, string, RegExp][] = [
      ['two correct choices', 'cicd.yml', (q) => (q.choices.find((c) => !c.correct)!.correct = true), '1.choices', /exactly one choice/],
      ['no correct choice', 'serving.yml', (q) => setCorrect(q, -1), '1.choices', /exactly one choice/],
      ['only 2 choices', 'registry.yml', (q) => (q.choices = [q.choices[0]!, { text: 'Other', correct: true }]), '1.choices', /3 to 5 choices/],
      ['a choice over 75 characters', 'security.yml', (q) => (q.choices[2]!.text = 'x'.repeat(76)), '1.choices.2.text', /at most 75/],
    ];
    let result: ReturnType<typeof check> | undefined;
    const broken = () => (result ??= check((d) => cases.forEach(([, file, change]) => change(d.questions[file]![1]!))));

    it.each(cases)('rejects %s, naming the file (%s) and field', (_name, file, _change, field, message) => {
      const { dir, errors } = broken();
      expectError(errors, shown(dir, `questions/${file}`), field, message);
    });
  });

  it('accepts a choice of exactly 75 characters', () => {
    const { errors } = check((d) => (cicd(d)[1]!.choices[2]!.text = 'x'.repeat(75)));
    expect(errors).toEqual([]);
  });

  it('rejects a fit-test option over 75 characters (it is a button label too)', () => {
    const { dir, errors } = check((d) => {
      const fit = parse(readFileSync(resolve('content/fit-test.yml'), 'utf8')) as { questions: { options: { text: string }[] }[] };
      fit.questions[0]!.options[0]!.text = 'y'.repeat(76);
      d.files['fit-test.yml'] = stringify(fit);
    });
    expectError(errors, shown(dir, 'fit-test.yml'), 'questions.0.options.0.text', /at most 75/);
  });

  it('rejects a question or prompt pointing at an unknown lesson', () => {
    let qid = '';
    let pid = '';
    const { dir, errors } = check((d) => {
      qid = cicd(d)[3]!.id;
      cicd(d)[3]!.lesson = 'no-such-lesson';
      const p = d.prompts['fixture.yml']![0]!;
      pid = p.id;
      p.lesson = 'no-such-lesson';
    });
    expectError(errors, shown(dir, 'questions/cicd.yml'), `${qid}.lesson`, /no lesson with id "no-such-lesson"/);
    expectError(errors, shown(dir, 'prompts/fixture.yml'), `${pid}.lesson`, /no lesson with id "no-such-lesson"/);
  });

  it('rejects near-duplicate stems that differ only in case and punctuation', () => {
    let first = '';
    let second = '';
    const { dir, errors } = check((d) => {
      const [a, b] = [cicd(d)[0]!, cicd(d)[5]!];
      [first, second] = [a.id, b.id];
      b.stem = a.stem.toUpperCase().replace('?', '!!').replaceAll(' ', ' -- ');
    });
    expectError(errors, shown(dir, 'questions/cicd.yml'), `${second}.stem`, new RegExp(`near-duplicate of ${first}`));
  });

  it('rejects an explanation that is too short to teach', () => {
    let id = '';
    const { dir, errors } = check((d) => {
      id = cicd(d)[4]!.id;
      cicd(d)[4]!.explanation = 'Because it is right.';
    });
    expectError(errors, shown(dir, 'questions/cicd.yml'), `${id}.explanation`, /at least 60 characters/);
  });

  /** Puts the correct answer first in `first` questions and spreads the rest over positions 2-4. */
  const biasFirst = (first: number) => (d: FixtureData) => allQuestions(d).forEach((q, i) => setCorrect(q, i < first ? 0 : 1 + (i % 3)));

  it(`flags a position holding the answer in more than ${MAX_SHARE_OF_ONE_ANSWER_POSITION * 100}% of questions, not at the limit`, () => {
    const total = allQuestions(fixtureData()).length;
    const atLimit = Math.floor(total * MAX_SHARE_OF_ONE_ANSWER_POSITION);
    expect(check(biasFirst(atLimit)).errors).toEqual([]);
    const { dir, errors } = check(biasFirst(atLimit + 1));
    expectError(errors, shown(dir, 'questions'), 'choice 1', /is the correct answer in \d+% of questions/);
  });

  it('judges answer positions only from 20 questions on', () => {
    const only = (n: number) => (d: FixtureData) => {
      const qs = cicd(d).slice(0, n);
      qs.forEach((q) => setCorrect(q, 0));
      d.questions = { 'cicd.yml': qs };
    };
    const fields = (n: number) => check(only(n)).errors.map((e) => e.field);
    expect(fields(19)).not.toContain('choice 1');
    expect(fields(20)).toContain('choice 1');
  });

  it(`flags the correct choice being the longest in more than ${MAX_SHARE_CORRECT_IS_LONGEST * 100}% of questions`, () => {
    const lengthen = (count: number) => (d: FixtureData) =>
      allQuestions(d)
        .slice(0, count)
        .forEach((q) => q.choices.forEach((c) => c.correct && (c.text += ' now')));
    const total = allQuestions(fixtureData()).length;
    const atLimit = Math.floor(total * MAX_SHARE_CORRECT_IS_LONGEST);
    expect(check(lengthen(atLimit)).errors).toEqual([]);
    const { dir, errors } = check(lengthen(atLimit + 1));
    expectError(errors, shown(dir, 'questions'), 'choices', /correct choice is the longest/);
  });

  it('rejects a lesson section over 2900 characters and accepts one at the limit', () => {
    // The rule counts heading + body + 8 characters of formatting.
    const { dir, errors } = check((d) => {
      d.files['lessons/fixture-fits.md'] = lesson('fixture-fits', 'Fits', 'f'.repeat(2900 - 4 - 8));
      d.files['lessons/fixture-long.md'] = lesson('fixture-long', 'Long', 'l'.repeat(2900 - 4 - 8 + 1));
    });
    expect(errors).toEqual([{ file: shown(dir, 'lessons/fixture-long.md'), field: 'section 1 (Long)', message: expect.stringMatching(/2901 characters/) }]);
  });

  it('reports a missing learning-path stage lesson', () => {
    const stage3 = readContent(resolve('content')).content.lessons!.find((l) => l.kind === 'stage' && l.stage === 3)!;
    const { dir, errors } = check((d) => d.remove.push(join('lessons', basename(stage3.file))));
    expectError(errors, shown(dir, 'lessons'), 'stage 3', /stage lesson is missing/);
  });

  it('accepts a prompt with 4 to 8 rubric points and rejects 3 or 9', () => {
    const sizes = [3, 4, 8, 9];
    const { dir, errors } = check((d) =>
      sizes.forEach((n, i) => (d.prompts['fixture.yml']![i]!.rubric = Array.from({ length: n }, (_, k) => ({ point: `Point ${k}`, keywords: [`word${k}`] })))),
    );
    const file = shown(dir, 'prompts/fixture.yml');
    expectError(errors, file, '0.rubric', /4 to 8 rubric points/);
    expectError(errors, file, '3.rubric', /4 to 8 rubric points/);
    expect(errors.filter((e) => e.field === '1.rubric' || e.field === '2.rubric')).toEqual([]);
  });

  it('names the file that is not valid YAML', () => {
    const { dir, errors } = check((d) => {
      d.files['questions/broken.yml'] = '- id: [unclosed\n  skill: cicd\n';
      d.files['lessons/broken.md'] = '---\nid: [oops\n---\n## Body\n\ntext\n';
    });
    expect(errors.map((e) => e.file)).toEqual(expect.arrayContaining([shown(dir, 'questions/broken.yml'), shown(dir, 'lessons/broken.md')]));
  });

  it('enforces the bank minimums: 20 questions per skill, 60 prompts, 3 prompts per skill', () => {
    const { dir, errors } = check((d) => {
      d.questions['security.yml']!.pop();
      const prompts = d.prompts['fixture.yml']!;
      // Leave "serving" 2 prompts and take one each from three other skills: 59 in all.
      const first = (skill: string) => prompts.find((p) => p.skill === skill)!;
      const drop = new Set([...prompts.filter((p) => p.skill === 'serving').slice(2), first('cicd'), first('kubernetes'), first('security')].map((p) => p.id));
      d.prompts['fixture.yml'] = prompts.filter((p) => !drop.has(p.id));
    });
    expectError(errors, shown(dir, 'questions'), 'security', /^19 questions; .* at least 20/);
    expectError(errors, shown(dir, 'prompts'), '', /^59 prompts; .* at least 60/);
    expectError(errors, shown(dir, 'prompts'), 'serving', /^2 interview prompts; .* at least 3/);
    expect(errors.filter((e) => ['cicd', 'kubernetes'].includes(e.field))).toEqual([]);
  });
});


describe('npm run content:check', () => {
  const run = (dir: string) => spawnSync('npx', ['tsx', 'src/cli/content-check.ts', dir], { encoding: 'utf8' });

  it('exits 0 on the real content and prints its counts', () => {
    const { content } = readContent(resolve('content'));
    const result = run('content');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const line = `content ok: ${content.lessons!.length} lessons, ${content.questions!.length} questions, ${content.prompts!.length} prompts, ${content.skills!.length} skills`;
    expect(result.stdout.trim().split('\n')).toEqual([line]);
  });

  it('exits 1 on a broken folder with one line per error naming file and field', () => {
    let id = '';
    const dir = buildFixture((d) => {
      id = cicd(d)[0]!.id;
      cicd(d)[1]!.id = id;
      d.prompts['fixture.yml']![0]!.rubric.pop();
    });
    const { errors } = readContent(dir);
    const result = run(dir);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([...errors.map(formatContentError), `content has ${errors.length} problems`]);
    expect(lines).toContain(`${shown(dir, 'questions/cicd.yml')}: ${id}: question id used twice`);
    expect(lines.some((l) => l.startsWith(`${shown(dir, 'prompts/fixture.yml')}: 0.rubric: `))).toBe(true);
  });
});
