import { Registry } from 'prom-client';

import { createRequestMetrics, exposition } from './metrics';

describe('request metrics', () => {
  it('counts and times requests by endpoint and status in text exposition format', async () => {
    const registry = new Registry();
    const metrics = createRequestMetrics(registry, 'test_');
    metrics.observe('queryData', 'ok', 0.12);
    metrics.observe('queryData', 'ok', 0.08);
    metrics.observe('callResource', '404', 0.004);

    const text = await exposition(registry);
    expect(text).toContain('# TYPE test_plugin_request_duration_seconds histogram');
    expect(text).toContain('test_plugin_requests_total{endpoint="queryData",status="ok"} 2');
    expect(text).toContain('test_plugin_requests_total{endpoint="callResource",status="404"} 1');
    expect(text).toMatch(/test_plugin_request_duration_seconds_bucket\{le="0\.1",endpoint="queryData",status="ok"\} 1/);
    expect(text).toMatch(/test_plugin_request_duration_seconds_sum\{endpoint="queryData",status="ok"\} 0\.2/);
  });
});
