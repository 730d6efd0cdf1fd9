import React from 'react';

import { Alert, Stack, Text } from '@grafana/ui';

import { Incident, JsonValue } from 'contract/resources';

import { labelingTestIds } from './labelingTestIds';
import { Sparkline } from './Sparkline';

/**
 * The metrics stored with the incident, without Grafana panels: our capture of the configured PromQL
 * expressions (sparklines around the incident) and the snapshot the sender attached (a key/value table).
 */
export function MetricsSnapshot({ incident }: { incident: Incident }) {
  const capture = incident.capturedMetrics;
  const attached = incident.metricsSnapshot ? Object.entries(incident.metricsSnapshot) : [];
  const incidentTo = incident.endedAt ?? capture?.to ?? incident.startedAt;

  if (!capture && attached.length === 0) {
    return (
      <div data-testid={labelingTestIds.snapshot}>
        <Text color="secondary" italic>
          No metrics were stored with this incident. Configure snapshot queries in the data source&apos;s labeling
          settings to capture the hour before, during and after every new incident.
        </Text>
      </div>
    );
  }

  return (
    <Stack direction="column" gap={2} data-testid={labelingTestIds.snapshot}>
      {capture && (
        <Stack direction="column" gap={1}>
          {!capture.complete && (
            <Text variant="bodySmall" color="secondary">
              The hour after the incident has not fully happened yet; the capture will be completed.
            </Text>
          )}
          {capture.queries.map((query) => (
            <Stack key={query.name} direction="column" gap={0.5}>
              <Text variant="bodySmall" weight="medium">
                {query.name} <Text color="secondary">({query.expr})</Text>
              </Text>
              {query.error && (
                <Alert severity="warning" title={`Prometheus refused ${query.name}`}>
                  {query.error}
                </Alert>
              )}
              {!query.error && query.series.length === 0 && (
                <Text variant="bodySmall" color="secondary">
                  No data in this window.
                </Text>
              )}
              {query.series.map((series, index) => (
                <Sparkline
                  key={index}
                  label={`${query.name} ${Object.values(series.labels).join(' ')}`.trim()}
                  timestamps={series.timestamps}
                  values={series.values}
                  incidentFrom={incident.startedAt}
                  incidentTo={incidentTo}
                />
              ))}
            </Stack>
          ))}
        </Stack>
      )}
      {attached.length > 0 && (
        <table aria-label="Attached metrics snapshot">
          <tbody>
            {attached.map(([name, value]) => (
              <tr key={name}>
                <th scope="row" style={{ textAlign: 'left', paddingRight: 16, fontWeight: 500 }}>
                  {name}
                </th>
                <td>{formatJson(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Stack>
  );
}

function formatJson(value: JsonValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
