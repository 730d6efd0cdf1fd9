import React, { ReactNode, useCallback, useRef } from 'react';

import { Stack, Text } from '@grafana/ui';

import { Incident, IncidentLabelInput } from 'contract/resources';

import { humanizeCategory } from './agreementText';
import { IncidentDetails } from './IncidentDetails';
import { IncidentQueue } from './IncidentQueue';
import { LabelingApi } from './labelingApi';
import { handleFormAction } from './formActions';
import { LabelingFrame } from './LabelingFrame';
import { EMPTY_DRAFT, LabelForm } from './LabelForm';
import { loadState } from './LoadStates';
import { MetricsSnapshot } from './MetricsSnapshot';
import { queueProgress } from './progress';
import { QueueColumns } from './QueueColumns';
import { LabelingAction } from './shortcuts';
import { fetchIncidentData, useLabelingData } from './useLabelingData';
import { useLabelingSession } from './useLabelingSession';
import { useLabelingShortcuts } from './useLabelingShortcuts';

interface Props {
  api: LabelingApi;
  login: string | undefined;
  emptyState: ReactNode;
  renderMetricPanels?: (incident: Incident) => ReactNode;
  /** Keys the page-level switch handles (i / n) are left to it. */
  accepts: (action: LabelingAction) => boolean;
}

/** The incident queue: root cause, component and confidence per incident, driven by the keyboard. */
export function IncidentWorkbench({ api, login, emptyState, renderMetricPanels, accepts }: Props) {
  const fetchData = useCallback(() => fetchIncidentData(api), [api]);
  const { load, reload } = useLabelingData(fetchData);
  const data = load.status === 'ready' ? load.data : undefined;
  const incidents = data?.items ?? [];
  const rootCauses = data?.settings.rootCauses ?? [];
  const label = useCallback((id: string, input: IncidentLabelInput) => api.labelIncident(id, input), [api]);
  const session = useLabelingSession({ items: incidents, login, emptyDraft: EMPTY_DRAFT, label, reload });
  const { current, draft, setDraft } = session;
  const componentRef = useRef<HTMLInputElement>(null);

  const save = () => {
    if (!draft.rootCause || !draft.confidence) {
      const missing = [!draft.rootCause && 'a root cause (1–9)', !draft.confidence && 'a confidence (h / m / l)'];
      session.setProblem(`Pick ${missing.filter(Boolean).join(' and ')} first.`);
      return;
    }
    const component = draft.component.trim();
    void session.submit(
      { rootCause: draft.rootCause, confidence: draft.confidence, component: component || null },
      `Saved ${humanizeCategory(draft.rootCause)} (${draft.confidence}) for “${current?.title}”.`
    );
  };
  const skip = () => void session.submit({ skip: true }, `Skipped “${current?.title}”.`);

  const onAction = (action: LabelingAction) => {
    if (
      session.handleCommon(action) ||
      handleFormAction(action, setDraft, { save, skip, focusText: () => componentRef.current?.focus() })
    ) {
      return;
    }
    if (action.type === 'rootCause' && action.index < rootCauses.length) {
      setDraft((d) => ({ ...d, rootCause: rootCauses[action.index] }));
    }
  };
  useLabelingShortcuts(onAction, load.status === 'ready', accepts);

  const state = loadState(load, reload, (d) => d.items.length === 0, emptyState);
  if (state || !data) {
    return <>{state}</>;
  }
  return (
    <LabelingFrame
      counts={queueProgress(incidents, login)}
      noun="incidents (the most informative)"
      data={data}
      session={session}
    >
      <QueueColumns
        queue={<IncidentQueue incidents={incidents} selectedId={current?.id} login={login} onSelect={session.select} />}
      >
        {current && (
          <>
            <IncidentDetails incident={current} />
            {renderMetricPanels?.(current)}
            <section aria-label="Stored metrics snapshot">
              <Stack direction="column" gap={1}>
                <Text element="h4" variant="h5">
                  Stored snapshot
                </Text>
                <MetricsSnapshot incident={current} />
              </Stack>
            </section>
            <LabelForm
              rootCauses={rootCauses}
              draft={draft}
              onChange={setDraft}
              onSave={save}
              onSkip={skip}
              saving={session.saving}
              problem={session.problem}
              status={session.status}
              componentRef={componentRef}
            />
          </>
        )}
      </QueueColumns>
    </LabelingFrame>
  );
}
