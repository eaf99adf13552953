/** Email text in English: what customers receive and the notes agents read on email tickets. */
export const en = {
  replySubject: '[{number}] Re: {subject}',
  ackSubject: '[{number}] We have received your request: {subject}',
  transcriptSubject: '[{number}] Your chat transcript: {subject}',
  transcriptIntro: 'Here is the transcript of your chat with {brand} (ticket {number}). Times are in UTC.',
  transcriptYou: 'You',
  transcriptBot: 'Assistant',
  transcriptAgent: 'Support agent',
  greeting: 'Hello {name},',
  greetingAnonymous: 'Hello,',
  ackBody:
    'Thank you for contacting {brand}. Your request has been logged as ticket {number}, and a specialist will reply to this email address.\n\nTo add details or screenshots, reply to this email and keep [{number}] in the subject line, so everything stays on the same ticket.',
  guestLinkBody:
    'Thank you for contacting {brand}. Your request has been logged as ticket {number}. We will reply by email, and you can follow the conversation or add files here:\n{link}\n\nThe link works for 30 days and opens only this ticket; do not forward it.',
  followLink: 'Follow this request online: {link}',
  replyFooter: 'To answer, reply to this email and keep [{number}] in the subject line.',
  safety: 'Our staff will never ask for your password, 2FA or SMS codes, recovery phrase or private keys, and will never ask you to transfer funds to "verify" an account.',
  signature: '{brand}',
  unverifiedNote:
    'This email referred to {numbers}, but its sender {address} is not a participant of that ticket ({why}), so it opened this separate ticket. Do not discuss or change anything on {numbers} from here until the sender is verified.',
  whyNotParticipant: 'not its customer or a copied address',
  whyUnauthenticated: 'our mail server could not confirm the sender domain',
  followUpNote: 'The customer wrote by email about closed ticket {number}; this ticket continues it.',
  autoReplyNote: 'Automatic reply from {address} ({reason}); nothing was sent back:\n\n{body}',
  bounceNote: 'Our email to {recipient} could not be delivered: {diagnostic}. Check the address or reach the customer another way.',
  deliveryFailedNote: 'Our email to {recipient} could not be sent after {attempts} attempts: {error}. Ask an admin to resend it once the mail server is fixed, or reach the customer another way.',
  unknownDiagnostic: 'the receiving server gave no reason',
};
