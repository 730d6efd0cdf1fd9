import type { IncidentEvent } from './store';
import { applyIncidentEvent } from './incident-merge';

const T0 = Date.UTC(2025, 0, 1, 12);
const MIN = 60_000;

function firing(overrides: Partial<IncidentEvent> = {}): IncidentEvent {
  return {
    source: 'alertmanager',
    externalId: 'abc@2025-01-01T12:00:00Z',
    status: 'firing',
    observedAt: T0,
    startedAt: T0,
    endedAt: null,
    title: 'HighLatency',
    details: { service: 'checkout', severity: 'critical', alertLabels: { alertname: 'HighLatency' } },
    ...overrides,
  };
}

function resolved(overrides: Partial<IncidentEvent> = {}): IncidentEvent {
  return firing({ status: 'resolved', observedAt: T0 + 30 * MIN, endedAt: T0 + 30 * MIN, ...overrides });
}

describe('applyIncidentEvent', () => {
  it('creates an incident from its first event', () => {
    const { record, outcome } = applyIncidentEvent(undefined, firing(), T0 + 1);
    expect(outcome).toBe('created');
    expect(record).toMatchObject({
      status: 'firing',
      startedAt: T0,
      endedAt: null,
      lastEventAt: T0,
      service: 'checkout',
      contributingFactors: [],
      createdAt: T0 + 1,
    });
    expect(record.id).toMatch(/^inc_[0-9a-f]{24}$/);
  });

  it('leaves the incident unchanged on a duplicate delivery', () => {
    const created = applyIncidentEvent(undefined, firing(), T0).record;
    const again = applyIncidentEvent(created, firing(), T0 + 5 * MIN);
    expect(again.outcome).toBe('unchanged');
    expect(again.record).toBe(created);
  });

  it('treats label order as no change', () => {
    const created = applyIncidentEvent(undefined, firing({ details: { alertLabels: { a: '1', b: '2' } } }), T0).record;
    const again = applyIncidentEvent(created, firing({ details: { alertLabels: { b: '2', a: '1' } } }), T0);
    expect(again.outcome).toBe('unchanged');
  });

  it('resolves a firing incident and records what changed', () => {
    const created = applyIncidentEvent(undefined, firing(), T0).record;
    const { record, outcome, changes } = applyIncidentEvent(created, resolved(), T0 + 31 * MIN);
    expect(outcome).toBe('updated');
    expect(record).toMatchObject({ status: 'resolved', endedAt: T0 + 30 * MIN, updatedAt: T0 + 31 * MIN });
    expect(changes.status).toEqual({ before: 'firing', after: 'resolved' });
    expect(Object.keys(changes).sort()).toEqual(['endedAt', 'lastEventAt', 'status']);
  });

  it('keeps an incident resolved when its firing event arrives late (resolve before fire)', () => {
    const first = applyIncidentEvent(undefined, resolved(), T0 + 31 * MIN);
    expect(first.record.status).toBe('resolved');
    const late = applyIncidentEvent(first.record, firing({ details: { url: 'http://rule' } }), T0);
    expect(late.record).toMatchObject({ status: 'resolved', endedAt: T0 + 30 * MIN, url: 'http://rule' });
    expect(late.outcome).toBe('updated');
  });

  it('lets an older event fill blanks but never overwrite newer values', () => {
    const current = applyIncidentEvent(undefined, resolved({ details: { service: 'payments' } }), T0).record;
    const old = applyIncidentEvent(current, firing({ details: { service: 'checkout', severity: 'warning' } }), T0);
    expect(old.record.service).toBe('payments');
    expect(old.record.severity).toBe('warning');
  });

  it('prefers the resolution when firing and resolved carry the same instant', () => {
    const at = T0 + 10 * MIN;
    const r = applyIncidentEvent(undefined, resolved({ observedAt: at, endedAt: at }), T0).record;
    expect(applyIncidentEvent(r, firing({ observedAt: at }), T0).record.status).toBe('resolved');
    const f = applyIncidentEvent(undefined, firing({ observedAt: at }), T0).record;
    expect(applyIncidentEvent(f, resolved({ observedAt: at, endedAt: at }), T0).record.status).toBe('resolved');
  });

  it('reopens on a newer firing event (PagerDuty reopen) and clears the end', () => {
    const r = applyIncidentEvent(undefined, resolved(), T0).record;
    const reopened = applyIncidentEvent(r, firing({ observedAt: T0 + 60 * MIN }), T0 + 60 * MIN).record;
    expect(reopened).toMatchObject({ status: 'firing', endedAt: null, lastEventAt: T0 + 60 * MIN });
  });

  it('keeps the earliest start any event reported', () => {
    const r = applyIncidentEvent(undefined, firing({ startedAt: T0 + MIN }), T0).record;
    expect(applyIncidentEvent(r, resolved({ startedAt: T0 }), T0).record.startedAt).toBe(T0);
  });

  it('falls back to the observation time when a resolution carries no end', () => {
    const r = applyIncidentEvent(undefined, resolved({ endedAt: null, observedAt: T0 + 7 * MIN }), T0).record;
    expect(r.endedAt).toBe(T0 + 7 * MIN);
  });
});
