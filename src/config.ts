import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const url = (protocols: string[], what: string) =>
  optional.refine((v) => v === undefined || (URL.canParse(v) && protocols.includes(new URL(v).protocol)), `must be ${what}`);

const envSchema = z
  .object({
    DATABASE_URL: url(['postgres:', 'postgresql:'], 'a postgres:// or postgresql:// URL'),
    DATA_DIR: optional.default('./data'),
    PORT: optional
      .default('3000')
      .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, 'must be a port number from 1 to 65535')
      .transform(Number),
    SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: optional,
    SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
    SLACK_API_URL: url(['http:', 'https:'], 'an http(s) URL such as https://slack.com/api/').default('https://slack.com/api/'),
    SLACK_ADMIN_IDS: optional.transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : [])),
    DISCORD_TOKEN: optional,
    DISCORD_APPLICATION_ID: optional.refine((v) => v === undefined || /^\d{15,21}$/.test(v), 'must be the numeric application id'),
    DISCORD_PUBLIC_KEY: optional.refine((v) => v === undefined || /^[0-9a-f]{64}$/i.test(v), 'must be the 64-character hex public key'),
    DISCORD_GATEWAY: optional.pipe(z.enum(['on', 'off'], { error: 'must be on or off' }).optional()),
    DISCORD_API_URL: url(['http:', 'https:'], 'an http(s) URL such as https://discord.com/api').default('https://discord.com/api'),
    LOG_LEVEL: optional.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info')),
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)' });
    }
    if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set' });
    }
    if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
      ctx.addIssue({ code: 'custom', path: ['DISCORD_APPLICATION_ID'], message: 'is required with DISCORD_TOKEN' });
    }
  });

export type Config = z.infer<typeof envSchema>;

/** Parses the environment; on failure returns one line per problem, each naming its variable. */
export function parseConfig(env: NodeJS.ProcessEnv): { ok: true; config: Config } | { ok: false; errors: string[] } {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`) };
}

export const hasSlack = (c: Config) => Boolean(c.SLACK_BOT_TOKEN);
export const hasDiscord = (c: Config) => Boolean(c.DISCORD_TOKEN);
