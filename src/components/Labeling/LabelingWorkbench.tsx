import { css } from '@emotion/css';
import React, { ReactNode, useCallback, useMemo, useRef, useState } from 'react';

import { GrafanaTheme2 } from '@grafana/data';
import { Button, Stack, Tab, TabsBar, Text, useStyles2 } from '@grafana/ui';

import { Incident, IncidentLabelInput } from 'contract/resources';

import { fetchErrorMessage } from '../fetchErrorMessage';
import { AgreementStatsView } from './AgreementStatsView';
import { humanizeCategory } from './agreementText';
import { DisagreementList } from './DisagreementList';
import { IncidentDetails } from './IncidentDetails';
import { IncidentQueue } from './IncidentQueue';
import { LabelingApi } from './labelingApi';
import { LabelingError, LabelingLoading } from './LabelingStates';
import { labelingTestIds } from './labelingTestIds';
import { EMPTY_DRAFT, LabelDraft, LabelForm } from './LabelForm';
import { MetricsSnapshot } from './MetricsSnapshot';
import { neighbour, nextUnanswered } from './nextIncident';
import { queueProgress } from './progress';
import { QueueProgress } from './QueueProgress';
import { LabelingAction, LabelingView } from './shortcuts';
import { ShortcutHelp } from './ShortcutHelp';
import { useLabelingData } from './useLabelingData';
import { useLabelingShortcuts } from './useLabelingShortcuts';

interface Props {
  api: LabelingApi;
  /** The signed-in reviewer's login: marks "mine" in the queue. The backend takes the reviewer from the request. */
  login: string | undefined;
  /** Shown when there are no incidents at all (how to connect a webhook). */
  emptyState: ReactNode;
  /** Live metric panels around the incident; the Grafana page passes Scenes panels, the preview none. */
  renderMetricPanels?: (incident: Incident) => ReactNode;
}

const VIEWS: Array<{ view: LabelingView; label: string; key: string }> = [
  { view: 'queue', label: 'Queue', key: 'q' },
  { view: 'disagreements', label: 'Disagreements', key: 'd' },
  { view: 'agreement', label: 'Agreement', key: 'a' },
];

