/** What the core needs from the outside world. Implementations live in src/db and are wired in main.ts. */
import type { Actor, MessageReply, Platform } from './types.js';
import type { DailyQuestionStore, GroupActivityStore, ScheduleStore } from './schedule/ports.js';

export type * from './schedule/ports.js';

export interface Clock {
  now(): Date;
}

/** The store cannot reach its database right now; the member should simply try again soon. */
export class StoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the database is unreachable', { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** Where a group post goes. */
export interface ChannelRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

/** Why a post failed in a way retrying will not fix: the group's schedule should pause. */
export class ChannelUnavailableError extends Error {
  constructor(
    readonly reason: 'not_found' | 'forbidden' | 'archived',
    message: string,
  ) {
    super(message);
    this.name = 'ChannelUnavailableError';
  }
}

export interface PostOptions {
  /**
   * An earlier attempt of this post may have reached the platform without being recorded (a crash
   * or a lost response): the poster first looks in the channel for the post's key and returns what
   * it finds instead of posting again.
   */
  retry?: boolean;
}

/**
 * The outbound port: each platform posts a group message into a channel. `idempotencyKey` is
 * stable for one logical post (e.g. group:kind:slot) and travels with the post (Discord nonce and
 * embed footer, Slack message metadata), so a retried post cannot appear twice. Rate limits are
 * the poster's job.
 */
export interface Poster {
  post(channel: ChannelRef, reply: MessageReply, idempotencyKey: string, options?: PostOptions): Promise<{ messageId: string }>;
}

export interface Member {
  id: number;
  platform: Platform;
  workspaceId: string;
  userId: string;
  displayName: string;
  /** The member's own IANA zone; null means "use the group's". */
  timezone: string | null;
  hidden: boolean;
  createdAt: Date;
}

export interface Group {
  id: number;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  timezone: string;
  postTime: string;
  days: string[];
  paused: boolean;
  createdAt: Date;
}

export type SessionKind = 'quiz' | 'review' | 'exam';
export type SessionStatus = 'open' | 'finished' | 'abandoned';

export interface Session {
  id: string;
  memberId: number;
  groupId: number;
  kind: SessionKind;
  questionIds: string[];
  status: SessionStatus;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface Answer {
  sessionId: string;
  questionId: string;
  choice: number;
  correct: boolean;
  points: number;
  answeredAt: Date;
}

/** FSRS state of one member's card for one question (ts-fsrs field names). */
export interface ReviewCard {
  due: Date;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: number;
  last_review?: Date;
}

export interface AnswerInput {
  session: Session;
  questionId: string;
  skill: string;
  choice: number;
  correct: boolean;
  answeredAt: Date;
  /** The member's local day (YYYY-MM-DD), for the streak. */
  localDay: string;
  /** Points for a first correct answer to this question; a later correct answer earns `practicePoints`. */
  firstCorrectPoints: number;
  practicePoints: number;
  /** Computes the question's next review card from the current one (undefined if none yet). */
  nextCard: (current: ReviewCard | undefined) => ReviewCard;
}

export interface ExamResult {
  sessionId: string;
  memberId: number;
  scorePct: number;
  passed: boolean;
  bySkill: { skill: string; correct: number; total: number }[];
  finishedAt: Date;
}

export interface InterviewAnswer {
  memberId: number;
  groupId: number;
  promptId: string;
  day: string;
  text: string;
  covered: number[];
  scorePct: number;
  points: number;
  answeredAt: Date;
}

export interface Goal {
  id: number;
  week: string;
  text: string;
  doneAt: Date | null;
  createdAt: Date;
}

export interface LeaderboardRow {
  memberId: number;
  displayName: string;
  points: number;
  /** When the member reached this total: earlier wins a tie. */
  reachedAt: Date;
}

export interface SkillAccuracy {
  skill: string;
  correct: number;
  total: number;
}

export interface MemberExport {
  member: Member;
  sessions: Session[];
  answers: Answer[];
  examResults: ExamResult[];
  reviewCards: (ReviewCard & { questionId: string })[];
  lessonsDone: { lessonId: string; doneAt: Date }[];
  interviewAnswers: InterviewAnswer[];
  /** Answers to the group's daily question. */
  drillAnswers: { groupId: number; day: string; questionId: string; choice: number; correct: boolean; points: number; answeredAt: Date }[];
  goals: Goal[];
  scoreEvents: { source: string; points: number; at: Date; groupId: number }[];
  activityDays: string[];
}

export interface Store extends ScheduleStore, DailyQuestionStore, GroupActivityStore {
  ensureMember(actor: Actor): Promise<Member>;
  ensureGroup(platform: Platform, workspaceId: string, channelId: string): Promise<Group>;
  setMemberTimezone(memberId: number, timezone: string): Promise<void>;
  setMemberHidden(memberId: number, hidden: boolean): Promise<void>;
  /** Members who have earned points in this group. */
  countMembers(groupId: number): Promise<number>;

