/**
 * The go-plugin handshake as Grafana drives it (grafana-protocol.md §1): Grafana starts the executable with
 * a magic cookie and the protocol versions it speaks, and waits for one line on stdout that says where the
 * gRPC server listens.
 */

export const MAGIC_COOKIE_KEY = 'grafana_plugin_type';
/** The same value for every plugin type, apps included. */
export const MAGIC_COOKIE_VALUE = 'datasource';
/** go-plugin's own protocol version: the first field of the handshake line. */
export const CORE_PROTOCOL_VERSION = 1;
/** Grafana's plugin protocol version: the second field. */
export const PLUGIN_PROTOCOL_VERSION = 2;

export type HandshakeCheck = { ok: true } | { ok: false; message: string };

/**
 * Go plugins refuse to run without the cookie (a human started them by hand); they pick the highest
 * version in PLUGIN_PROTOCOL_VERSIONS they support. We support only 2. A missing list is tolerated when
 * the cookie is there, as go-plugin clients older than the list did not send it.
 */
export function checkHandshakeEnv(env: NodeJS.ProcessEnv): HandshakeCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return {
      ok: false,
      message:
        'This executable is a Grafana backend plugin: Grafana starts it and talks to it over gRPC.\n' +
        'It is not meant to be run by hand. Install the plugin in Grafana instead.\n',
    };
  }
  const offered = env.PLUGIN_PROTOCOL_VERSIONS;
  if (offered !== undefined && offered.trim() !== '') {
    const versions = offered.split(',').map((version) => Number.parseInt(version.trim(), 10));
    if (!versions.includes(PLUGIN_PROTOCOL_VERSION)) {
      return {
        ok: false,
        message:
          `This plugin speaks Grafana plugin protocol ${PLUGIN_PROTOCOL_VERSION}, ` +
          `but the host offered only "${offered}". Use a Grafana version that supports protocol ${PLUGIN_PROTOCOL_VERSION}.\n`,
      };
    }
  }
  return { ok: true };
}

/**
 * `CORE|APP|NETWORK|ADDRESS|PROTOCOL`: five fields, no certificate field (Grafana does not use AutoMTLS and
 * would try to parse a long sixth field as one), `grpc` because a missing protocol means netrpc.
 */
export function handshakeLine(host: string, port: number): string {
  return `${CORE_PROTOCOL_VERSION}|${PLUGIN_PROTOCOL_VERSION}|tcp|${host}:${port}|grpc\n`;
}
