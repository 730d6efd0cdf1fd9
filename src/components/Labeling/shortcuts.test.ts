import { actionForKey, SHORTCUT_HELP } from './shortcuts';

describe('actionForKey', () => {
  it('maps digits to root-cause indexes', () => {
    expect(actionForKey({ key: '1' })).toEqual({ type: 'rootCause', index: 0 });
    expect(actionForKey({ key: '9' })).toEqual({ type: 'rootCause', index: 8 });
    expect(actionForKey({ key: '0' })).toBeUndefined();
  });

  it('maps h/m/l (either case) to confidences', () => {
    expect(actionForKey({ key: 'h' })).toEqual({ type: 'confidence', confidence: 'high' });
    expect(actionForKey({ key: 'M' })).toEqual({ type: 'confidence', confidence: 'medium' });
    expect(actionForKey({ key: 'l' })).toEqual({ type: 'confidence', confidence: 'low' });
  });

  it.each([
    ['Enter', 'save'],
    ['s', 'skip'],
    ['j', 'next'],
    ['ArrowDown', 'next'],
    ['k', 'previous'],
    ['c', 'focusComponent'],
    ['?', 'help'],
    ['Escape', 'close'],
  ])('maps %s to %s', (key, type) => {
    expect(actionForKey({ key })?.type).toBe(type);
  });

  it('switches views', () => {
    expect(actionForKey({ key: 'd' })).toEqual({ type: 'view', view: 'disagreements' });
    expect(actionForKey({ key: 'a' })).toEqual({ type: 'view', view: 'agreement' });
    expect(actionForKey({ key: 'q' })).toEqual({ type: 'view', view: 'queue' });
  });

  it('maps t / f / u to verdicts and i / n to the queues', () => {
    expect(actionForKey({ key: 't' })).toEqual({ type: 'verdict', verdict: 'true_anomaly' });
    expect(actionForKey({ key: 'F' })).toEqual({ type: 'verdict', verdict: 'false_alarm' });
    expect(actionForKey({ key: 'u' })).toEqual({ type: 'verdict', verdict: 'unknown' });
    expect(actionForKey({ key: 'i' })).toEqual({ type: 'kind', kind: 'incidents' });
    expect(actionForKey({ key: 'n' })).toEqual({ type: 'kind', kind: 'anomalies' });
  });

  it('leaves modified presses to the browser', () => {
    expect(actionForKey({ key: 's', ctrlKey: true })).toBeUndefined();
    expect(actionForKey({ key: '1', metaKey: true })).toBeUndefined();
    expect(actionForKey({ key: 'x' })).toBeUndefined();
  });

  it('documents a key for every action', () => {
    const documented = SHORTCUT_HELP.map((entry) => entry.keys).join(' ');
    for (const key of ['1', 't / f / u', 'h', 'Enter', 's', 'j', 'k', 'c', 'q', 'd', 'a', 'i / n', '?', 'Esc']) {
      expect(documented).toContain(key);
    }
  });
});
