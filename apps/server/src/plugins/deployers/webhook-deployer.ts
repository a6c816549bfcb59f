import { createHmac } from 'node:crypto';
import { definePlugin, type Deployer } from '@ritmo/plugin-sdk';
import { createOutboundFetch, type OutboundFetch } from '../../outbound/create-outbound-fetch.js';
import { deployPayload } from './deploy-payload.js';
import { sendJson } from './send-json.js';
import { setting } from './setting.js';

/** The header the receiver checks: `sha256=<hex HMAC-SHA256 of the raw body with the shared secret>`. */
export const SIGNATURE_HEADER = 'x-ritmo-signature-256';

/** POSTs the deployment (artifact URL and digest, environment, build) as JSON, signed with HMAC-SHA256. */
export function createWebhookDeployer(outbound: OutboundFetch = createOutboundFetch()) {
  return definePlugin<Deployer>({
  name: 'deploy-webhook',
  version: '1.0.0',
  description: 'Sends an HMAC-SHA256-signed JSON payload with the artifact URL and digest to a URL of yours.',
  config: {
    url: { type: 'string', description: 'Where the payload is POSTed.', required: true },
    secret: { type: 'string', description: 'Shared secret the payload is signed with (header x-ritmo-signature-256).', required: true, secret: true },
  },
  extension: {
    kind: 'deployer',
    async deploy(request, settings, ctx) {
      const url = setting('deploy-webhook', settings, 'url');
      const secret = setting('deploy-webhook', settings, 'secret');
      const body = JSON.stringify(deployPayload(request));
      const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      const status = await sendJson(url, body, { [SIGNATURE_HEADER]: signature, 'x-ritmo-deployment': request.deploymentId }, ctx.signal, outbound);
      return { summary: `${new URL(url).origin} accepted the deployment (${status})` };
    },
  },
  });
}

export const webhookDeployer = createWebhookDeployer();
