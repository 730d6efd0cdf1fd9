import React from 'react';

import { Badge, BadgeColor } from '@grafana/ui';

import { Severity, severityOf } from 'contract/score';

/** The severity bands' colours, the same reading as the anomaly panels' annotations. */
const COLOR: Record<Severity, BadgeColor> = { normal: 'green', minor: 'blue', moderate: 'orange', critical: 'red' };

/** The anomaly score (0–100) with its severity band as colour and word, so the colour is never the only cue. */
export function AnomalyScore({ score }: { score: number | null }) {
  if (score === null) {
    return <Badge text="No score" color="darkgrey" />;
  }
  const severity = severityOf(score);
  return <Badge text={`Score ${Math.round(score)} · ${severity}`} color={COLOR[severity]} icon="bolt" />;
}
