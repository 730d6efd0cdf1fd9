import { InstanceManager } from './instance-provider';
import type { DataSourceInstanceSettings, PluginContext } from './plugin-context';

function context(
  overrides: Partial<DataSourceInstanceSettings> = {},
  extra: Partial<PluginContext> = {}
): PluginContext {
  return {
    orgId: 1,
    pluginId: 'traceo-ml-datasource',
    grafanaConfig: { GF_APP_URL: 'http://grafana:3000' },
    pluginVersion: '1.0.0',
    userAgent: '',
    dataSourceInstanceSettings: {
      uid: 'ds1',
      name: 'Traceo',
      url: '',
      user: '',
      database: '',
      basicAuthEnabled: false,
      basicAuthUser: '',
      jsonData: { prometheusUrl: 'http://prom:9090' },
      decryptedSecureJsonData: {},
      lastUpdatedMs: 1000,
      apiVersion: '',
      ...overrides,
    },
    ...extra,
  };
}

interface Instance {
  id: number;
  url: unknown;
}

function manager() {
  let built = 0;
  const disposed: number[] = [];
  const factory = jest.fn(async (settings: DataSourceInstanceSettings): Promise<Instance> => {
    await new Promise((resolve) => setImmediate(resolve));
    return { id: ++built, url: settings.jsonData.prometheusUrl };
  });
  const instances = new InstanceManager<Instance>(factory, (instance) => {
    disposed.push(instance.id);
  });
  return { instances, factory, disposed };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('InstanceManager', () => {
  it('builds one instance per data source and reuses it while the settings are unchanged', async () => {
    const { instances, factory } = manager();
    const first = await instances.get(context());
    const again = await instances.get(context());
    expect(again).toBe(first);
    expect(first.url).toBe('http://prom:9090');
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('keys instances by org and data source uid', async () => {
    const { instances } = manager();
    const a = await instances.get(context());
    const otherUid = await instances.get(context({ uid: 'ds2' }));
    const otherOrg = await instances.get(context({}, { orgId: 2 }));
    expect(new Set([a.id, otherUid.id, otherOrg.id]).size).toBe(3);
    expect(instances.size).toBe(3);
  });

  it('shares one build between concurrent requests', async () => {
    const { instances, factory } = manager();
    const [a, b, c] = await Promise.all([instances.get(context()), instances.get(context()), instances.get(context())]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(factory).toHaveBeenCalledTimes(1);
  });

  it('rebuilds when lastUpdatedMs changes and disposes the old instance', async () => {
    const { instances, disposed } = manager();
    const old = await instances.get(context());
    const fresh = await instances.get(context({ lastUpdatedMs: 2000, jsonData: { prometheusUrl: 'http://new:9090' } }));
    await flush();
    expect(fresh.id).not.toBe(old.id);
    expect(fresh.url).toBe('http://new:9090');
    expect(disposed).toEqual([old.id]);
  });

  it('rebuilds when the Grafana config changes, but not when only its key order does', async () => {
    const { instances, factory } = manager();
    const base = context({}, { grafanaConfig: { A: '1', B: '2' } });
    await instances.get(base);
    await instances.get({ ...base, grafanaConfig: { B: '2', A: '1' } });
    expect(factory).toHaveBeenCalledTimes(1);
    await instances.get({ ...base, grafanaConfig: { A: '1', B: '3' } });
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('does not cache a failed build', async () => {
    let attempts = 0;
    const instances = new InstanceManager(() => {
      attempts++;
      if (attempts === 1) {
        throw new Error('bad settings');
      }
      return attempts;
    });
    await expect(instances.get(context())).rejects.toThrow('bad settings');
    await expect(instances.get(context())).resolves.toBe(2);
  });

  it('refuses a request without data source settings', async () => {
    const { instances } = manager();
    await expect(instances.get({ ...context(), dataSourceInstanceSettings: undefined })).rejects.toThrow(
      /no data source instance settings/
    );
  });

  it('disposes every instance on disposeAll, logging a failing disposer', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const disposed: string[] = [];
    const instances = new InstanceManager(
      (settings) => settings.uid,
      (uid) => {
        disposed.push(uid);
        if (uid === 'ds1') {
          throw new Error('already closed');
        }
      }
    );
    await instances.get(context());
    await instances.get(context({ uid: 'ds2' }));
    await instances.disposeAll();
    expect(disposed.sort()).toEqual(['ds1', 'ds2']);
    expect(instances.size).toBe(0);
    expect(String(stderr.mock.calls[0][0])).toContain('"error":"already closed"');
    stderr.mockRestore();
  });
});
