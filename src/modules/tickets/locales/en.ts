/** System messages customers read on their tickets (English). */
export const en = {
  mergedInto: 'We have merged this request into ticket {number} so that one specialist can follow up on everything in one place. Please continue the conversation there; your messages and attachments here remain available.',
  mergedFrom: 'Your request {number} has been merged into this ticket. We will handle both here, so there is no need to repeat any details.',
};
