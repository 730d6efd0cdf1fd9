import React, { ReactNode } from 'react';

import { dateTimeFormat } from '@grafana/data';
import { Stack, Text, TextLink } from '@grafana/ui';

import { Incident } from 'contract/resources';

import { FactList } from './FactList';
import { labelingTestIds } from './labelingTestIds';
import { LabelStateBadge } from './LabelStateBadge';

/** What the sender told us about the incident: enough context to label without leaving the page. */
export function IncidentDetails({ incident }: { incident: Incident }) {
  const facts: Array<[string, ReactNode]> = [
    ['Service', incident.service],
    ['Severity', incident.severity],
    ['Status', incident.status],
    ['Started', dateTimeFormat(incident.startedAt)],
    ['Ended', incident.endedAt ? dateTimeFormat(incident.endedAt) : null],
    ['Duration', incident.durationMinutes !== null ? `${incident.durationMinutes} min` : null],
    ['Users affected', incident.impactUsers?.toLocaleString()],
    ['Reported root cause', incident.reportedRootCause],
    ['Contributing factors', incident.contributingFactors.join(', ') || null],
    ['Resolution', incident.resolutionAction],
    ['Prevention', incident.prevention],
    ['Source', `${incident.source} · ${incident.externalId}`],
  ];
  return (
    <Stack direction="column" gap={1} data-testid={labelingTestIds.incident}>
      <Stack alignItems="center" gap={1} wrap="wrap">
        <Text element="h3" variant="h4">
          {incident.title}
        </Text>
        <LabelStateBadge state={incident.labeling.state} />
      </Stack>
      <FactList facts={facts} />
      {incident.errorLogs.length > 0 && (
        <details>
          <summary>Error logs ({incident.errorLogs.length})</summary>
          <pre>{incident.errorLogs.join('\n')}</pre>
        </details>
      )}
      {incident.url && (
        <TextLink href={incident.url} external>
          Open in the sender
        </TextLink>
      )}
    </Stack>
  );
}
