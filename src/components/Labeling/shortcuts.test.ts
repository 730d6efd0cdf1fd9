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

  it('leaves modified presses to the browser', () => {
    expect(actionForKey({ key: 's', ctrlKey: true })).toBeUndefined();
    expect(actionForKey({ key: '1', metaKey: true })).toBeUndefined();
    expect(actionForKey({ key: 'x' })).toBeUndefined();
  });

  it('documents a key for every action', () => {
    const documented = SHORTCUT_HELP.map((entry) => entry.keys).join(' ');
    for (const key of ['1', 'h', 'Enter', 's', 'j', 'k', 'c', 'q', 'd', 'a', '?', 'Esc']) {
      expect(documented).toContain(key);
    }
  });
});
