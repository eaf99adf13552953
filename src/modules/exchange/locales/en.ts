/** What the security operations say to customers and note for agents (English). */
export const en = {
  checklist:
    'To investigate and help recover your funds, our security team needs the following. Please send what you have in this conversation:\n' +
    '1. Your UID or registered email, and when you last signed in normally.\n' +
    '2. When and where it happened: the time you noticed it, and the device and location you normally use.\n' +
    '3. The unauthorised activity: screenshots of the withdrawals, trades or logins you did not make, with the coin, amount, destination address and TxID of each withdrawal.\n' +
    '4. Screenshots of your login history (Profile → Security → Login history) and of any security emails or SMS we sent you.\n' +
    '5. How it may have happened: links, messages, emails or apps you used shortly before, and any chat with someone claiming to be support.\n' +
    '6. A police report number, if you have filed one.\n' +
    'Never send your password, 2FA or SMS codes, or your recovery phrase — we will never ask for them.',
  selfFreezeUnverified:
    'For your protection, I can only freeze an account from a conversation where you are signed in, so that nobody can freeze or take over someone else\'s account. Please freeze it yourself right now: in the app go to Profile → Security → Freeze account, or call our official hotline{hotline}. Freezing stops logins, trading and withdrawals immediately.',
  selfFreezeUnavailable:
    'I cannot reach the account system to freeze your account right now. Please freeze it yourself immediately: in the app go to Profile → Security → Freeze account, or call our official hotline{hotline}. Our security team is also being alerted.',
  codeSent:
    'To make sure it is really you, I have sent a 6-digit verification code to the {channel} bound to your account ({sentTo}). Please type the code here; it is valid for 10 minutes. It only confirms your identity in this chat: it cannot sign in or withdraw, and no one else should ever ask you for it.',
  codeWrong: 'That code is not right ({attemptsLeft} tries left). Please check the latest message from us and type the 6 digits again.',
  codeFailed: 'I could not confirm your identity with that code (too many tries, or it expired), so I cannot freeze the account from this chat.',
  'codeChannel.email': 'email address',
  'codeChannel.phone': 'phone number',
  intakeReply:
    'We are treating this as an emergency: your case {number} is marked urgent and is now with our security team, who will reply here.',
  intakeFreezeInChat:
    'To have us freeze your account right away, open the live chat on our website or in the app and write "my account was hacked". If you are signed in there, it takes one step; otherwise we first send a verification code to the email or phone bound to your account, because a message from this address alone cannot prove that it is you.',
  'note.intake':
    'Recognised as an account takeover report ({channel}): made urgent and routed to the security team; the customer was sent the evidence checklist. The sender is not verified by this message — confirm their identity with a code (side panel) before freezing or revealing anything.',
  hotline: ' ({phone})',
  frozen:
    'Your account is now frozen: logins, trading, withdrawals and API keys are stopped. Your funds stay in your account. To unfreeze it, our security team will first verify your identity and check that the account is safe again.',
  alreadyFrozen: 'Your account is already frozen, so no one can sign in, trade or withdraw. Our security team will help you from here.',
  handedOver: 'I have marked your case urgent and passed it to our security team, who will reply here. Please keep this conversation open.',
  outreachSubject: 'Security check: {event}',
  'event.login.new_device': 'new sign-in',
  'event.withdrawal.large': 'large withdrawal',
  'event.api_key.created': 'new API key',
  'event.password.changed': 'password changed',
  'question.login.new_device': 'Security check: your account was signed in from a new device — {device}, {place} (IP {ip}) — at {time}. Was this you?',
  'question.withdrawal.large': 'Security check: a withdrawal of {amount} {coin} on {network} to the address {address} was requested from your account at {time}. Was this you?',
  'question.api_key.created': 'Security check: a new API key "{label}" with {permissions} permission was created on your account from {place} (IP {ip}) at {time}. Was this you?',
  'question.password.changed': 'Security check: your account password was changed {via} from {place} (IP {ip}) at {time}. Was this you?',
  questionFooter: 'If it was not you, tap "No" and we will freeze your account at once. We will never ask for your password, codes or recovery phrase.',
  unknownPlace: 'an unknown location',
  'permission.read': 'read',
  'permission.trade': 'trade',
  'permission.withdraw': 'withdraw',
  listSeparator: ', ',
  'via.settings': 'in account settings',
  'via.reset_link': 'through a password-reset link',
  yes: 'Yes, it was me',
  no: 'No, it was not me',
  confirmedReply: 'Thank you for confirming. No action is needed and this conversation is now closed. If you notice anything else you do not recognise, write to us at once.',
  deniedReply: 'Thank you for telling us. We are securing your account now.',
  unclearReply: 'Thank you. A security specialist will read your message and reply here shortly. If it was not you, freeze your account now: Profile → Security → Freeze account.',
  timeoutReply: 'We have not heard back from you, so a security specialist will follow up here. If this activity was not yours, freeze your account now: Profile → Security → Freeze account.',
  'note.confirmed': 'Outreach: the customer confirmed the {event} ({time}) was theirs. Closed with no action.',
  'note.denied': 'Outreach: the customer said the {event} ({time}) was NOT theirs. {freeze} Urgent, routed to the security team.',
  'note.unclear': 'Outreach: the customer\'s answer about the {event} ({time}) was not a clear yes or no. Urgent, routed to the security team.',
  'note.timeout': 'Outreach: no answer about the {event} ({time}) within {minutes} minutes. Urgent, routed to the security team.',
  'note.frozen': 'The account was frozen through the exchange.',
  'note.freezeFailed': 'The exchange could not be reached to freeze the account: freeze it by hand.',
};
