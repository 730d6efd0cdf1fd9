import type { IncidentQuery } from 'backend/store/store';
import type { Incident, LabelingSummary, Page } from 'contract/resources';

import { RandomForestClassifier } from 'ml/active';

import { LabelQueue, MAX_QUEUE_CANDIDATES, orderForLearning } from './label-queue';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 1);

function summary(consensus: string | null): LabelingSummary {
  return consensus === null
    ? { state: 'unlabeled', reviewers: [], skippedBy: [], consensus: null }
    : { state: 'consensus', reviewers: ['ann', 'bob'], skippedBy: [], consensus };
}

function incident(id: string, fields: Partial<Incident> = {}, consensus: string | null = null): Incident {
  return {
    id,
    source: 'generic',
    externalId: id,
    title: id,
    status: 'resolved',
    service: 'checkout',
    severity: 'high',
    startedAt: T0,
    endedAt: null,
    durationMinutes: 30,
    impactUsers: 100,
    reportedRootCause: null,
    contributingFactors: [],
    metricsSnapshot: null,
    errorLogs: [],
    traceIds: [],
    resolutionAction: null,
    prevention: null,
    alertLabels: {},
    annotations: {},
    url: null,
    capturedMetrics: null,
    createdAt: T0,
    updatedAt: T0,
    lastEventAt: T0,
    labeling: summary(consensus),
    ...fields,
  };
}

/** Three families of look-alikes; within a family only the start minute differs. */
const FAMILIES: Array<Partial<Incident>> = [
  { service: 'payments-db', severity: 'critical', durationMinutes: 240, impactUsers: 50_000 },
  { service: 'search', severity: 'low', durationMinutes: 3, impactUsers: 2 },
  { service: 'edge-proxy', severity: 'medium', durationMinutes: 45, impactUsers: 900, alertLabels: { a: '1', b: '2' } },
];

function nearDuplicates(perFamily: number): Incident[] {
  const out: Incident[] = [];
  // Interleaved in time so that newest-first alone would not spread the families.
  for (let f = 0; f < FAMILIES.length; f++) {
    for (let k = 0; k < perFamily; k++) {
      out.push(incident(`f${f}-${k}`, { ...FAMILIES[f], startedAt: T0 + f * 10 * HOUR + k * 60_000 }));
    }
  }
  return out;
}

const family = (item: Incident) => item.id.split('-')[0];

/**
 * Two root causes that differ in service, duration and impact (a little jitter so the forest has thresholds), all at
 * the same hour of day so that the time of day says nothing.
 */
function labeledClasses(perClass: number): Incident[] {
  const day = 24 * HOUR;
  const out: Incident[] = [];
  for (let k = 0; k < perClass; k++) {
    out.push(
      incident(
        `db-${k}`,
        { service: 'orders-db', durationMinutes: 20 + k, impactUsers: 10 + k, startedAt: T0 - (2 * k + 1) * day },
        'database_slow'
      )
    );
    out.push(
      incident(
        `net-${k}`,
        {
          service: 'edge-proxy',
          durationMinutes: 600 + 10 * k,
          impactUsers: 20_000 + 100 * k,
          startedAt: T0 - (2 * k + 2) * day,
        },
        'network_latency'
      )
    );
  }
  return out;
}

describe('orderForLearning', () => {
  it('does not put near-duplicates next to each other at the head of an unlabeled queue', () => {
    const order = orderForLearning(nearDuplicates(5), []);

    expect(order).toHaveLength(15);
    const top = order.slice(0, FAMILIES.length).map(family);
    expect(new Set(top).size).toBe(FAMILIES.length);
  });

  it('keeps the first batch away from what is already labeled', () => {
    const labeled = [incident('seen', FAMILIES[0], 'database_slow')];
    const order = orderForLearning(nearDuplicates(4), labeled);

    expect(family(order[0])).not.toBe('f0');
    expect(family(order[1])).not.toBe('f0');
  });

  it('ranks an incident between two root causes above one deep inside a class', () => {
    const deepInside = incident('deep', { service: 'orders-db', durationMinutes: 22, impactUsers: 12 });
    // The service of one class with the duration and impact of the other: the forest's trees disagree.
    const between = incident('between', { service: 'orders-db', durationMinutes: 600, impactUsers: 20_000 });
    // The deep one is newer, so recency alone would put it first.
    const open = [{ ...deepInside, startedAt: T0 + 24 * HOUR }, between];

    const order = orderForLearning(open, labeledClasses(12)).map((item) => item.id);

    expect(order).toEqual(['between', 'deep']);
  });

  it('is deterministic whatever the input order', () => {
    const items = nearDuplicates(6);
    const labeled = labeledClasses(6);
    const first = orderForLearning(items, labeled).map((item) => item.id);
    const again = orderForLearning([...items].reverse(), [...labeled].reverse()).map((item) => item.id);

    expect(again).toEqual(first);
    expect(new Set(first).size).toBe(items.length);
  });

  it('breaks ties by recency beyond the diversity stage', () => {
    // 150 identical incidents: all equally uncertain and alike, so past the first 100 the order is newest first.
    const items = Array.from({ length: 150 }, (_, k) => incident(`same-${k}`, { startedAt: T0 + k * 60_000 }));
    const order = orderForLearning(items, []);

    const tail = order.slice(100).map((item) => item.startedAt);
    expect(tail).toEqual([...tail].sort((a, b) => b - a));
    // The head holds the 100 newest.
    expect(Math.min(...order.slice(0, 100).map((item) => item.startedAt))).toBe(T0 + 50 * 60_000);
  });
});

