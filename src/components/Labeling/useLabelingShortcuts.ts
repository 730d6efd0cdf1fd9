import { useEffect, useRef } from 'react';

import { actionForKey, LabelingAction } from './shortcuts';

/** Elements where keys are text, not commands. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Sends the page's shortcut keys to `onAction`. Typing in a field never triggers them, and Enter on a focused
 * button or link keeps its native meaning (activating that control) instead of also saving. `accepts` splits the
 * keys between listeners (the kind switch and the mounted queue): a key it refuses is left to the others.
 */
export function useLabelingShortcuts(
  onAction: (action: LabelingAction) => void,
  enabled = true,
  accepts: (action: LabelingAction) => boolean = () => true
) {
  const handler = useRef({ onAction, accepts });
  // The listener stays registered once; it reads the newest callback (and so the newest page state) through here.
  useEffect(() => {
    handler.current = { onAction, accepts };
  });

  useEffect(() => {
    if (!enabled) {
      return;
    }
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) {
        return;
      }
      const action = actionForKey(event);
      if (!action || !handler.current.accepts(action)) {
        return;
      }
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (action.type === 'save' && target && ['BUTTON', 'A'].includes(target.tagName)) {
        return;
      }
      event.preventDefault();
      handler.current.onAction(action);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [enabled]);
}
