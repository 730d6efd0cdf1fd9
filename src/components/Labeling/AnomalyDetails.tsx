import React, { ReactNode } from 'react';

import { dateTimeFormat } from '@grafana/data';
import { Stack, Text } from '@grafana/ui';

import { Anomaly } from 'contract/resources';

import { anomalyTitle, detectorNames } from './anomalyText';
import { AnomalyScore } from './AnomalyScore';
import { FactList } from './FactList';
import { labelingTestIds } from './labelingTestIds';
import { LabelStateBadge } from './LabelStateBadge';

/** What the detectors recorded about the anomaly: the series, when, how strong and who flagged it. */
export function AnomalyDetails({ anomaly }: { anomaly: Anomaly }) {
  const minutes =
    anomaly.endedAt !== null ? Math.max(1, Math.round((anomaly.endedAt - anomaly.startedAt) / 60_000)) : null;
  const facts: Array<[string, ReactNode]> = [
    ['Query', anomaly.expr && <code>{anomaly.expr}</code>],
    ['Started', dateTimeFormat(anomaly.startedAt)],
    ['Ended', anomaly.endedAt !== null ? dateTimeFormat(anomaly.endedAt) : 'still anomalous'],
    ['Duration', minutes !== null ? `${minutes} min` : null],
    ['Score', <AnomalyScore key="score" score={anomaly.score} />],
    ['Detectors', detectorNames(anomaly).join(', ') || null],
  ];
  return (
    <Stack direction="column" gap={1} data-testid={labelingTestIds.anomaly}>
      <Stack alignItems="center" gap={1} wrap="wrap">
        <Text element="h3" variant="h4">
          {anomalyTitle(anomaly)}
        </Text>
        <LabelStateBadge state={anomaly.labeling.state} />
      </Stack>
      <FactList facts={facts} />
    </Stack>
  );
}
