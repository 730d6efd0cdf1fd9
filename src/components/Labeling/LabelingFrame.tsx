import React, { ReactNode } from 'react';

import { Button, Stack, Tab, TabsBar, Text } from '@grafana/ui';

import { AgreementStats, Disagreement } from 'contract/resources';

import { AgreementStatsView } from './AgreementStatsView';
import { DisagreementList } from './DisagreementList';
import { labelingTestIds } from './labelingTestIds';
import { QueueProgressCounts } from './progress';
import { QueueProgress } from './QueueProgress';
import { LabelingView } from './shortcuts';
import { ShortcutHelp } from './ShortcutHelp';

const VIEWS: Array<{ view: LabelingView; label: string; key: string }> = [
  { view: 'queue', label: 'Queue', key: 'q' },
  { view: 'disagreements', label: 'Disagreements', key: 'd' },
  { view: 'agreement', label: 'Agreement', key: 'a' },
];

interface Props {
  counts: QueueProgressCounts;
  /** Plural item noun for the "showing N of M" line. */
  noun: string;
  /**
   * What the server answered: `total` items match (more than `counts.total` when the queue has more than one
   * page), with the reviewers' agreement and disagreements.
   */
  data: { total: number; agreement: AgreementStats; disagreements: Disagreement[] };
  /** The reviewing session (useLabelingSession): the view tab, the help overlay, opening an item. */
  session: {
    view: LabelingView;
    setView: (view: LabelingView) => void;
    select: (itemId: string) => void;
    helpOpen: boolean;
    setHelpOpen: (open: boolean) => void;
  };
  /** The queue view: the list and the open item. */
  children: ReactNode;
}

/** What both queues show around the open item: progress, the view tabs, disagreements, agreement and the key help. */
export function LabelingFrame({ counts, noun, data, session, children }: Props) {
  const { total, agreement, disagreements } = data;
  const { view, setView: onView, select: onOpenDisagreement, helpOpen, setHelpOpen: onHelpOpen } = session;
  return (
    <div data-testid={labelingTestIds.workbench}>
      <Stack direction="column" gap={2}>
        <QueueProgress counts={counts} />
        {total > counts.total && (
          <Text color="secondary" variant="bodySmall">
            Showing the first {counts.total} of {total} {noun}.
          </Text>
        )}
        <TabsBar>
          {VIEWS.map((entry) => (
            <Tab
              key={entry.view}
              label={`${entry.label} (${entry.key})`}
              active={view === entry.view}
              counter={entry.view === 'disagreements' ? disagreements.length : undefined}
              onChangeTab={() => onView(entry.view)}
            />
          ))}
        </TabsBar>
        {view === 'queue' && children}
        {view === 'disagreements' && (
          <DisagreementList
            disagreements={disagreements}
            onOpen={(id) => {
              onOpenDisagreement(id);
              onView('queue');
            }}
          />
        )}
        {view === 'agreement' && <AgreementStatsView stats={agreement} />}
        <div>
          <Button variant="secondary" fill="text" size="sm" icon="keyboard" onClick={() => onHelpOpen(true)}>
            Keyboard shortcuts (?)
          </Button>
        </div>
      </Stack>
      <ShortcutHelp isOpen={helpOpen} onDismiss={() => onHelpOpen(false)} />
    </div>
  );
}
