import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { routeLabel } from './route-label';

type HttpLabels = 'method' | 'route' | 'status';

/**
 * The Prometheus registry of one application: Node's default process metrics plus request
 * counts and latencies labelled by method, route pattern and status.
 */
@Injectable()
export class HttpMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<HttpLabels>;
  readonly duration: Histogram<HttpLabels>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
  }

  /** Times every request, including those the auth hook answers (401s) and 404s. */
  install(app: FastifyInstance): void {
    app.addHook('onResponse', (req, reply, done) => {
      this.observe(req.method, routeLabel(req), reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
