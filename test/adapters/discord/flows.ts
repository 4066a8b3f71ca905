import { expect } from 'vitest';
import { promptById } from '../../../src/core/content/index.js';
import type { Question } from '../../../src/core/content/schema.js';
import { EXAM_QUESTIONS_PER_SKILL } from '../../../src/core/scoring.js';
import { realContent } from '../../support/harness.js';
import type { FakeMessage } from './fake/state.js';
import { fakeUser, type FakeUser } from './fake/users.js';
import { buttonsOf, lastWithButtons, textOfAnswer, textOfMessage, type Answer, type Rig, type Transport } from './rig.js';

/** The whole user journeys, driven through the fake Discord client on one transport. */

const EPHEMERAL = 64;

function questionOn(message: FakeMessage): Question {
  const description: string = message.body.embeds?.[0]?.description ?? '';
  const q = realContent().questions.find((x) => description.includes(x.stem));
  if (!q) throw new Error(`no question matches: ${description.slice(0, 120)}`);
  return q;
}

/** Clicks the right (or a wrong) choice on the question message; returns the answer to the click. */
async function answer(rig: Rig, user: FakeUser, message: FakeMessage, correct: boolean, transport: Transport): Promise<Answer> {
  const q = questionOn(message);
  const choices = buttonsOf(message);
  if (q.choices.some((c) => c.length > 40)) {
    // Long choices are listed in full in the message, above buttons numbered 1…n.
    expect(choices.map((c) => c.label)).toEqual(q.choices.map((_, i) => String(i + 1)));
    for (const [i, c] of q.choices.entries()) expect(textOfMessage(message)).toContain(`**${i + 1}.** ${c}`);
  } else {
    expect(choices.map((c) => c.label)).toEqual(q.choices);
  }
  const pick = correct ? q.answer : (q.answer + 1) % q.choices.length;
  return rig.click(user, message, choices[pick]!.customId, transport);
}

/** Plays a quiz of `pattern.length` questions, right or wrong as given; returns the last answer and the points shown. */
export async function playQuiz(rig: Rig, user: FakeUser, pattern: boolean[], transport: Transport, skill = 'serving'): Promise<{ last: Answer; points: number }> {
  let reply = await rig.slash(user, `/quiz skill:${skill} count:${pattern.length}`, transport);
  expect(reply.response.type).toBe(4);
  expect(reply.response.data.flags).toBe(EPHEMERAL);
  let points = 0;
  for (const [i, correct] of pattern.entries()) {
    const question = lastWithButtons(reply)!;
    expect(textOfMessage(question)).toContain(`Quiz · question ${i + 1} of ${pattern.length}`);
    reply = await answer(rig, user, question, correct, transport);
    const feedback = textOfMessage(reply.messages[0]!);
    expect(feedback).toContain(correct ? 'Correct' : 'Not quite');
    points += Number(/\+(\d+) points/.exec(feedback)?.[1] ?? 0);
  }
  return { last: reply, points };
}

export async function quizJourney(rig: Rig, transport: Transport): Promise<void> {
  const ada = fakeUser('Ada');
  const { last } = await playQuiz(rig, ada, [true, false, true], transport);
  const summary = textOfAnswer(last);
  expect(summary).toContain('Quiz finished');
  expect(summary).toContain('2 of 3 correct');
  expect(last.messages.every((m) => m.ephemeral)).toBe(true);
}

