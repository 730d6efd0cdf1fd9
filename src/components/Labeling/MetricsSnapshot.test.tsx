import React from 'react';
import { render, screen } from '@testing-library/react';

import { MetricsSnapshot } from './MetricsSnapshot';
import { makeIncident } from './testFixtures';

describe('MetricsSnapshot', () => {
  it('draws captured series as sparklines and lists the attached snapshot', () => {
    const incident = makeIncident('inc-1', {
      capturedMetrics: {
        capturedAt: 0,
        from: 0,
        to: 4000,
        stepSeconds: 1,
        complete: true,
        queries: [
          {
            name: 'p99',
            expr: 'histogram_quantile(0.99, x)',
            series: [{ labels: { service: 'checkout' }, timestamps: [0, 1000, 2000, 3000], values: [1, null, 3, 2] }],
          },
          { name: 'broken', expr: 'rate(', series: [], error: 'parse error' },
        ],
      },
    });
    render(<MetricsSnapshot incident={incident} />);

    const sparkline = screen.getByRole('img', { name: 'p99 checkout' });
    // The null splits the line into two segments instead of bridging the gap.
    expect(sparkline.querySelectorAll('path')).toHaveLength(2);
    expect(screen.getByText('parse error')).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'p99_latency_ms' }).nextSibling).toHaveTextContent('2400');
  });

  it('explains how to get snapshots when none is stored', () => {
    render(<MetricsSnapshot incident={makeIncident('inc-1', { metricsSnapshot: null })} />);
    expect(screen.getByText(/Configure snapshot queries/)).toBeInTheDocument();
  });
});
