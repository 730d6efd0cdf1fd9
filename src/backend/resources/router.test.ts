import { HttpError } from './http';
import { Router } from './router';

function router() {
  return new Router<string>()
    .add('GET', 'incidents/:id', 'get-one')
    .add('GET', 'incidents/export', 'export')
    .add('PATCH', 'incidents/:id', 'patch')
    .add('GET', 'incidents', 'list')
    .add('POST', 'incidents/:id/labels', 'label');
}

function failure(run: () => unknown): HttpError {
  try {
    run();
  } catch (err) {
    if (err instanceof HttpError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected an HttpError');
}

describe('Router', () => {
  it('matches literal and parameter segments and extracts parameters', () => {
    expect(router().match('GET', 'incidents')).toMatchObject({ route: 'list', params: {} });
    expect(router().match('post', '/incidents/inc_1/labels/')).toMatchObject({
      route: 'label',
      params: { id: 'inc_1' },
    });
  });

  it('prefers the more literal pattern whatever the registration order', () => {
    expect(router().match('GET', 'incidents/export').route).toBe('export');
    expect(router().match('GET', 'incidents/exported').route).toBe('get-one');
  });

  it('decodes percent-encoded segments, and keeps a stray % as it is', () => {
    expect(router().match('GET', 'incidents/a%2Fb').params.id).toBe('a/b');
    expect(router().match('GET', 'incidents/100%').params.id).toBe('100%');
  });

  it('ignores a query string in the path', () => {
    expect(router().match('GET', 'incidents?limit=5').route).toBe('list');
  });

  it('answers 404 for unknown paths and empty parameters', () => {
    expect(failure(() => router().match('GET', 'nothing')).status).toBe(404);
    expect(failure(() => router().match('POST', 'incidents//labels')).status).toBe(404);
  });

  it('answers 405 with the allowed methods when only the method is wrong', () => {
    const err = failure(() => router().match('DELETE', 'incidents/inc_1'));
    expect(err.status).toBe(405);
    expect(err.headers).toEqual({ Allow: ['GET, PATCH'] });
    expect(err.message).toBe('DELETE is not allowed here; use GET, PATCH');
  });

  it('refuses a route registered twice', () => {
    expect(() => router().add('GET', 'incidents', 'again')).toThrow('route GET incidents registered twice');
  });
});
