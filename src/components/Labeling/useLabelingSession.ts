import { useCallback, useState } from 'react';

import { fetchErrorMessage } from '../fetchErrorMessage';
import { neighbour, nextUnanswered } from './nextIncident';
import { LabeledItem } from './progress';
import { LabelingAction, LabelingView } from './shortcuts';

interface Options<T extends LabeledItem, Input, Draft> {
  items: T[];
  login: string | undefined;
  emptyDraft: Draft;
  /** Stores the reviewer's answer for an item. */
  label: (id: string, input: Input) => Promise<unknown>;
  reload: () => Promise<void>;
}

/**
 * The reviewing state both queues share: which item is open, the draft answer, saving it (then moving on to the
 * next unanswered item), the view tab and the help overlay, and the keys that mean the same on both sides.
 */
export function useLabelingSession<T extends LabeledItem, Input, Draft>({
  items,
  login,
  emptyDraft,
  label,
  reload,
}: Options<T, Input, Draft>) {
  const [view, setView] = useState<LabelingView>('queue');
  const [selectedId, setSelectedId] = useState<string>();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [helpOpen, setHelpOpen] = useState(false);

  // Until the reviewer picks one, the queue opens on the first item they have not answered.
  const currentId =
    selectedId && items.some((i) => i.id === selectedId) ? selectedId : nextUnanswered(items, undefined, login);
  const current = items.find((item) => item.id === currentId);

  const select = useCallback(
    (id: string | undefined) => {
      setSelectedId(id);
      setDraft(emptyDraft);
      setProblem(undefined);
    },
    [emptyDraft]
  );

  const submit = useCallback(
    async (input: Input, done: string) => {
      if (!current || saving) {
        return;
      }
      setSaving(true);
      setProblem(undefined);
      try {
        await label(current.id, input);
        setStatus(done);
        select(nextUnanswered(items, current.id, login));
        await reload();
      } catch (error) {
        setProblem(fetchErrorMessage(error, 'The label could not be saved'));
      } finally {
        setSaving(false);
      }
    },
    [current, items, label, login, reload, saving, select]
  );

  /**
   * Handles the keys that mean the same on both sides; true when the action is dealt with (or must be ignored),
   * false when it is the side's own (root cause, verdict, confidence, save, skip, focus) for `current`.
   */
  const handleCommon = (action: LabelingAction): boolean => {
    if (action.type === 'help') {
      setHelpOpen((open) => !open);
      return true;
    }
    if (action.type === 'close') {
      setHelpOpen(false);
      return true;
    }
    if (helpOpen) {
      return true;
    }
    if (action.type === 'view') {
      setView(action.view);
      return true;
    }
    if (view !== 'queue' || !current) {
      return true;
    }
    if (action.type === 'next' || action.type === 'previous') {
      select(neighbour(items, current.id, action.type === 'next' ? 1 : -1));
      return true;
    }
    return false;
  };

  return {
    view,
    setView,
    current,
    select,
    draft,
    setDraft,
    setProblem,
    submit,
    saving,
    problem,
    status,
    helpOpen,
    setHelpOpen,
    handleCommon,
  };
}
