import React, { RefObject } from 'react';

import { Field, Stack, TextArea } from '@grafana/ui';

import { ANOMALY_VERDICTS, AnomalyVerdict, Confidence } from 'contract/labels';

import { VERDICT_TEXT } from './anomalyText';
import { blurOnEscape, ChoiceGrid, ConfidenceField, SaveSkipFooter } from './LabelFormParts';
import { labelingTestIds } from './labelingTestIds';
import { VERDICT_KEY } from './shortcuts';

export interface VerdictDraft {
  verdict: AnomalyVerdict | undefined;
  confidence: Confidence | undefined;
  note: string;
}

export const EMPTY_VERDICT_DRAFT: VerdictDraft = { verdict: undefined, confidence: undefined, note: '' };

interface Props {
  draft: VerdictDraft;
  onChange: (draft: VerdictDraft) => void;
  onSave: () => void;
  onSkip: () => void;
  saving: boolean;
  problem: string | undefined;
  status: string | undefined;
  noteRef: RefObject<HTMLTextAreaElement>;
}

/** Was it a real anomaly? Verdict, confidence and an optional note; every control shows its key. */
export function AnomalyVerdictForm({ draft, onChange, onSave, onSkip, saving, problem, status, noteRef }: Props) {
  return (
    <form
      data-testid={labelingTestIds.form}
      aria-label="Label this anomaly"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      <Stack direction="column" gap={2}>
        <ChoiceGrid
          legend="Verdict"
          choices={ANOMALY_VERDICTS.map((verdict) => ({
            value: verdict,
            label: VERDICT_TEXT[verdict],
            key: VERDICT_KEY[verdict],
          }))}
          value={draft.verdict}
          onChange={(verdict) => onChange({ ...draft, verdict })}
        />
        <ConfidenceField value={draft.confidence} onChange={(confidence) => onChange({ ...draft, confidence })} />
        <Field label="Note" description="Optional: what you saw, e.g. a deploy at 12:05 (key c)">
          <TextArea
            ref={noteRef}
            rows={2}
            value={draft.note}
            placeholder="note"
            onChange={(event) => onChange({ ...draft, note: event.currentTarget.value })}
            onKeyDown={blurOnEscape}
          />
        </Field>
        <SaveSkipFooter onSkip={onSkip} saving={saving} problem={problem} status={status} />
      </Stack>
    </form>
  );
}
