import { z } from 'zod';
import { connectorParams } from '../payload.js';

export { connectorParams };

const callbackUrl = z.url({ protocol: /^https?$/ }).max(2000).describe('Where the desk POSTs replies for this app (the bridge\'s endpoint), signed with the callback secret');
const displayName = z.string().trim().min(1).max(80).describe('Shown to agents, e.g. "KakaoTalk"');

export const createConnectorBody = z.strictObject({
  name: connectorParams.shape.name,
  displayName,
  callbackUrl,
  enabled: z.boolean().default(true),
});

export const updateConnectorBody = z.strictObject({
  displayName: displayName.optional(),
  callbackUrl: callbackUrl.optional(),
  enabled: z.boolean().optional().describe('false disables it: posts are refused and replies are not sent'),
});

export const rotateSecretBody = z.strictObject({
  secret: z.enum(['inbound', 'callback']).describe('inbound: the bridge signs its posts with it; callback: the desk signs its callbacks with it'),
});

export const deliveriesQuery = z.strictObject({
  state: z.enum(['pending', 'delivered', 'failed']).optional().describe('Only deliveries in this state (failed: what the bridge never took)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
