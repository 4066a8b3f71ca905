import { expect } from 'vitest';
import { questionById } from '../../src/core/content/index.js';
import { createScheduler } from '../../src/scheduler/scheduler.js';
import type { FakeUser, ResponseUrlPost } from '../adapters/slack/fake-slack.js';
import { buttonsOf, CHANNEL, textOf, type ButtonRef } from '../adapters/slack/slack-driver.js';
import { GRACE, type SlackApp } from '../adapters/slack/use-slack-app.js';
import { recordingLogger } from '../scheduler/kit.js';
import { seeded, type Harness } from '../support/harness.js';

/** Members studying through the fake Slack: the steps the privacy tests build their data with. */

/** The button that answers the question on `reply` right (or wrong), read from the session in the store. */
async function choice(h: Harness, reply: ResponseUrlPost, correct: boolean): Promise<ButtonRef> {
  const buttons = buttonsOf(reply.body);
  const [, sessionId, index] = buttons[0]!.value.split(':');
  const q = questionById(h.content, (await h.store.getSession(sessionId!))!.questionIds[Number(index)]!)!;
  return buttons.find((b) => b.value.endsWith(`:${q.answer}`) === correct)!;
}

/** Plays `/quiz n` to the end, answering the first `right` questions correctly. */
export async function playQuiz(h: Harness, s: SlackApp, user: FakeUser, count: number, right = count): Promise<void> {
  let reply = await s.driver.commandReply(user, '/quiz', String(count));
  for (let i = 0; i < count; i++) reply = await s.driver.clickReply(user, await choice(h, reply, i < right));
  expect(textOf(reply.body)).toContain('Quiz finished');
}

/** Plays the whole readiness exam (39 questions), every other answer right. */
export async function playExam(h: Harness, s: SlackApp, user: FakeUser): Promise<void> {
  const overview = await s.driver.commandReply(user, '/exam');
  let reply = await s.driver.clickReply(user, buttonsOf(overview.body).find((b) => b.text === 'Start the exam')!);
  for (let i = 0; !textOf(reply.body).includes('Exam result'); i++) reply = await s.driver.clickReply(user, await choice(h, reply, i % 2 === 0));
}

/** Marks the next lesson of the path done with its button. */
export async function markLessonDone(s: SlackApp, user: FakeUser): Promise<void> {
  const lesson = await s.driver.commandReply(user, '/lesson', 'next');
  const done = await s.driver.clickReply(user, buttonsOf(lesson.body).find((b) => b.value.startsWith('ldone:'))!);
  expect(textOf(done.body)).toContain('marked done');
}

/** Answers today's mock-interview prompt through its modal. */
export async function answerDrill(s: SlackApp, user: FakeUser, answer: string): Promise<void> {
  const drill = await s.driver.commandReply(user, '/drill');
  const before = s.fake.calls.length;
  const click = await s.driver.click(user, buttonsOf(drill.body).find((b) => b.text === 'Answer')!);
  const opened = await s.fake.waitFor(() => s.fake.calls.slice(before).find((c) => c.method === 'views.open'), 'the drill form');
  await s.driver.submit(user, opened.args.view, { answer });
  expect(textOf((await s.fake.responseFor(click.responseId!)).body)).toMatch(/Rubric coverage/);
}

/** Answers the question of the day on the latest drill post in the channel, right or wrong. */
export async function answerDailyQuestion(h: Harness, s: SlackApp, user: FakeUser, correct: boolean): Promise<string> {
  const drill = [...s.fake.messagesIn(CHANNEL)].reverse().find((m) => buttonsOf(m).some((b) => b.value.startsWith('dq:')))!;
  const buttons = buttonsOf(drill).filter((b) => b.value.startsWith('dq:'));
  const q = questionById(h.content, buttons[0]!.value.split(':')[2]!)!;
  const reply = await s.driver.clickReply(user, buttons.find((b) => b.value.endsWith(`:${q.answer}`) === correct)!);
  return textOf(reply.body);
}

/** GRACE (a workspace admin) makes the channel a study group posting at 09:00 UTC, Monday to Friday. */
export async function setUpGroup(s: SlackApp): Promise<void> {
  await s.driver.command(GRACE, '/study', 'setup time 09:00 tz UTC days mon-fri');
  await s.fake.apiCall('chat.postMessage', (c) => textOf(c.args).includes('study group'));
}

/** The real scheduler posting the group's drills, reminders and digests through the Slack adapter. */
export function slackScheduler(h: Harness, s: SlackApp) {
  return createScheduler({ store: h.store, content: h.content, clock: h.clock, random: seeded(5), logger: recordingLogger(), posters: { slack: s.adapter.poster } });
}
