import React, { ReactNode } from 'react';

import { RadioButtonGroup, Stack } from '@grafana/ui';

import { Anomaly, Incident } from 'contract/resources';

import { AnomalyWorkbench } from './AnomalyWorkbench';
import { IncidentWorkbench } from './IncidentWorkbench';
import { LabelingApi } from './labelingApi';
import { labelingTestIds } from './labelingTestIds';
import { LabelingAction, LabelingKind } from './shortcuts';
import { useLabelingKind } from './useLabelingKind';
import { useLabelingShortcuts } from './useLabelingShortcuts';

interface Props {
  api: LabelingApi;
  /** The signed-in reviewer's login: marks "mine" in the queue. The backend takes the reviewer from the request. */
  login: string | undefined;
  /** Shown when there are no incidents at all (how to connect a webhook). */
  emptyState: ReactNode;
  /** Shown when no anomaly has been detected yet (how anomalies get recorded). */
  anomalyEmptyState: ReactNode;
  /** Live metric panels around the incident; the Grafana page passes Scenes panels, the preview none. */
  renderMetricPanels?: (incident: Incident) => ReactNode;
  /** The series around the anomaly, with band and score; the Grafana page passes a Scenes panel, the preview none. */
  renderAnomalyPanel?: (anomaly: Anomaly) => ReactNode;
}

const KINDS: Array<{ value: LabelingKind; label: string; description: string }> = [
  { value: 'incidents', label: 'Incidents (i)', description: 'Alerts and pages from your senders' },
  { value: 'anomalies', label: 'Anomalies (n)', description: 'What the Traceo ML detectors flagged' },
];

const isKindSwitch = (action: LabelingAction) => action.type === 'kind';

/** The labeling page body: the incident or the anomaly queue (in the URL), each driven by the keyboard. */
export function LabelingWorkbench({
  api,
  login,
  emptyState,
  anomalyEmptyState,
  renderMetricPanels,
  renderAnomalyPanel,
}: Props) {
  const [kind, setKind] = useLabelingKind();
  // The switch listens on its own, so i / n work in every state of either queue (also while empty or failing).
  useLabelingShortcuts((action) => action.type === 'kind' && setKind(action.kind), true, isKindSwitch);
  const others = (action: LabelingAction) => !isKindSwitch(action);

  return (
    <Stack direction="column" gap={2}>
      <div data-testid={labelingTestIds.kindSwitch}>
        <RadioButtonGroup<LabelingKind> options={KINDS} value={kind} onChange={setKind} />
      </div>
      {kind === 'incidents' ? (
        <IncidentWorkbench
          api={api}
          login={login}
          emptyState={emptyState}
          renderMetricPanels={renderMetricPanels}
          accepts={others}
        />
      ) : (
        <AnomalyWorkbench
          api={api}
          login={login}
          emptyState={anomalyEmptyState}
          renderMetricPanel={renderAnomalyPanel}
          accepts={others}
        />
      )}
    </Stack>
  );
}
