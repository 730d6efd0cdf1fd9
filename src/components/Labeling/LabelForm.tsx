import React, { RefObject } from 'react';

import { Field, Input, Stack } from '@grafana/ui';

import { Confidence } from 'contract/labels';

import { humanizeCategory } from './agreementText';
import { blurOnEscape, ChoiceGrid, ConfidenceField, SaveSkipFooter } from './LabelFormParts';
import { labelingTestIds } from './labelingTestIds';
import { MAX_ROOT_CAUSE_KEYS } from './shortcuts';

export interface LabelDraft {
  rootCause: string | undefined;
  component: string;
  confidence: Confidence | undefined;
}

export const EMPTY_DRAFT: LabelDraft = { rootCause: undefined, component: '', confidence: undefined };

interface Props {
  rootCauses: string[];
  draft: LabelDraft;
  onChange: (draft: LabelDraft) => void;
  onSave: () => void;
  onSkip: () => void;
  saving: boolean;
  /** Why the last save failed, or what is still missing. */
  problem: string | undefined;
  /** Confirmation of the last answer. */
  status: string | undefined;
  componentRef: RefObject<HTMLInputElement>;
}

/** Root cause, component and confidence; every control shows its key so the mouse is optional. */
export function LabelForm({
  rootCauses,
  draft,
  onChange,
  onSave,
  onSkip,
  saving,
  problem,
  status,
  componentRef,
}: Props) {
  return (
    <form
      data-testid={labelingTestIds.form}
      aria-label="Label this incident"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      <Stack direction="column" gap={2}>
        <ChoiceGrid
          legend="Root cause"
          choices={rootCauses.map((cause, index) => ({
            value: cause,
            label: humanizeCategory(cause),
            key: index < MAX_ROOT_CAUSE_KEYS ? String(index + 1) : undefined,
          }))}
          value={draft.rootCause}
          onChange={(rootCause) => onChange({ ...draft, rootCause })}
        />
        <Field label="Affected component" description="Optional, e.g. orders-db (key c)">
          <Input
            ref={componentRef}
            value={draft.component}
            placeholder="component"
            onChange={(event) => onChange({ ...draft, component: event.currentTarget.value })}
            onKeyDown={blurOnEscape}
          />
        </Field>
        <ConfidenceField value={draft.confidence} onChange={(confidence) => onChange({ ...draft, confidence })} />
        <SaveSkipFooter onSkip={onSkip} saving={saving} problem={problem} status={status} />
      </Stack>
    </form>
  );
}
