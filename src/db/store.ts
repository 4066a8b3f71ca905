import type { Store } from '../core/ports.js';
import type { Db } from './client.js';
import { withUnavailableErrors } from './errors.js';
import { answerStore } from './stores/answers.js';
import { dailyQuestionStore } from './stores/daily-question.js';
import { directoryStore } from './stores/directory.js';
import { groupActivityStore } from './stores/group-activity.js';
import { privacyStore } from './stores/privacy.js';
import { progressStore } from './stores/progress.js';
import { rankingStore } from './stores/ranking.js';
import { scheduleStore } from './stores/schedule.js';
import { sessionStore } from './stores/sessions.js';

/** The one Postgres implementation of the core's Store port, on PGlite or a server alike. */
export function createPgStore(db: Db): Store {
  return withUnavailableErrors({
    ...directoryStore(db),
    ...sessionStore(db),
    ...answerStore(db),
    ...progressStore(db),
    ...rankingStore(db),
    ...privacyStore(db),
    ...scheduleStore(db),
    ...dailyQuestionStore(db),
    ...groupActivityStore(db),
  });
}