export async function examJourney(rig: Rig, transport: Transport): Promise<void> {
  const bo = fakeUser('Bo');
  const overview = await rig.slash(bo, '/exam', transport);
  const start = buttonsOf(overview.messages[0]!).find((b) => b.label === 'Start the exam')!;
  let reply = await rig.click(bo, overview.messages[0]!, start.customId, transport);
  expect(textOfAnswer(reply)).toContain('Readiness exam');
  const total = realContent().skills.length * EXAM_QUESTIONS_PER_SKILL;
  for (let i = 0; i < total; i++) {
    const question = lastWithButtons(reply)!;
    expect(textOfMessage(question)).toContain(`Exam · question ${i + 1} of ${total}`);
    // Every third answer wrong: 26 of 39 right is 66.7%, below the pass mark of 70%.
    reply = await answer(rig, bo, question, i % 3 !== 0, transport);
    expect(textOfMessage(reply.messages[0]!)).toContain(`Answer`);
  }
  const result = textOfAnswer(reply);
  expect(result).toContain('Exam result');
  expect(result).toContain('66.7% · not passed');
  // The per-skill bars arrive as a text chart in a code block.
  const description = reply.messages.flatMap((m) => m.body.embeds ?? []).map((e: { description?: string }) => e.description ?? '').join('\n');
  expect(description).toMatch(/\*\*Score per skill\*\*\n```\n.*[█░]+ \d\/3/);
  expect(result).toContain('Readiness by level');
}

export async function drillJourney(rig: Rig, transport: Transport): Promise<void> {
  const cy = fakeUser('Cy');
  const drill = await rig.slash(cy, '/drill', transport);
  const message = drill.messages[0]!;
  const answerButton = buttonsOf(message).find((b) => b.label === 'Answer')!;
  const opened = await rig.click(cy, message, answerButton.customId, transport);
  expect(opened.response.type).toBe(9);
  const modal = opened.response.data;
  expect(modal.custom_id).toMatch(/^dform:/);
  const prompt = promptById(realContent(), modal.custom_id.split(':')[1])!;
  expect(modal.components[0]).toEqual({ type: 10, content: prompt.prompt });
  expect(modal.components[1].component).toMatchObject({ type: 4, custom_id: 'answer', style: 2, min_length: 20, max_length: 3000, required: true });
  const keywords = prompt.rubric.slice(0, 2).map((r) => r.keywords[0]);
  const text = `My answer starts with the problem. I would cover ${keywords.join(' and ')} in depth, with metrics.`;
  const result = await rig.submit(cy, modal, { answer: text }, transport, message);
  expect(result.response.type).toBe(4);
  const shown = textOfAnswer(result);
  expect(shown).toMatch(new RegExp(`Rubric coverage: \\d+ of ${prompt.rubric.length}`));
  expect(shown).toContain('Model outline');
  // Opening the form again shows the kept result instead of a second modal.
  const again = await rig.click(cy, message, answerButton.customId, transport);
  expect(again.response.type).toBe(4);
  expect(textOfAnswer(again)).toContain('Rubric coverage');
}

export async function goalsJourney(rig: Rig, transport: Transport): Promise<void> {
  const di = fakeUser('Di');
  expect(textOfAnswer(await rig.slash(di, '/goal set text:Finish the serving lesson', transport))).toContain('Goal added.');
  expect(textOfAnswer(await rig.slash(di, '/goal set text:Run a canary rollout at home', transport))).toContain('⬜ 2. Run a canary rollout at home');
  expect(textOfAnswer(await rig.slash(di, '/goal done number:2', transport))).toContain('✅ Done: Run a canary rollout at home');
  const list = textOfAnswer(await rig.slash(di, '/goal list', transport));
  expect(list).toContain('1 of 2 done');
  expect(list).toContain('✅ 2. Run a canary rollout at home');
  expect(textOfAnswer(await rig.slash(di, '/goal clear', transport))).toContain('Cleared 2 goals');
  await rig.slash(di, '/goal set text:Read the monitoring lesson', transport);
  // A user error comes back as a red, ephemeral message with its code.
  const wrong = await rig.slash(di, '/goal done number:5', transport);
  expect(textOfAnswer(wrong)).toContain('(GOAL_NUMBER)');
  expect(wrong.messages[0]!.body.embeds[0].color).toBe(0xed4245);
  expect(wrong.messages[0]!.ephemeral).toBe(true);
}

export async function leaderboardJourney(rig: Rig, transport: Transport): Promise<void> {
  const players = [
    { user: fakeUser('Ben'), pattern: [true, false, false] },
    { user: fakeUser('Ann'), pattern: [true, true, true] },
    { user: fakeUser('Cat'), pattern: [true, true, false] },
  ];
  const scored: { name: string; points: number; order: number }[] = [];
  for (const [order, p] of players.entries()) {
    const { points } = await playQuiz(rig, p.user, p.pattern, transport, 'kubernetes');
    scored.push({ name: p.user.name, points, order });
  }
  // The ranking rule: more points first; a tie goes to whoever got there first.
  const expected = scored.sort((a, b) => b.points - a.points || a.order - b.order).map((s, i) => `${['🥇', '🥈', '🥉'][i]} ${s.name} · **${s.points}** pts`);
  const board = await rig.slash(players[2]!.user, '/leaderboard', transport);
  expect(board.messages[0]!.body.embeds[0].description).toBe(expected.join('\n'));
  const allTime = await rig.slash(players[0]!.user, '/leaderboard period:all', transport);
  expect(textOfAnswer(allTime)).toContain('Leaderboard · all time');
  expect(textOfAnswer(allTime)).toContain(expected[0]);
}
