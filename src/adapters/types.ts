import type { Config } from '../config.js';
import type { Logger } from '../core/command.js';
import type { Core } from '../core/core.js';
import type { Poster } from '../core/ports.js';
import type { HttpServer } from '../http/server.js';

/** What main.ts gives every platform adapter. */
export interface AdapterDeps {
  config: Config;
  core: Core;
  logger: Logger;
  /** The shared HTTP server; adapters mount their webhook endpoints on it before it listens. */
  http: HttpServer;
  /** Called whenever the platform's API answers 429 (for metrics). */
  onRateLimited?: (platform: 'slack' | 'discord') => void;
  /** Called with how many acknowledged invocations wait their turn at the core, when that changes (for metrics). */
  onFollowUpsWaiting?: (platform: 'slack' | 'discord', waiting: number) => void;
  /** Called when an invocation is answered BUSY because too many wait (for metrics). */
  onBusy?: (platform: 'slack' | 'discord') => void;
}

/** A chat platform connected to the core: inbound through `core.handle`, outbound through `poster`. */
export interface PlatformAdapter {
  platform: 'slack' | 'discord';
  poster: Poster;
  start(): Promise<void>;
  /** Stops taking new work and closes connections. */
  stop(): Promise<void>;
  /** undefined when connected and able to serve; otherwise why not (for /readyz). */
  readiness(): Promise<string | undefined>;
}
