import { z } from 'zod';

/** The 13 skills of the MLOps Engineer track, in the order the track lists them. */
export const SKILL_IDS = [
  'foundations',
  'pipelines',
  'serving',
  'registry',
  'feature-store',
  'versioning',
  'cicd',
  'containers',
  'kubernetes',
  'orchestration',
  'observability',
  'ml-monitoring',
  'security',
] as const;
export type SkillId = (typeof SKILL_IDS)[number];

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;
export type LevelId = (typeof LEVELS)[number];

/** Platform limits every piece of content must fit (Slack and Discord, whichever is smaller). */
export const LIMITS = {
  choiceText: 75, // Slack button text; Discord labels allow 80
  stem: 1500,
  explanation: 1500,
  lessonSection: 2900, // Slack section text is capped at 3000
  rubricPoint: 200,
  promptText: 1000,
  title: 75,
} as const;

const id = z.string().max(48, 'ids are at most 48 characters').regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);

export const skillSchema = z.object({
  id: z.enum(SKILL_IDS),
  name: text(LIMITS.title),
  summary: text(300),
  lesson: id,
  stage: z.number().int().min(1).max(7),
});
export type Skill = z.infer<typeof skillSchema>;
export const skillsFileSchema = z.array(skillSchema);

export const LESSON_KINDS = ['intro', 'stage', 'skill', 'project', 'mistakes', 'checklist', 'drill', 'career'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export const lessonFrontMatterSchema = z.object({
  id,
  kind: z.enum(LESSON_KINDS),
  title: text(LIMITS.title),
  order: z.number().int().min(0),
  summary: text(300),
  skill: z.enum(SKILL_IDS).optional(),
  stage: z.number().int().min(1).max(7).optional(),
  prerequisites: z.array(id).default([]),
  miniTask: z
    .object({
      title: text(200),
      acceptance: z.array(text(300)).min(1, 'list at least one acceptance criterion'),
    })
    .optional(),
});
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;
export interface Lesson extends LessonFrontMatter {
  /** Markdown body split at `## ` headings; each section fits one chat message block. */
  sections: { heading: string; body: string }[];
  file: string;
}

export const choiceSchema = z.object({
  text: text(LIMITS.choiceText),
  correct: z.boolean().optional(),
});

export const questionSchema = z.object({
  id,
  skill: z.enum(SKILL_IDS),
  difficulty: z.enum(DIFFICULTIES),
  lesson: id,
  stem: text(LIMITS.stem),
  choices: z
    .array(choiceSchema)
    .min(3, 'needs 3 to 5 choices')
    .max(5, 'needs 3 to 5 choices')
    .refine((cs) => cs.filter((c) => c.correct === true).length === 1, 'exactly one choice must have correct: true'),
  explanation: text(LIMITS.explanation),
});
export type QuestionInput = z.infer<typeof questionSchema>;
export interface Question {
  id: string;
  skill: SkillId;
  difficulty: Difficulty;
  lesson: string;
  stem: string;
  choices: string[];
  answer: number;
  explanation: string;
}
export const questionsFileSchema = z.array(questionSchema);

export const PROMPT_TOPICS = ['checklist', 'project', 'system-design', 'incident'] as const;
export const promptSchema = z.object({
  id,
  topic: z.enum(PROMPT_TOPICS),
  level: z.enum(LEVELS),
  skill: z.enum(SKILL_IDS),
  lesson: id,
  prompt: text(LIMITS.promptText),
  rubric: z
    .array(
      z.object({
        point: text(LIMITS.rubricPoint),
        keywords: z.array(z.string().trim().min(2).max(40)).min(1, 'list the words that show this point is covered'),
      }),
    )
    .min(4, 'needs 4 to 8 rubric points')
    .max(8, 'needs 4 to 8 rubric points'),
  modelOutline: z.array(text(300)).min(3),
  followUps: z.array(text(300)).min(1),
});
export type InterviewPrompt = z.infer<typeof promptSchema>;
export const promptsFileSchema = z.array(promptSchema);

export const fitTestSchema = z.object({
  intro: text(600),
  questions: z
    .array(
      z.object({
        id,
        text: text(200),
        options: z.array(z.object({ text: text(LIMITS.choiceText), score: z.number().int().min(0).max(3) })).min(2).max(5),
      }),
    )
    .min(3),
  results: z
    .array(z.object({ min: z.number().int().min(0), title: text(LIMITS.title), advice: text(1500) }))
    .min(2),
});
export type FitTest = z.infer<typeof fitTestSchema>;

export const trackSchema = z.object({
  title: text(LIMITS.title),
  summary: text(600),
  responsibilities: z.array(text(200)).min(1),
  deliverables: z.array(text(200)).min(1),
  levels: z
    .array(
      z.object({
        id: z.enum(LEVELS),
        name: text(40),
        expectations: z.array(text(200)).min(1),
        salary: text(60),
        /** Exam readiness bar for this level: overall percentage and the weakest skill's percentage. */
        examBar: z.object({ overall: z.number().min(0).max(100), minSkill: z.number().min(0).max(100) }),
      }),
    )
    .min(3),
  salaryCaveat: text(300),
  whereToWork: z.object({
    industries: z.array(text(60)).min(1),
    teams: z.array(text(60)).min(1),
    companySizes: text(300),
  }),
});
export type Track = z.infer<typeof trackSchema>;
