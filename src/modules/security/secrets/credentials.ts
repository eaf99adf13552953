import type { Finding } from './finding.js';

/**
 * Passwords and one-time codes are ordinary-looking strings, recognisable only by the words
 * around them: "my password is …", "密码是…", "비밀번호는 …", "the SMS code is 482913",
 * "验证码 482913", "인증번호 482913".
 */
const PASSWORD = /(password|passcode|passwd|pwd|登录密码|登錄密碼|资金密码|資金密碼|交易密码|交易密碼|密码|密碼|비밀번호|패스워드|암호)\s*(?:is|was|was:|=|:|：|是|为|為|는|은|를|을)?\s*["'`「]?([\x21-\x7e]{6,64})/gi;

/** A password is not a word: it has a digit or a symbol, or mixes cases. "my password is incorrect" is not one. */
function passwordLike(token: string): boolean {
  const clean = token.replace(/[.,!?;:'"`」)]+$/, '');
  if (clean.length < 6) return false;
  // An apostrophe makes a contraction ("doesn't"), not a password.
  return /\d/.test(clean) || /[^A-Za-z0-9']/.test(clean) || (/[a-z]/.test(clean) && /[A-Z]/.test(clean.slice(1)));
}

// The keyword starts a word and the code stands alone: "…302fac1063d4…" inside a transaction hash is neither.
const CODE = /(?<![A-Za-z0-9])(verification\s*code|security\s*code|sms\s*code|2fa(?:\s*code)?|otp|authenticator(?:\s*code)?|google\s*code|one[\s-]*time\s*(?:code|password)|验证码|驗證碼|校验码|动态码|動態碼|谷歌验证码|谷歌驗證碼|短信码|인증\s*번호|인증\s*코드|보안\s*코드|otp\s*번호)\D{0,12}?(?<![A-Za-z0-9])(\d{6}|\d{4}|\d{8})(?![A-Za-z0-9])/gi;

export function findCredentials(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(PASSWORD)) {
    const token = m[2]!;
    if (!passwordLike(token)) continue;
    // Trailing punctuation goes with it: "hunter2!" may be the password, and over-redacting a "." costs nothing.
    const start = m.index + m[0].length - token.length;
    out.push({ kind: 'password', start, end: start + token.length });
  }
  for (const m of text.matchAll(CODE)) {
    const digits = m[2]!;
    const start = m.index + m[0].length - digits.length;
    out.push({ kind: 'one_time_code', start, end: start + digits.length });
  }
  return out;
}
