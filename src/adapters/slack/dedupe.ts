/**
 * Remembers deliveries for a few minutes so a retried one (X-Slack-Retry-Num, a Socket Mode
 * redelivery) is acknowledged and dropped instead of handled twice. Slack gives every slash
 * command and interaction its own trigger_id and every event its own event_id.
 */
export function createDeliveryDedupe(ttlMs: number, now: () => number = Date.now) {
  const seen = new Map<string, number>();
  return {
    /** True when the key was already seen within the TTL; records it otherwise. */
    isRepeat(key: string): boolean {
      const t = now();
      for (const [k, expires] of seen) {
        if (expires > t) break;
        seen.delete(k);
      }
      const expires = seen.get(key);
      if (expires !== undefined && expires > t) return true;
      seen.delete(key);
      seen.set(key, t + ttlMs);
      return false;
    },
  };
}

/** The id Slack gives one delivery: event_id for events, trigger_id for commands and interactions. */
export function deliveryKey(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === 'string') return `event:${body.event_id}`;
  if (typeof body.trigger_id === 'string') return `trigger:${body.trigger_id}`;
  return undefined;
}
