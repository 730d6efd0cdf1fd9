import { Dispatch, SetStateAction } from 'react';

import { Confidence } from 'contract/labels';

import { LabelingAction } from './shortcuts';

export interface FormHandlers {
  save: () => void;
  skip: () => void;
  /** Moves the focus to the form's free-text field (component, note). */
  focusText: () => void;
}

/**
 * The form keys both queues share: confidence, save, skip and the jump to the free-text field. True when the
 * action was one of them; the side's own keys (root cause, verdict) are left to the caller.
 */
export function handleFormAction<D extends { confidence: Confidence | undefined }>(
  action: LabelingAction,
  setDraft: Dispatch<SetStateAction<D>>,
  { save, skip, focusText }: FormHandlers
): boolean {
  switch (action.type) {
    case 'confidence':
      setDraft((d) => ({ ...d, confidence: action.confidence }));
      return true;
    case 'save':
      save();
      return true;
    case 'skip':
      skip();
      return true;
    case 'focusComponent':
      focusText();
      return true;
    default:
      return false;
  }
}
