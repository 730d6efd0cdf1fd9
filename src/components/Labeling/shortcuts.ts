import { ANOMALY_VERDICTS, AnomalyVerdict, CONFIDENCES, Confidence } from 'contract/labels';

/** Everything a reviewer can do on the labeling page; each one has a key. */
export type LabelingAction =
  | { type: 'rootCause'; index: number }
  | { type: 'verdict'; verdict: AnomalyVerdict }
  | { type: 'confidence'; confidence: Confidence }
  | { type: 'save' }
  | { type: 'skip' }
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'focusComponent' }
  | { type: 'view'; view: LabelingView }
  | { type: 'kind'; kind: LabelingKind }
  | { type: 'help' }
  | { type: 'close' };

export type LabelingView = 'queue' | 'disagreements' | 'agreement';

/** The two queues of the page: incidents from alert senders and anomalies our detectors found. */
export type LabelingKind = 'incidents' | 'anomalies';

/** Root causes beyond the ninth have no digit key; they stay one click away in the form. */
export const MAX_ROOT_CAUSE_KEYS = 9;

const CONFIDENCE_KEYS: Record<string, Confidence> = { h: 'high', m: 'medium', l: 'low' };

/** The letter of each verdict, shown on the form; on the anomaly side the digits 1–3 pick them too. */
export const VERDICT_KEY: Record<AnomalyVerdict, string> = { true_anomaly: 't', false_alarm: 'f', unknown: 'u' };

const VERDICT_KEYS = Object.fromEntries(ANOMALY_VERDICTS.map((verdict) => [VERDICT_KEY[verdict], verdict]));

/** The keys as the help lists them, in one place so the overlay and the handler can never drift apart. */
export const SHORTCUT_HELP: Array<{ keys: string; description: string }> = [
  { keys: 'i / n', description: 'Incidents / anomalies queue' },
  { keys: '1 – 9', description: 'Incidents: pick the root cause with that number' },
  {
    keys: 't / f / u',
    description: `Anomalies: verdict ${ANOMALY_VERDICTS.join(' / ').replace(/_/g, ' ')} (or 1 – 3)`,
  },
  { keys: 'h / m / l', description: `Confidence: ${CONFIDENCES.join(' / ')}` },
  { keys: 'c', description: 'Type the component (incidents) or the note (anomalies)' },
  { keys: 'Enter', description: 'Save the label and go to the next item' },
  { keys: 's', description: 'Skip this item' },
  { keys: 'j / k', description: 'Next / previous item' },
  { keys: 'q / d / a', description: 'Queue / disagreements / agreement view' },
  { keys: '?', description: 'Show or hide this help' },
  { keys: 'Esc', description: 'Close the help, leave the component field' },
];

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
}

/**
 * The action a key press stands for, or undefined. Modified presses (Ctrl/Cmd/Alt) belong to the browser and
 * Grafana, so they never label anything by accident.
 */
export function actionForKey(press: KeyPress): LabelingAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) {
    return undefined;
  }
  const { key } = press;
  if (/^[1-9]$/.test(key)) {
    return { type: 'rootCause', index: Number(key) - 1 };
  }
  const lower = key.length === 1 ? key.toLowerCase() : key;
  if (lower in CONFIDENCE_KEYS) {
    return { type: 'confidence', confidence: CONFIDENCE_KEYS[lower] };
  }
  if (lower in VERDICT_KEYS) {
    return { type: 'verdict', verdict: VERDICT_KEYS[lower] };
  }
  switch (lower) {
    case 'Enter':
      return { type: 'save' };
    case 's':
      return { type: 'skip' };
    case 'j':
    case 'ArrowDown':
      return { type: 'next' };
    case 'k':
    case 'ArrowUp':
      return { type: 'previous' };
    case 'c':
      return { type: 'focusComponent' };
    case 'q':
      return { type: 'view', view: 'queue' };
    case 'd':
      return { type: 'view', view: 'disagreements' };
    case 'a':
      return { type: 'view', view: 'agreement' };
    case 'i':
      return { type: 'kind', kind: 'incidents' };
    case 'n':
      return { type: 'kind', kind: 'anomalies' };
    case '?':
      return { type: 'help' };
    case 'Escape':
      return { type: 'close' };
    default:
      return undefined;
  }
}
