/**
 * Captures metrics snapshots for a data source's incidents: on demand (the snapshot route) and in the
 * background after ingestion, where it must never slow down or fail a webhook's acknowledgement. The background
 * queue is bounded and deduplicated, and runs two captures at a time so an alert storm does not become a
 * Prometheus storm.
 */
import { log } from 'backend/grafana/logger';
import { NotFoundError } from 'backend/store/errors';
import type { Store } from 'backend/store/store';
import type { Incident, LabelingSettings } from 'contract/resources';
import { HttpError } from '../http';
import { captureMetrics, type RangeQuerier } from './capture';

const CONCURRENCY = 2;
const MAX_QUEUED = 1000;
/** Settings are re-read at most this often by the background queue. */
const SETTINGS_TTL_MS = 5000;
const CAPTURE_TIMEOUT_MS = 60_000;

export class SnapshotService {
  private readonly queued = new Map<string, string>();
  private active = 0;
  private settings?: { value: LabelingSettings; at: number };

  constructor(
    private readonly store: Store,
    private readonly client: () => Promise<RangeQuerier>,
    private readonly now: () => number = Date.now
  ) {}

  /** Queues background captures; silently drops what exceeds the queue (logged), never throws. */
  schedule(ids: readonly string[], actor: string): void {
    for (const id of ids) {
      if (this.queued.size >= MAX_QUEUED) {
        log.warn('Snapshot queue full, dropping capture', { incident: id });
        continue;
      }
      this.queued.set(id, actor);
    }
    this.pump();
  }

  async captureNow(id: string, actor: string, signal?: AbortSignal): Promise<Incident> {
    const incident = await this.store.getIncident(id);
    if (!incident) {
      throw new NotFoundError(`incident ${id} not found`);
    }
    const { snapshotQueries } = await this.store.getLabelingSettings();
    if (snapshotQueries.length === 0) {
      throw new HttpError(409, 'no snapshot queries configured: an Admin adds them in settings/labeling');
    }
    const capture = await captureMetrics(await this.client(), snapshotQueries, incident, this.now(), signal);
    return this.store.saveCapturedMetrics(id, capture, actor);
  }

  /** Resolves when the background queue is empty (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.queued.size > 0 || this.active > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private pump(): void {
    while (this.active < CONCURRENCY && this.queued.size > 0) {
      const [id, actor] = this.queued.entries().next().value as [string, string];
      this.queued.delete(id);
      this.active += 1;
      void this.backgroundCapture(id, actor).finally(() => {
        this.active -= 1;
        this.pump();
      });
    }
  }

  private async backgroundCapture(id: string, actor: string): Promise<void> {
    try {
      const settings = await this.currentSettings();
      if (settings.snapshotQueries.length === 0) {
        return;
      }
      const incident = await this.store.getIncident(id);
      if (!incident) {
        return;
      }
      const capture = await captureMetrics(
        await this.client(),
        settings.snapshotQueries,
        incident,
        this.now(),
        AbortSignal.timeout(CAPTURE_TIMEOUT_MS)
      );
      await this.store.saveCapturedMetrics(id, capture, actor);
    } catch (err) {
      log.warn('Metrics snapshot capture failed', {
        incident: id,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }

  private async currentSettings(): Promise<LabelingSettings> {
    const now = Date.now();
    if (!this.settings || now - this.settings.at > SETTINGS_TTL_MS) {
      this.settings = { value: await this.store.getLabelingSettings(), at: now };
    }
    return this.settings.value;
  }
}
