import type { Registry } from 'prom-client';
import type { HttpServer } from './server.js';

/** GET /metrics in the Prometheus text format. */
export function mountMetrics(http: HttpServer, registry: Registry): void {
  http.route('GET', '/metrics', async (_req, res) => {
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(body);
  });
}
