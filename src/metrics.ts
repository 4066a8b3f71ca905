import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric the bot exports on /metrics, in one registry per process (tests make their own). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    commandLatency: new Histogram({
      name: 'studybot_command_duration_seconds',
      help: 'Time to handle one invocation (command, button or form), by command and platform',
      labelNames: ['command', 'platform', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    answersRecorded: new Counter({
      name: 'studybot_answers_recorded_total',
      help: 'Answers recorded for the first time (repeats are not counted), by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    scheduledPosts: new Counter({
      name: 'studybot_scheduled_posts_total',
      help: 'Scheduled group posts, by kind and outcome',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    platformApiErrors: new Counter({
      name: 'studybot_platform_api_errors_total',
      help: 'Errors from the Slack or Discord API, by platform and code',
      labelNames: ['platform', 'code'] as const,
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'studybot_platform_rate_limited_total',
      help: 'HTTP 429 answers from the Slack or Discord API, by platform',
      labelNames: ['platform'] as const,
      registers: [registry],
    }),
    followUpsWaiting: new Gauge({
      name: 'studybot_followups_waiting',
      help: 'Invocations acknowledged and waiting their turn at the core (Slack), by platform',
      labelNames: ['platform'] as const,
      registers: [registry],
    }),
    busyRefusals: new Counter({
      name: 'studybot_busy_refusals_total',
      help: 'Invocations answered BUSY because too many were waiting, by platform',
      labelNames: ['platform'] as const,
      registers: [registry],
    }),
    databaseErrors: new Counter({
      name: 'studybot_database_errors_total',
      help: 'Failed database operations, by store method',
      labelNames: ['operation'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
