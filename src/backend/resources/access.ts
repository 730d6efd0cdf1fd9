/**
 * Who may call what. Grafana puts the signed-in user and their org role in every CallResource; calls without a
 * user come from Grafana itself. Webhooks authenticate with the data source's shared token instead, because
 * Alertmanager and PagerDuty are not Grafana users.
 *
 *   viewer    Viewer, Editor, Admin   reading
 *   editor    Editor, Admin           labeling, editing and importing incidents
 *   admin     Admin                   deleting, changing settings
 *   internal  Editor, Admin, or no user (Grafana's own calls)
 *   webhook   anyone presenting the webhook token (X-Traceo-Webhook-Token, or Authorization: Bearer)
 */
import { createHash, timingSafeEqual } from 'node:crypto';

import type { CallResourceRequest } from 'backend/grafana/resource';
import type { WebhookTokenSetting } from 'backend/settings/store-settings';
import { WEBHOOK_TOKEN_HEADER } from 'contract/resources';
import { header, HttpError } from './http';

export type Access = 'viewer' | 'editor' | 'admin' | 'internal' | 'webhook';

/** Who is calling, as the audit trail and the labels record it. */
export interface Principal {
  /** Grafana login, `grafana` for Grafana itself, `webhook:<format>` for webhooks. */
  actor: string;
  /** The signed-in user's login; the reviewer of any label they write. */
  login?: string;
}

const RANK: Record<string, number> = { none: 0, viewer: 1, editor: 2, admin: 3 };
const NEEDED: Record<'viewer' | 'editor' | 'admin', { rank: number; role: string; doing: string }> = {
  viewer: { rank: 1, role: 'Viewer', doing: 'reading incidents and labels' },
  editor: { rank: 2, role: 'Editor', doing: 'labeling and editing incidents' },
  admin: { rank: 3, role: 'Admin', doing: 'deleting incidents and changing settings' },
};

export function authorize(
  access: Access,
  req: CallResourceRequest,
  webhookToken: () => WebhookTokenSetting,
  webhookActor = 'webhook'
): Principal {
  if (access === 'webhook') {
    checkWebhookToken(req, webhookToken());
    return { actor: webhookActor };
  }
  const user = req.pluginContext.user;
  if (!user) {
    if (access === 'internal') {
      return { actor: 'grafana' };
    }
    throw new HttpError(403, 'this resource is for signed-in Grafana users (the request carries no user)');
  }
  const login = user.login.trim();
  if (login === '') {
    throw new HttpError(403, 'the request carries a user without a login');
  }
  const rank = RANK[String(user.role).toLowerCase()] ?? 0;
  const needed = NEEDED[access === 'internal' ? 'editor' : access];
  if (rank < needed.rank) {
    throw new HttpError(
      403,
      `${needed.doing} needs the ${needed.role} role or higher; ${login} has ${user.role || 'no role'}`
    );
  }
  return { actor: login, login };
}

function checkWebhookToken(req: CallResourceRequest, setting: WebhookTokenSetting): void {
  if (setting.state === 'missing') {
    throw new HttpError(403, 'webhooks are disabled: set secureJsonData.webhookToken in the data source settings');
  }
  if (setting.state === 'invalid') {
    throw new HttpError(403, `webhooks are disabled: ${setting.message}`);
  }
  const presented = header(req, WEBHOOK_TOKEN_HEADER) ?? bearer(header(req, 'Authorization'));
  if (presented === undefined || presented.trim() === '') {
    throw new HttpError(401, `missing webhook token: send it in the ${WEBHOOK_TOKEN_HEADER} header`, {
      'WWW-Authenticate': ['Bearer'],
    });
  }
  if (!sameSecret(presented.trim(), setting.token)) {
    throw new HttpError(401, 'invalid webhook token', { 'WWW-Authenticate': ['Bearer'] });
  }
}

function bearer(value: string | undefined): string | undefined {
  const match = value?.match(/^Bearer\s+(.+)$/i);
  return match?.[1];
}

/** Constant time in the content and, by hashing first, in the length of the presented token. */
export function sameSecret(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
