import { pino } from 'pino';

export function createLogger(level: string) {
  return pino({ level, base: { service: "mlops-study-bot" } }, pino.destination(2));
}