/** The labeling page body: queue, incident, label form, disagreements and agreement, driven by the keyboard. */
export function LabelingWorkbench({ api, login, emptyState, renderMetricPanels }: Props) {
  const styles = useStyles2(getStyles);
  const { load, reload } = useLabelingData(api);
  const [view, setView] = useState<LabelingView>('queue');
  const [selectedId, setSelectedId] = useState<string>();
  const [draft, setDraft] = useState<LabelDraft>(EMPTY_DRAFT);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [helpOpen, setHelpOpen] = useState(false);
  const componentRef = useRef<HTMLInputElement>(null);

  const data = load.status === 'ready' ? load.data : undefined;
  const incidents = useMemo(() => data?.incidents ?? [], [data]);
  const rootCauses = data?.settings.rootCauses ?? [];
  // Until the reviewer picks one, the queue opens on the first item they have not answered.
  const currentId =
    selectedId && incidents.some((i) => i.id === selectedId) ? selectedId : nextUnanswered(incidents, undefined, login);
  const current = incidents.find((incident) => incident.id === currentId);

  const select = useCallback((id: string | undefined) => {
    setSelectedId(id);
    setDraft(EMPTY_DRAFT);
    setProblem(undefined);
  }, []);

  const submit = useCallback(
    async (input: IncidentLabelInput, done: string) => {
      if (!current || saving) {
        return;
      }
      setSaving(true);
      setProblem(undefined);
      try {
        await api.labelIncident(current.id, input);
        setStatus(done);
        select(nextUnanswered(incidents, current.id, login));
        await reload();
      } catch (error) {
        setProblem(fetchErrorMessage(error, 'The label could not be saved'));
      } finally {
        setSaving(false);
      }
    },
    [api, current, incidents, login, reload, saving, select]
  );

  const save = useCallback(() => {
    if (!draft.rootCause || !draft.confidence) {
      const missing = [!draft.rootCause && 'a root cause (1–9)', !draft.confidence && 'a confidence (h / m / l)'];
      setProblem(`Pick ${missing.filter(Boolean).join(' and ')} first.`);
      return;
    }
    const component = draft.component.trim();
    void submit(
      { rootCause: draft.rootCause, confidence: draft.confidence, component: component || null },
      `Saved ${humanizeCategory(draft.rootCause)} (${draft.confidence}) for “${current?.title}”.`
    );
  }, [current, draft, submit]);

  const skip = useCallback(() => {
    void submit({ skip: true }, `Skipped “${current?.title}”.`);
  }, [current, submit]);

  const onAction = (action: LabelingAction) => {
    if (action.type === 'help') {
      setHelpOpen((open) => !open);
      return;
    }
    if (action.type === 'close') {
      setHelpOpen(false);
      return;
    }
    if (helpOpen) {
      return;
    }
    if (action.type === 'view') {
      setView(action.view);
      return;
    }
    if (view !== 'queue' || !current) {
      return;
    }
    switch (action.type) {
      case 'rootCause':
        if (action.index < rootCauses.length) {
          setDraft((d) => ({ ...d, rootCause: rootCauses[action.index] }));
        }
        break;
      case 'confidence':
        setDraft((d) => ({ ...d, confidence: action.confidence }));
        break;
      case 'save':
        save();
        break;
      case 'skip':
        skip();
        break;
      case 'next':
      case 'previous':
        select(neighbour(incidents, current.id, action.type === 'next' ? 1 : -1));
        break;
      case 'focusComponent':
        componentRef.current?.focus();
        break;
    }
  };
  useLabelingShortcuts(onAction, load.status === 'ready');

  if (load.status === 'loading') {
    return <LabelingLoading />;
  }
  if (load.status === 'error') {
    return <LabelingError message={load.message} onRetry={() => void reload()} />;
  }
  if (incidents.length === 0) {
    return <div data-testid={labelingTestIds.empty}>{emptyState}</div>;
  }

  const counts = queueProgress(incidents, login);
  return (
    <div data-testid={labelingTestIds.workbench} className={styles.page}>
      <Stack direction="column" gap={2}>
        <QueueProgress counts={counts} />
        {load.data.total > incidents.length && (
          <Text color="secondary" variant="bodySmall">
            Showing the {incidents.length} most informative of {load.data.total} incidents.
          </Text>
        )}
        <TabsBar>
          {VIEWS.map((entry) => (
            <Tab
              key={entry.view}
              label={`${entry.label} (${entry.key})`}
              active={view === entry.view}
              counter={entry.view === 'disagreements' ? load.data.disagreements.length : undefined}
              onChangeTab={() => setView(entry.view)}
            />
          ))}
        </TabsBar>
        {view === 'queue' && (
          <div className={styles.columns}>
            <IncidentQueue incidents={incidents} selectedId={current?.id} login={login} onSelect={select} />
            {current && (
              <Stack direction="column" gap={3}>
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
                  saving={saving}
                  problem={problem}
                  status={status}
                  componentRef={componentRef}
                />
              </Stack>
            )}
          </div>
        )}
        {view === 'disagreements' && (
          <DisagreementList
            disagreements={load.data.disagreements}
            onOpen={(id) => {
              select(id);
              setView('queue');
            }}
          />
        )}
        {view === 'agreement' && <AgreementStatsView stats={load.data.agreement} />}
        <div>
          <Button variant="secondary" fill="text" size="sm" icon="keyboard" onClick={() => setHelpOpen(true)}>
            Keyboard shortcuts (?)
          </Button>
        </div>
      </Stack>
      <ShortcutHelp isOpen={helpOpen} onDismiss={() => setHelpOpen(false)} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ paddingBottom: theme.spacing(4) }),
  columns: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(260px, 1fr) 3fr',
    gap: theme.spacing(3),
    alignItems: 'start',
    [theme.breakpoints.down('md')]: { gridTemplateColumns: '1fr' },
  }),
});
