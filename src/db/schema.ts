import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

/** A Slack team, a Discord guild, or the console's local workspace. */
export const workspaces = pgTable(
  'workspaces',
  {
    id: serial('id').primaryKey(),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('workspaces_platform_external').on(t.platform, t.externalId)],
);

/** One channel of a workspace; its schedule is used by the scheduler. */
export const studyGroups = pgTable(
  'study_groups',
  {
    id: serial('id').primaryKey(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id),
    channelId: text('channel_id').notNull(),
    timezone: text('timezone').notNull().default('UTC'),
    postTime: text('post_time').notNull().default('09:00'),
    days: text('days').array().notNull().default(sql`'{mon,tue,wed,thu,fri}'::text[]`),
    paused: boolean('paused').notNull().default(false),
    /** Why the schedule is paused when the bot paused it (the channel is gone or forbids posting); null when an organiser did. */
    pausedReason: text('paused_reason'),
    /** When an organiser ran /study setup; null: the channel gets no scheduled posts. */
    setupAt: tstz('setup_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('study_groups_workspace_channel').on(t.workspaceId, t.channelId)],
);

/** The next slot of each scheduled post kind of a set-up, unpaused group; the scheduler's tick reads the due ones by index. */
export const groupSchedules = pgTable(
  'group_schedules',
  {
    groupId: integer('group_id').notNull().references(() => studyGroups.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    nextRunAt: tstz('next_run_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.kind] }), index('group_schedules_due').on(t.nextRunAt, t.groupId, t.kind)],
);

export const members = pgTable(
  'members',
  {
    id: serial('id').primaryKey(),
    workspaceId: integer('workspace_id').notNull().references(() => workspaces.id),
    userId: text('user_id').notNull(),
    displayName: text('display_name').notNull(),
    timezone: text('timezone'),
    hidden: boolean('hidden').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('members_workspace_user').on(t.workspaceId, t.userId)],
);

/** A quiz, a review round or an exam attempt (kind = 'exam'): the questions asked, in order. */
export const quizSessions = pgTable(
  'quiz_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').notNull().references(() => studyGroups.id),
    kind: text('kind').notNull(),
    questionIds: jsonb('question_ids').$type<string[]>().notNull(),
    status: text('status').notNull().default('open'),
    createdAt: createdAt(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    index('quiz_sessions_member').on(t.memberId),
    uniqueIndex('quiz_sessions_one_open_exam').on(t.memberId).where(sql`kind = 'exam' and status = 'open'`),
  ],
);

/** One answer per (session, question): a retried click or delivery cannot count twice. */
export const answers = pgTable(
  'answers',
  {
    sessionId: uuid('session_id').notNull().references(() => quizSessions.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    skill: text('skill').notNull(),
    choice: smallint('choice').notNull(),
    correct: boolean('correct').notNull(),
    points: integer('points').notNull(),
    answeredAt: tstz('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.questionId] }), index('answers_member_skill').on(t.memberId, t.skill)],
);

export const examAttempts = pgTable(
  'exam_attempts',
  {
    sessionId: uuid('session_id').primaryKey().references(() => quizSessions.id, { onDelete: 'cascade' }),
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    scorePct: doublePrecision('score_pct').notNull(),
    passed: boolean('passed').notNull(),
    bySkill: jsonb('by_skill').$type<{ skill: string; correct: number; total: number }[]>().notNull(),
    finishedAt: tstz('finished_at').notNull(),
  },
  (t) => [index('exam_attempts_member').on(t.memberId)],
);

/** FSRS state per (member, question), field names as in ts-fsrs. */
export const reviewCards = pgTable(
  'review_cards',
  {
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    due: tstz('due').notNull(),
    stability: doublePrecision('stability').notNull(),
    difficulty: doublePrecision('difficulty').notNull(),
    elapsedDays: integer('elapsed_days').notNull(),
    scheduledDays: integer('scheduled_days').notNull(),
    learningSteps: integer('learning_steps').notNull(),
    reps: integer('reps').notNull(),
    lapses: integer('lapses').notNull(),
    state: smallint('state').notNull(),
    lastReview: tstz('last_review'),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.questionId] }), index('review_cards_member_due').on(t.memberId, t.due)],
);

export const lessonProgress = pgTable(
  'lesson_progress',
  {
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    lessonId: text('lesson_id').notNull(),
    doneAt: tstz('done_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.lessonId] })],
);

/** Answers to the scheduled question of the day: one per (member, group, day). */
export const drillAnswers = pgTable(
  'drill_answers',
  {
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').notNull().references(() => studyGroups.id),
    day: date('day').notNull(),
    questionId: text('question_id').notNull(),
    choice: smallint('choice').notNull(),
    correct: boolean('correct').notNull(),
    points: integer('points').notNull(),
    answeredAt: tstz('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.groupId, t.day] })],
);

/** Mock-interview answers, scored against the prompt's rubric: one per (member, group, day, prompt). */
export const interviewAnswers = pgTable(
  'interview_answers',
  {
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').notNull().references(() => studyGroups.id),
    promptId: text('prompt_id').notNull(),
    day: date('day').notNull(),
    text: text('text').notNull(),
    covered: jsonb('covered').$type<number[]>().notNull(),
    scorePct: doublePrecision('score_pct').notNull(),
    points: integer('points').notNull(),
    answeredAt: tstz('answered_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.groupId, t.day, t.promptId] })],
);

/** Weekly goals; `week` is the ISO week (2026-W48) in the member's time zone. */
export const weeklyGoals = pgTable(
  'weekly_goals',
  {
    id: serial('id').primaryKey(),
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    week: text('week').notNull(),
    text: text('text').notNull(),
    doneAt: tstz('done_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('weekly_goals_member_week_text').on(t.memberId, t.week, t.text)],
);

/** Every point earned, once per `sourceKey`; leaderboards sum this ledger. */
export const scoreEvents = pgTable(
  'score_events',
  {
    id: serial('id').primaryKey(),
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    groupId: integer('group_id').notNull().references(() => studyGroups.id),
    source: text('source').notNull(),
    sourceKey: text('source_key').notNull(),
    points: integer('points').notNull(),
    at: tstz('at').notNull(),
  },
  (t) => [uniqueIndex('score_events_source_key').on(t.sourceKey), index('score_events_group_at').on(t.groupId, t.at)],
);

/**
 * Leaderboard periods of a group whose totals in score_totals are complete: the all-time board
 * (-infinity, infinity) and each week and month in the group's time zone, [starts_at, ends_at).
 * A period is added, and its totals rebuilt from the ledger, by the first score event in it.
 */
export const scorePeriods = pgTable(
  'score_periods',
  {
    groupId: integer('group_id').notNull().references(() => studyGroups.id),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.startsAt, t.endsAt] })],
);

/** Each member's points in a period of score_periods, kept up to date in the transaction of every score event. */
export const scoreTotals = pgTable(
  'score_totals',
  {
    groupId: integer('group_id').notNull().references(() => studyGroups.id),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    points: integer('points').notNull(),
    /** The latest event counted: when the member reached this total (earlier wins a tie). */
    reachedAt: tstz('reached_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.startsAt, t.endsAt, t.memberId] }),
    index('score_totals_ranking').on(t.groupId, t.startsAt, t.endsAt, t.points.desc(), t.reachedAt, t.memberId),
  ],
);

/** Days (in the member's time zone) with at least one activity; streaks are runs of these. */
export const activityDays = pgTable(
  'activity_days',
  {
    memberId: integer('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.day] })],
);

/** The question or prompt of the day per group; `cycle` counts passes through the pool so nothing repeats early. */
export const dailyPicks = pgTable(
  'daily_picks',
  {
    groupId: integer('group_id').notNull().references(() => studyGroups.id),
    kind: text('kind').notNull(),
    day: date('day').notNull(),
    itemId: text('item_id').notNull(),
    cycle: integer('cycle').notNull(),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.kind, t.day] }), uniqueIndex('daily_picks_item_cycle').on(t.groupId, t.kind, t.cycle, t.itemId)],
);

/** Scheduled posts, claimed once per (group, kind, slot) by whichever replica gets there first. */
export const scheduledDeliveries = pgTable(
  'scheduled_deliveries',
  {
    groupId: integer('group_id').notNull().references(() => studyGroups.id),
    kind: text('kind').notNull(),
    slot: tstz('slot').notNull(),
    claimedAt: tstz('claimed_at').notNull(),
    leaseUntil: tstz('lease_until').notNull(),
    completedAt: tstz('completed_at'),
    messageId: text('message_id'),
    /** 1 for the first claim; +1 each time an expired claim is taken over. */
    attempts: integer('attempts').notNull().default(1),
    /** The last failure of an attempt, for operators. */
    failure: text('failure'),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.kind, t.slot] })],
);
