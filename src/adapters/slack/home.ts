import type { types } from '@slack/bolt';
import type { MessageReply, Reply } from '../../core/types.js';
import { replyBlocks, SLACK_LIMITS, uniqueActionIds } from './blocks.js';

/** The App Home tab: the member's /progress, then where to go next. */
export function homeView(replies: Reply[]): types.HomeView {
  const progress = replies.filter((r): r is MessageReply => r.type === 'message').flatMap(replyBlocks);
  const footer: types.KnownBlock[] = [
    { type: 'divider' },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'In a channel: /quiz, /exam, /review, /lesson next, /drill, /goal, /leaderboard, /progress · /study help for everything.' }] },
  ];
  const room = SLACK_LIMITS.blocksPerView - footer.length;
  return { type: 'home', blocks: uniqueActionIds([...progress.slice(0, room), ...footer]) };
}