describe('LabelQueue', () => {
  /**
   * An in-memory store over the given incidents: newest first, labelState filter and paging. A fake because jest
   * runs on Node 20 without node:sqlite; the real stores' listIncidents and labelSetVersion are proven by the
   * store contract suite. Its version changes exactly when the consensus labels do.
   */
  function fakeStore(all: Incident[]) {
    const calls: IncidentQuery[] = [];
    return {
      calls,
      all,
      async labelSetVersion(): Promise<string> {
        return all
          .filter((item) => item.labeling.consensus !== null)
          .map((item) => `${item.id}=${item.labeling.consensus}`)
          .join(',');
      },
      async listIncidents(query: IncidentQuery): Promise<Page<Incident>> {
        calls.push(query);
        const matching = all
          .filter((item) => query.labelState === undefined || item.labeling.state === query.labelState)
          .sort((a, b) => b.startedAt - a.startedAt);
        return {
          items: matching.slice(query.offset, query.offset + query.limit),
          total: matching.length,
          limit: query.limit,
          offset: query.offset,
        };
      },
    };
  }

  it('lists open incidents in learning order before settled ones, and pages through that order', async () => {
    const settled = labeledClasses(3);
    const open = nearDuplicates(3);
    const store = fakeStore([...open, ...settled]);
    const queue = new LabelQueue(store);

    const whole = await queue.page({}, 100, 0);
    expect(whole.total).toBe(open.length + settled.length);
    expect(whole.items.slice(0, open.length).every((item) => item.labeling.state === 'unlabeled')).toBe(true);
    expect(new Set(whole.items.map((item) => item.id)).size).toBe(whole.total);

    const second = await queue.page({}, 4, 4);
    expect(second.items.map((item) => item.id)).toEqual(whole.items.slice(4, 8).map((item) => item.id));
    expect(store.calls.every((call) => call.limit <= MAX_QUEUE_CANDIDATES)).toBe(true);
  });

  it('continues newest first past the ranked window', async () => {
    const store = fakeStore(nearDuplicates(2));
    // A store that pretends to hold more than the window: the remainder is fetched at the same offset.
    const bigger = {
      labelSetVersion: store.labelSetVersion,
      async listIncidents(query: IncidentQuery): Promise<Page<Incident>> {
        const page = await store.listIncidents(query);
        return { ...page, total: MAX_QUEUE_CANDIDATES + 10 };
      },
    };
    const page = await new LabelQueue(bigger).page({ service: 'x' }, 10, MAX_QUEUE_CANDIDATES);

    expect(page.total).toBe(MAX_QUEUE_CANDIDATES + 10);
    expect(store.calls.at(-1)).toMatchObject({
      service: 'x',
      order: 'newest',
      offset: MAX_QUEUE_CANDIDATES,
      limit: 10,
    });
  });

  describe('model cache', () => {
    let fit: jest.SpyInstance;
    beforeEach(() => {
      // A spy, not a mock: the real forest still fits; the test counts how often.
      fit = jest.spyOn(RandomForestClassifier.prototype, 'fit');
    });
    afterEach(() => fit.mockRestore());

    const trainingReads = (store: ReturnType<typeof fakeStore>) =>
      store.calls.filter((call) => call.labelState === 'consensus').length;

    it('reuses the trained model until a new label changes the labeled set', async () => {
      const store = fakeStore([...nearDuplicates(3), ...labeledClasses(4)]);
      const first = await new LabelQueue(store).page({}, 20, 0);
      expect(fit).toHaveBeenCalledTimes(1);

      const again = await new LabelQueue(store).page({}, 20, 0);
      await new LabelQueue(store).page({}, 5, 5);
      expect(fit).toHaveBeenCalledTimes(1);
      expect(trainingReads(store)).toBe(1);
      expect(again.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));

      // An open incident reaches consensus: the next request trains on it.
      const index = store.all.findIndex((item) => item.id === 'f1-0');
      store.all[index] = { ...store.all[index], labeling: summary('database_slow') };
      await new LabelQueue(store).page({}, 20, 0);
      expect(fit).toHaveBeenCalledTimes(2);
      expect(trainingReads(store)).toBe(2);
    });

    it('fits once for concurrent requests and keeps one model per store', async () => {
      const a = fakeStore([...nearDuplicates(2), ...labeledClasses(3)]);
      const b = fakeStore([...nearDuplicates(2), ...labeledClasses(3)]);
      await Promise.all([new LabelQueue(a).page({}, 10, 0), new LabelQueue(a).page({}, 10, 0)]);
      expect(fit).toHaveBeenCalledTimes(1);
      await new LabelQueue(b).page({}, 10, 0);
      expect(fit).toHaveBeenCalledTimes(2);
      await new LabelQueue(a).page({}, 10, 0);
      expect(fit).toHaveBeenCalledTimes(2);
    });

    it('does not keep a model whose labels could not be read', async () => {
      const store = fakeStore([...nearDuplicates(2), ...labeledClasses(3)]);
      let failing = true;
      const flaky = {
        labelSetVersion: store.labelSetVersion,
        async listIncidents(query: IncidentQuery): Promise<Page<Incident>> {
          if (failing && query.labelState === 'consensus') {
            throw new Error('store unavailable');
          }
          return store.listIncidents(query);
        },
      };
      await expect(new LabelQueue(flaky).page({}, 10, 0)).rejects.toThrow('store unavailable');
      failing = false;
      const page = await new LabelQueue(flaky).page({}, 10, 0);
      expect(page.items).toHaveLength(10);
      expect(fit).toHaveBeenCalledTimes(1);
    });
  });
});
