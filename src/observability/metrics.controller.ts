import { Controller, Get, Res } from '@nestjs/common';
import type { HttpReply } from '../kernel/auth/request';
import { HttpMetrics } from './http-metrics';

/** Prometheus scrape endpoint, in the text exposition format. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: HttpMetrics) {}

  @Get()
  async scrape(@Res({ passthrough: true }) res: HttpReply): Promise<string> {
    res.header('Content-Type', this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
