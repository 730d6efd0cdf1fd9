/**
 * One long-lived instance per data source (HTTP client, connection pool, caches), like the Go SDK's
 * datasource/instance_provider.go: keyed by org and data source uid, rebuilt when Grafana says the settings
 * changed (lastUpdatedMs, or the per-request Grafana configuration), the previous one disposed.
 */
import { log } from './logger';
import type { DataSourceInstanceSettings, PluginContext } from './plugin-context';

export type InstanceFactory<T> = (settings: DataSourceInstanceSettings, ctx: PluginContext) => Promise<T> | T;
export type InstanceDisposer<T> = (instance: T) => void | Promise<void>;

interface CacheEntry<T> {
  /** What the instance was built from; a different version means the settings changed. */
  version: string;
  instance: Promise<T>;
}

/** Stable regardless of key order, so an unchanged config never looks changed. */
function settingsVersion(settings: DataSourceInstanceSettings, ctx: PluginContext): string {
  const config = Object.keys(ctx.grafanaConfig)
    .sort()
    .map((key) => [key, ctx.grafanaConfig[key]]);
  return JSON.stringify([settings.lastUpdatedMs, config]);
}

export class InstanceManager<T> {
  private readonly cache = new Map<string, CacheEntry<T>>();

  constructor(
    private readonly factory: InstanceFactory<T>,
    private readonly dispose?: InstanceDisposer<T>
  ) {}

  /**
   * The instance for the request's data source. Concurrent calls for the same settings share one build;
   * a failed build is not cached, so the next request tries again.
   */
  get(ctx: PluginContext): Promise<T> {
    const settings = ctx.dataSourceInstanceSettings;
    if (!settings) {
      return Promise.reject(new Error('the request carries no data source instance settings'));
    }
    const key = `${ctx.orgId}/${settings.uid}`;
    const version = settingsVersion(settings, ctx);
    const cached = this.cache.get(key);
    if (cached?.version === version) {
      return cached.instance;
    }

    const instance = Promise.resolve().then(() => this.factory(settings, ctx));
    const entry: CacheEntry<T> = { version, instance };
    this.cache.set(key, entry);
    // The previous instance was built from outdated settings: release it now, as the Go SDK does, rather than
    // keep two pools open. Requests already holding it finish with it.
    if (cached) {
      this.disposeLater(cached.instance);
    }
    instance.catch(() => {
      if (this.cache.get(key) === entry) {
        this.cache.delete(key);
      }
    });
    return instance;
  }

  /** Disposes every instance, e.g. when the plugin shuts down. */
  async disposeAll(): Promise<void> {
    const entries = [...this.cache.values()];
    this.cache.clear();
    await Promise.all(entries.map((entry) => this.disposeNow(entry.instance)));
  }

  get size(): number {
    return this.cache.size;
  }

  private disposeLater(instance: Promise<T>): void {
    void this.disposeNow(instance);
  }

  private async disposeNow(instance: Promise<T>): Promise<void> {
    if (!this.dispose) {
      return;
    }
    let built: T;
    try {
      built = await instance;
    } catch {
      return; // Never built: nothing to release.
    }
    try {
      await this.dispose(built);
    } catch (err) {
      log.warn('Disposing a data source instance failed', { error: err });
    }
  }
}
