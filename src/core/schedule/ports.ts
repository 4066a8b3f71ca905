/** The store ports of study-group schedules, the daily question and group posts; part of the core's Store. */
import type { Group, ReviewCard } from '../ports.js';
import type { Platform } from '../types.js';

/** A kind of scheduled group post. */
export type PostKind = 'digest' | 'drill' | 'reminder';

/** When a study group's posts go out: wall-clock `postTime` (HH:MM) on `days` (mon…sun) in `timezone`. */
export interface ScheduleSettings {
  timezone: string;
  postTime: string;
  days: string[];
}

export interface GroupScheduleState {
  /** When an organiser first ran /study setup; null: no scheduled posts. */
  setupAt: Date | null;
  /** Why the bot paused the schedule (e.g. the channel is gone); null when not paused or paused by an organiser. */
  pausedReason: string | null;
  /** The next slot of each kind; empty while paused or not set up. */
  next: { kind: PostKind; at: Date }[];
  /** The latest posted slot of each kind. */
  lastPosted: { kind: PostKind; slot: Date }[];
}

/** One scheduled post: unique per (group, kind, slot). */
export interface SlotKey {
  groupId: number;
  kind: PostKind;
  slot: Date;
}

export interface DueSlot extends SlotKey {
  group: Group;
}

/** A slot this caller now holds; `attempt` > 1 when an earlier claim of it was never completed. */
export interface ClaimedSlot extends SlotKey {
  attempt: number;
}

/** Of the slots asked for, those this caller now holds, and those already posted (the rest another caller holds). */
export interface ClaimResult {
  claimed: ClaimedSlot[];
  completed: SlotKey[];
}

/** The scheduler's side of the store: schedules per group and kind, and claims per slot. */
export interface ScheduleStore {
  /** Saves the group's settings, marks it set up and active, and replaces its next slots. */
  setupGroup(groupId: number, settings: ScheduleSettings, at: Date, next: { kind: PostKind; at: Date }[]): Promise<void>;
  /** Pauses the group and drops its next slots; false when it was already paused. */
  pauseGroup(groupId: number, reason: string | null): Promise<boolean>;
  /** Unpauses the group with fresh next slots. */
  resumeGroup(groupId: number, next: { kind: PostKind; at: Date }[]): Promise<void>;
  groupSchedule(groupId: number): Promise<GroupScheduleState>;
  /** Slots due at `now` of groups on `platforms`, oldest first, leaving out those whose claim's lease is running. */
  dueSlots(now: Date, platforms: Platform[], limit: number): Promise<DueSlot[]>;
  /**
   * Claims each slot nobody holds, in one INSERT … ON CONFLICT DO NOTHING RETURNING on (group, kind,
   * slot), and takes over claims whose lease ran out.
   */
  claimSlots(keys: SlotKey[], at: Date, leaseUntil: Date): Promise<ClaimResult>;
  /** Records the posted message and moves the schedule on to `next` (if it still points at this slot). */
  completeSlot(key: SlotKey, messageId: string, at: Date, next: Date | undefined): Promise<void>;
  /** Notes why an attempt failed; the claim is retried when its lease runs out. */
  failSlot(key: SlotKey, failure: string): Promise<void>;
  /** Moves the schedule from this slot to `next` without posting; false when it no longer pointed at it. */
  advanceSlot(key: SlotKey, next: Date | undefined): Promise<boolean>;
}

export interface DrillAnswer {
  memberId: number;
  groupId: number;
  day: string;
  questionId: string;
  choice: number;
  correct: boolean;
  points: number;
  answeredAt: Date;
}

export interface DrillAnswerInput extends Omit<DrillAnswer, 'points'> {
  /** The member's local day, for the streak. */
  localDay: string;
  /** Points for a first correct answer to this question; a later correct answer earns `practicePoints`. */
  firstCorrectPoints: number;
  practicePoints: number;
  /** Extra points for a correct answer on the drill's own day. */
  bonusPoints: number;
  /** Computes the question's next review card from the current one (undefined if none yet). */
  nextCard: (current: ReviewCard | undefined) => ReviewCard;
}

/** The daily question posted with the drill: one counted answer per (member, group, day). */
export interface DailyQuestionStore {
  /** The group's latest daily picks of `kind`, newest first. */
  latestPicks(groupId: number, kind: string, limit: number): Promise<{ day: string; itemId: string }[]>;
  recordDrillAnswer(input: DrillAnswerInput): Promise<{ answer: DrillAnswer; recorded: boolean }>;
  /** How many members chose each choice for the group's question of `day`. */
  drillAnswerCounts(groupId: number, day: string): Promise<{ choice: number; n: number }[]>;
}

export interface RosterMember {
  memberId: number;
  displayName: string;
  timezone: string | null;
}

/** What the goal reminder and the weekly digest read about a group's members. */
export interface GroupActivityStore {
  /** Members shown on leaderboards who earned points in the group since `since`, by name. */
  groupRoster(groupId: number, since: Date, limit: number): Promise<RosterMember[]>;
  goalsOf(memberIds: number[], week: string): Promise<{ memberId: number; text: string; done: boolean }[]>;
  activityDaysOf(memberIds: number[], sinceDay: string): Promise<{ memberId: number; day: string }[]>;
}
