import { describe, expect, it } from 'vitest';
import { rowCounts } from '../../support/databases.js';
import { useHarness } from '../../support/harness.js';
import { buttonsOf, CHANNEL, textOf } from './slack-driver.js';
import { ADA, useSlackApp } from './use-slack-app.js';

const ANSWER = 'I would roll out behind a canary with a small share of traffic, watch p95 latency, error rate and drift, and roll back automatically when the rollback policy is breached.';

describe('Slack modals: the drill answer and the forget-me confirmation', () => {
  const h = useHarness('pglite');
  const s = useSlackApp(h);

  async function openDrillForm() {
    const drill = await s.driver.commandReply(ADA, '/drill');
    expect(textOf(drill.body)).toContain('Mock interview of the day');
    const click = await s.driver.click(ADA, buttonsOf(drill.body).find((b) => b.text === 'Answer')!);
    expect(click.status).toBe(200);
    const opened = await s.fake.apiCall('views.open');
    return { click, view: opened.args.view as Record<string, any> };
  }

  it('opens the drill answer as a modal with Slack-side length checks', async () => {
    const { view } = await openDrillForm();
    expect(view.callback_id).toBe('study_form');
    expect(view.title.text).toBe('Your answer');
    const input = view.blocks.find((b: any) => b.type === 'input');
    expect(input.element).toMatchObject({ type: 'plain_text_input', action_id: 'answer', multiline: true, min_length: 20, max_length: 3000 });
    expect(JSON.parse(view.private_metadata)).toMatchObject({ f: expect.stringMatching(/^dform:/), c: CHANNEL });
  });

  it('scores a submitted answer and shows the rubric through the click’s response_url', async () => {
    const { click, view } = await openDrillForm();
    const submitted = await s.driver.submit(ADA, view, { answer: ANSWER });
    expect(submitted).toEqual({ status: 200, body: '' });
    const result = await s.fake.responseFor(click.responseId!);
    expect(textOf(result.body)).toMatch(/Rubric coverage: \d+ of \d+/);
    expect((await rowCounts(h.db)).interview_answers).toBe(1);
    expect(s.invocations.at(-1)).toMatchObject({ kind: 'submit', formId: JSON.parse(view.private_metadata).f, fields: { answer: ANSWER }, channelId: CHANNEL });
  });

  it('keeps the modal open with a message when the trimmed answer is too short, recording nothing', async () => {
    const { view } = await openDrillForm();
    const submitted = await s.driver.submit(ADA, view, { answer: `   ${'x'.repeat(10)}            ` });
    expect(submitted.status).toBe(200);
    expect(JSON.parse(submitted.body)).toEqual({ response_action: 'errors', errors: { answer: 'Write at least 20 characters (you have 10).' } });
    expect((await rowCounts(h.db)).interview_answers).toBe(0);
    expect(s.invocations.filter((i) => i.kind === 'submit')).toEqual([]);
  });

  it('counts a double submission once', async () => {
    const { click, view } = await openDrillForm();
    await s.driver.submit(ADA, view, { answer: ANSWER });
    await s.driver.submit(ADA, view, { answer: ANSWER });
    const [first, second] = [await s.fake.nthResponse(click.responseId!, 1), await s.fake.nthResponse(click.responseId!, 2)];
    expect(textOf(second.body)).toBe(textOf(first.body));
    expect((await rowCounts(h.db)).interview_answers).toBe(1);
  });

  it('says so when the modal cannot open in time (expired trigger)', async () => {
    s.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const { click } = await openDrillForm();
    const notice = await s.fake.responseFor(click.responseId!);
    expect(textOf(notice.body)).toContain('could not open');
  });

  it('deletes data only after DELETE is typed in the forget-me modal', async () => {
    await s.driver.commandReply(ADA, '/goal', 'set Finish the serving lesson');
    const sent = await s.driver.command(ADA, '/study', 'forget-me');
    const view = (await s.fake.apiCall('views.open')).args.view;
    expect(view.title.text).toBe('Delete my data');
    expect(view.submit.text).toBe('Delete');

    await s.driver.submit(ADA, view, { confirm: 'yes' });
    expect(textOf((await s.fake.nthResponse(sent.responseId!, 1)).body)).toContain('Nothing was deleted');
    expect((await rowCounts(h.db)).weekly_goals).toBe(1);

    await s.driver.submit(ADA, view, { confirm: 'delete' });
    expect(textOf((await s.fake.nthResponse(sent.responseId!, 2)).body)).toContain('All your data is deleted');
    expect((await rowCounts(h.db)).weekly_goals).toBe(0);
  });
});
