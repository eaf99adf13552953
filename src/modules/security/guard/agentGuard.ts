/**
 * The agent guard: a reply that asks the customer for what no real support agent ever asks for —
 * a password, a one-time code, a recovery phrase or private key, remote access to their device,
 * or a transfer of funds to an address — is held back with an explanation (a supervisor may
 * override it, audited). This is how impersonators and compromised agent accounts drain users, and
 * why exchanges tell users "support will never ask for…"; the guard makes that promise true.
 *
 * It reads sentence by sentence, in zh, en and ko. A sentence is a request when it names the
 * sensitive thing together with a verb of giving it *to us* ("send me", "tell us", "发给我",
 * "알려 주세요") — "enter the code in the app" is fine — and it is not negated ("we will never ask
 * for your password", "请勿向任何人提供验证码", "절대 알려 주지 마세요" are the warnings agents should send).
 */
export const guardReasons = ['password', 'one_time_code', 'seed_phrase', 'remote_access', 'transfer_to_address'] as const;
export type GuardReason = (typeof guardReasons)[number];

export interface GuardVerdict {
  allowed: boolean;
  reasons: GuardReason[];
  /** The sentences that asked, for the explanation shown to the agent. */
  sentences: string[];
}

const NEGATION = /(never|\bnot\b|n't|\bno one\b|nobody|do not|don't|绝不|决不|不会|不要|请勿|切勿|不得|别把|别将|严禁|절대|않|마세요|마십시오|말아|금지|하지 마)/i;

/** Giving something to us: asking for it, or sending it here. */
const GIVE_TO_US = new RegExp(
  [
    '\\b(send|give|tell|share|provide|forward|confirm|read out|dm|reply with|let us know|let me know)\\b[^.?!]*?\\b(me|us|here|this chat|to (?:our|the) (?:support|team|agent))\\b',
    '\\b(send|give|tell|share|provide|forward|dm)\\s+(me|us)\\b',
    '\\b(reply with|respond with|send over)\\b',
    '\\b(what is|what\'s|may i have|can i have|could i have|(?:i|we) need your|please provide|please share|kindly (?:provide|share|send))\\b',
    '\\b(type|enter|paste|write)\\b[^.?!]*\\b(here|in this chat|in the chat|below|in your reply)\\b',
    '(发给我|发我|发过来|发送给我|告诉我|告知我|提供给我|给我|报给我|说一下|报一下|请提供|请告诉|请发送|请把|麻烦提供|需要您提供|需要你提供|在这里输入|私信给我|回复)',
    '(알려\\s*주|알려주|보내\\s*주|보내주|말씀해\\s*주|말씀해주|공유해\\s*주|제공해\\s*주|여기에?\\s*입력|저에게|제게|회신)',
  ].join('|'),
  'i',
);

const THINGS: [GuardReason, RegExp][] = [
  ['seed_phrase', /(seed\s*phrase|seed\s*words|recovery\s*(phrase|words)|mnemonic|private\s*key|secret\s*phrase|助记词|助記詞|私钥|私鑰|恢复短语|시드\s*문구|시드|니모닉|복구\s*문구|개인\s*키|프라이빗\s*키)/i],
  ['password', /(password|passcode|\bpin\b|登录密码|资金密码|交易密码|密码|密碼|비밀번호|패스워드|암호)/i],
  ['one_time_code', /(verification\s*code|sms\s*code|security\s*code|2fa\s*code|\b2fa\b|\botp\b|authenticator\s*code|google\s*(auth(enticator)?\s*)?code|one[\s-]*time\s*(code|password)|the code (you|we) (just )?(received|got|sent)|验证码|驗證碼|动态码|谷歌验证|短信码|인증\s*번호|인증\s*코드|보안\s*코드|OTP)/i],
];

/** Remote control of the customer's device: asking for it at all is the scam. */
const REMOTE = /(anydesk|teamviewer|rustdesk|向日葵|todesk|remote\s*(access|desktop|control|support session)|screen\s*control|远程(控制|协助|桌面|操作)|원격\s*(제어|지원|접속)|팀뷰어|애니데스크)/i;
const REMOTE_ASK = /(install|download|open|run|give|allow|grant|let us|share|connect|安装|下载|打开|运行|允许|授权|开启|설치|다운로드|실행|허용|연결|켜)/i;

/** Moving funds to an address someone gives in chat. */
const TRANSFER = new RegExp(
  [
    '\\b(transfer|send|move|deposit|withdraw)\\b[^.?!]*\\b(funds?|coins?|assets?|balance|usdt|btc|eth|money|crypto|tokens?)\\b[^.?!]*\\b(to|into)\\b[^.?!]*\\b(this|the following|our|my|a (?:safe|secure|new)|safe|secure)\\s+(address|wallet)',
    '\\b(transfer|send|move)\\b[^.?!]*\\bto\\s+(this|the following|our|my)\\s+(address|wallet)',
    '(转账|转入|转到|转移|转至|充值|打款|提币|提现|转给)[^。！？.!?]*(这个|以下|下面|我的|我们的|安全|指定)[^。！？.!?]*(地址|钱包)',
    '(这个|以下|下面|我们的|安全|指定)(地址|钱包)[^。！？.!?]*(转账|转入|转到|转移|充值|打款|提币)',
    '(이|아래|다음|저희|안전한|지정된)\\s*(주소|지갑)[^.?!]*(보내|송금|이체|출금|전송|옮기)',
  ].join('|'),
  'i',
);

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s*|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function checkAgentMessage(text: string): GuardVerdict {
  const reasons = new Set<GuardReason>();
  const sentences: string[] = [];
  for (const sentence of sentencesOf(text)) {
    if (NEGATION.test(sentence)) continue;
    const found: GuardReason[] = [];
    if (REMOTE.test(sentence) && REMOTE_ASK.test(sentence)) found.push('remote_access');
    if (TRANSFER.test(sentence)) found.push('transfer_to_address');
    if (GIVE_TO_US.test(sentence)) for (const [reason, pattern] of THINGS) if (pattern.test(sentence)) found.push(reason);
    if (found.length === 0) continue;
    found.forEach((r) => reasons.add(r));
    sentences.push(sentence);
  }
  return { allowed: reasons.size === 0, reasons: [...reasons], sentences };
}
