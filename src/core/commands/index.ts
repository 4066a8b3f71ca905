import type { Command } from '../command.js';
import { drillCommand } from './drill.js';
import { examCommand } from './exam.js';
import { goalCommand } from './goal.js';
import { leaderboardCommand } from './leaderboard.js';
import { lessonCommand } from './lesson.js';
import { progressCommand } from './progress.js';
import { quizCommand } from './quiz.js';
import { reviewCommand } from './review.js';
import { makeStudyCommand } from './study.js';

const TOP_LEVEL: Command[] = [quizCommand, examCommand, reviewCommand, lessonCommand, drillCommand, goalCommand, leaderboardCommand, progressCommand];
const { study, subcommands } = makeStudyCommand(TOP_LEVEL);

/** Every slash command, in the order help lists them. */
export const COMMANDS: Command[] = [...TOP_LEVEL, study];
export const STUDY_SUBCOMMANDS: Command[] = subcommands;
