/**
 * Mentions in internal notes are written `@` + the colleague's sign-in email
 * (`@li.wei@desk.example`): unambiguous, readable in any language, and what the console's
 * autocomplete inserts. An `@` inside an ordinary email address is not a mention.
 */
const MENTION = /(?<![\w.+-])@([a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})/gi;

export function mentionedEmails(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!.toLowerCase()))];
}
