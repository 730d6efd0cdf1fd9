import React, { ReactNode, useCallback, useRef } from 'react';

import { ANOMALY_VERDICTS } from 'contract/labels';
import { Anomaly, AnomalyLabelInput } from 'contract/resources';

import { AnomalyDetails } from './AnomalyDetails';
import { AnomalyQueue } from './AnomalyQueue';
import { anomalyTitle, VERDICT_TEXT } from './anomalyText';
import { AnomalyVerdictForm, EMPTY_VERDICT_DRAFT } from './AnomalyVerdictForm';
import { handleFormAction } from './formActions';
import { LabelingApi } from './labelingApi';
import { LabelingFrame } from './LabelingFrame';
import { loadState } from './LoadStates';
import { queueProgress } from './progress';
import { QueueColumns } from './QueueColumns';
import { LabelingAction } from './shortcuts';
import { fetchAnomalyData, useLabelingData } from './useLabelingData';
import { useLabelingSession } from './useLabelingSession';
import { useLabelingShortcuts } from './useLabelingShortcuts';

interface Props {
  api: LabelingApi;
  login: string | undefined;
  emptyState: ReactNode;
  /** The series around the anomaly; the Grafana page passes a Scenes panel, the preview none. */
  renderMetricPanel?: (anomaly: Anomaly) => ReactNode;
  accepts: (action: LabelingAction) => boolean;
}

/** The anomaly queue: was each detected anomaly real? Verdict, confidence and a note, driven by the keyboard. */
export function AnomalyWorkbench({ api, login, emptyState, renderMetricPanel, accepts }: Props) {
  const fetchData = useCallback(() => fetchAnomalyData(api), [api]);
  const { load, reload } = useLabelingData(fetchData);
  const data = load.status === 'ready' ? load.data : undefined;
  const anomalies = data?.items ?? [];
  const label = useCallback((id: string, input: AnomalyLabelInput) => api.labelAnomaly(id, input), [api]);
  const session = useLabelingSession({ items: anomalies, login, emptyDraft: EMPTY_VERDICT_DRAFT, label, reload });
  const { current, draft, setDraft } = session;
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const title = current ? anomalyTitle(current) : '';

  const save = () => {
    if (!draft.verdict || !draft.confidence) {
      const missing = [!draft.verdict && 'a verdict (t / f / u)', !draft.confidence && 'a confidence (h / m / l)'];
      session.setProblem(`Pick ${missing.filter(Boolean).join(' and ')} first.`);
      return;
    }
    const note = draft.note.trim();
    void session.submit(
      { verdict: draft.verdict, confidence: draft.confidence, note: note || null },
      `Saved ${VERDICT_TEXT[draft.verdict].toLowerCase()} (${draft.confidence}) for “${title}”.`
    );
  };
  const skip = () => void session.submit({ skip: true }, `Skipped “${title}”.`);

  const onAction = (action: LabelingAction) => {
    if (
      session.handleCommon(action) ||
      handleFormAction(action, setDraft, { save, skip, focusText: () => noteRef.current?.focus() })
    ) {
      return;
    }
    if (action.type === 'verdict') {
      setDraft((d) => ({ ...d, verdict: action.verdict }));
    } else if (action.type === 'rootCause' && action.index < ANOMALY_VERDICTS.length) {
      // Digits pick verdicts in form order here, so the habit from the incident side (1 – 9) carries over.
      setDraft((d) => ({ ...d, verdict: ANOMALY_VERDICTS[action.index] }));
    }
  };
  useLabelingShortcuts(onAction, load.status === 'ready', accepts);

  const state = loadState(load, reload, (d) => d.items.length === 0, emptyState);
  if (state || !data) {
    return <>{state}</>;
  }
  return (
    <LabelingFrame
      counts={queueProgress(anomalies, login)}
      noun="anomalies (newest first)"
      data={data}
      session={session}
    >
      <QueueColumns
        queue={<AnomalyQueue anomalies={anomalies} selectedId={current?.id} login={login} onSelect={session.select} />}
      >
        {current && (
          <>
            <AnomalyDetails anomaly={current} />
            {renderMetricPanel?.(current)}
            <AnomalyVerdictForm
              draft={draft}
              onChange={setDraft}
              onSave={save}
              onSkip={skip}
              saving={session.saving}
              problem={session.problem}
              status={session.status}
              noteRef={noteRef}
            />
          </>
        )}
      </QueueColumns>
    </LabelingFrame>
  );
}
