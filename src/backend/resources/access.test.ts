import type { CallResourceRequest } from 'backend/grafana/resource';
import type { WebhookTokenSetting } from 'backend/settings/store-settings';
import { authorize, sameSecret, type Access } from './access';
import { HttpError } from './http';

const TOKEN = '0123456789abcdef0123';

function request(role: string | null, headers: Record<string, string> = {}, login = 'alice'): CallResourceRequest {
  return {
    pluginContext: {
      orgId: 1,
      pluginId: 'traceo-ml-datasource',
      user: role === null ? undefined : { login, name: login, email: '', role },
      grafanaConfig: {},
      pluginVersion: '',
      userAgent: '',
    },
    path: 'incidents',
    method: 'GET',
    url: 'incidents',
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    body: Buffer.alloc(0),
  };
}

const configured = (): WebhookTokenSetting => ({ state: 'ok', token: TOKEN });

function status(access: Access, req: CallResourceRequest, token = configured): number {
  try {
    authorize(access, req, token, 'webhook:generic');
    return 200;
  } catch (err) {
    return (err as HttpError).status;
  }
}

describe('authorize', () => {
  it.each([
    ['viewer', 'Viewer', 200],
    ['viewer', 'None', 403],
    ['editor', 'Viewer', 403],
    ['editor', 'Editor', 200],
    ['editor', 'Admin', 200],
    ['admin', 'Editor', 403],
    ['admin', 'Admin', 200],
    ['internal', 'Viewer', 403],
    ['internal', 'Editor', 200],
  ] as const)('%s route, %s user → %i', (access, role, expected) => {
    expect(status(access, request(role))).toBe(expected);
  });

  it('reads roles case-insensitively', () => {
    expect(status('admin', request('admin'))).toBe(200);
  });

  it('lets Grafana itself (no user) reach internal routes only', () => {
    expect(authorize('internal', request(null), configured)).toEqual({ actor: 'grafana' });
    expect(status('viewer', request(null))).toBe(403);
  });

  it('uses the login as actor and reviewer, and refuses users without one', () => {
    expect(authorize('editor', request('Editor'), configured)).toEqual({ actor: 'alice', login: 'alice' });
    expect(status('viewer', request('Admin', {}, '  '))).toBe(403);
  });

  it('names the missing role in the message', () => {
    expect(() => authorize('admin', request('Editor'), configured)).toThrow(
      'deleting incidents and changing settings needs the Admin role or higher; alice has Editor'
    );
  });

  describe('webhook token', () => {
    it('accepts the token header or a bearer token, whatever the user', () => {
      expect(
        authorize('webhook', request(null, { 'X-Traceo-Webhook-Token': TOKEN }), configured, 'webhook:generic')
      ).toEqual({
        actor: 'webhook:generic',
      });
      expect(status('webhook', request('Viewer', { authorization: `bearer ${TOKEN}` }))).toBe(200);
    });

    it('prefers the token header over Authorization, which Grafana uses for itself', () => {
      const req = request(null, { Authorization: 'Bearer glsa_service_account', 'x-traceo-webhook-token': TOKEN });
      expect(status('webhook', req)).toBe(200);
    });

    it('answers 401 for a missing or wrong token and 403 while webhooks are off', () => {
      expect(status('webhook', request(null))).toBe(401);
      expect(status('webhook', request('Admin'))).toBe(401);
      expect(status('webhook', request(null, { 'X-Traceo-Webhook-Token': `${TOKEN}0` }))).toBe(401);
      expect(status('webhook', request(null, { 'X-Traceo-Webhook-Token': TOKEN }), () => ({ state: 'missing' }))).toBe(
        403
      );
      expect(
        status('webhook', request(null, { 'X-Traceo-Webhook-Token': TOKEN }), () => ({
          state: 'invalid',
          message: 'x',
        }))
      ).toBe(403);
    });
  });
});

describe('sameSecret', () => {
  it('compares secrets of any length', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