  createSession(input: { memberId: number; groupId: number; kind: SessionKind; questionIds: string[]; createdAt: Date }): Promise<Session>;
  getSession(id: string): Promise<Session | undefined>;
  openExam(memberId: number): Promise<Session | undefined>;
  setSessionStatus(id: string, status: SessionStatus, at: Date): Promise<void>;
  listAnswers(sessionId: string): Promise<Answer[]>;
  /** Records an answer once per (session, question); a repeat returns the stored one with `recorded: false`. */
  recordAnswer(input: AnswerInput): Promise<{ answer: Answer; recorded: boolean }>;
  saveExamResult(result: ExamResult): Promise<void>;
  bestExam(memberId: number): Promise<ExamResult | undefined>;
  getExamResult(sessionId: string): Promise<ExamResult | undefined>;

  dueCards(memberId: number, now: Date, limit: number): Promise<{ questionId: string; due: Date }[]>;
  nextDue(memberId: number): Promise<Date | undefined>;
  /** Questions the member has a review card for, i.e. has answered at least once. */
  seenQuestions(memberId: number): Promise<string[]>;

  markLessonDone(memberId: number, lessonId: string, at: Date, localDay: string): Promise<boolean>;
  lessonsDone(memberId: number): Promise<string[]>;

  /** The item picked for (group, kind, day): picks with `choose` from items not yet used in the current cycle. */
  dailyPick(groupId: number, kind: string, day: string, pool: string[], choose: (candidates: string[]) => string): Promise<string>;
  recordInterviewAnswer(answer: InterviewAnswer, localDay: string): Promise<{ answer: InterviewAnswer; recorded: boolean }>;
  getInterviewAnswer(memberId: number, groupId: number, promptId: string, day: string): Promise<InterviewAnswer | undefined>;

  listGoals(memberId: number, week: string): Promise<Goal[]>;
  /** Adds a goal unless the week already has `limit` goals; a repeated text returns the existing goal. */
  addGoal(memberId: number, week: string, text: string, at: Date, localDay: string, limit: number): Promise<{ goal?: Goal; full: boolean; duplicate: boolean }>;
  setGoalDone(goalId: number, at: Date | null, localDay: string): Promise<void>;
  deleteGoals(goalIds: number[]): Promise<void>;

  leaderboard(groupId: number, from: Date | null, to: Date | null, limit: number): Promise<LeaderboardRow[]>;
  /** 1-based rank of a member in the same ranking, or undefined without points. */
  rankOf(groupId: number, memberId: number, from: Date | null, to: Date | null): Promise<{ rank: number; points: number } | undefined>;
  totalPoints(memberId: number): Promise<number>;
  activityDays(memberId: number, sinceDay: string): Promise<string[]>;
  accuracyBySkill(memberId: number): Promise<SkillAccuracy[]>;

  exportMember(memberId: number): Promise<MemberExport>;
  forgetMember(memberId: number): Promise<void>;
}
