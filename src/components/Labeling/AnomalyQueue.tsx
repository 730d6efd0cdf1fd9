import React from 'react';

import { dateTimeFormat } from '@grafana/data';
import { Text } from '@grafana/ui';

import { Anomaly } from 'contract/resources';

import { anomalyTitle, detectorNames } from './anomalyText';
import { AnomalyScore } from './AnomalyScore';
import { LabelQueue } from './LabelQueue';

interface Props {
  anomalies: Anomaly[];
  selectedId: string | undefined;
  login: string | undefined;
  onSelect: (id: string) => void;
}

/** The anomaly queue (newest first): the series, then its score, detectors and onset. */
export function AnomalyQueue({ anomalies, ...rest }: Props) {
  return (
    <LabelQueue
      {...rest}
      items={anomalies}
      label="Anomaly queue"
      title={anomalyTitle}
      meta={(anomaly) => (
        <>
          <AnomalyScore score={anomaly.score} />
          <Text variant="bodySmall" color="secondary">
            {[detectorNames(anomaly).join(', '), dateTimeFormat(anomaly.startedAt)].filter(Boolean).join(' · ')}
          </Text>
        </>
      )}
    />
  );
}
