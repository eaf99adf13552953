import type { Category, Channel, Priority, Status } from '../categories.js';

/**
 * Demo desk loaded on first start (SEED_DEMO=true): the kind of queue a mid-sized exchange's
 * support team faces on an ordinary Tuesday, in Chinese, English and Korean. Addresses and
 * hashes have real formats but belong to no one.
 */
export interface DemoTeam {
  key: string;
  name: string;
}

export interface DemoAgent {
  key: string;
  email: string;
  name: string;
  locale: string;
  team: string;
}

export interface DemoCustomer {
  key: string;
  /** Exchange UID; absent for the guest who only typed an email. */
  externalId?: string;
  email: string;
  name: string;
  locale: string;
}

export interface DemoMessage {
  /** 'note' = internal note by the assignee. */
  from: 'customer' | 'agent' | 'note';
  minutesAfter: number;
  body: string;
}

export interface DemoTicket {
  customer: string;
  subject: string;
  category: Category;
  fields: Record<string, string>;
  channel: Channel;
  priority: Priority;
  status: Status;
  locale: string;
  team: string;
  assignee?: string;
  tags: string[];
  /** How long ago the customer opened it. */
  hoursAgo: number;
  messages: DemoMessage[];
}

export const demoTeams: DemoTeam[] = [
  { key: 'zh', name: '中文客服' },
  { key: 'en', name: 'English Support' },
  { key: 'ko', name: '한국어 지원' },
  { key: 'security', name: '资产安全 Security' },
];

export const demoAgents: DemoAgent[] = [
  { key: 'wangfang', email: 'wang.fang@demo.ledgerdesk.local', name: '王芳', locale: 'zh-CN', team: 'zh' },
  { key: 'daniel', email: 'daniel.reyes@demo.ledgerdesk.local', name: 'Daniel Reyes', locale: 'en', team: 'en' },
  { key: 'minji', email: 'minji.park@demo.ledgerdesk.local', name: '박민지', locale: 'ko', team: 'ko' },
  { key: 'chenhao', email: 'chen.hao@demo.ledgerdesk.local', name: 'Chen Hao', locale: 'en', team: 'security' },
];

export const demoCustomers: DemoCustomer[] = [
  { key: 'liu', externalId: '58213907', email: 'liu.yang88@example.com', name: '刘洋', locale: 'zh-CN' },
  { key: 'zhou', externalId: '60177342', email: 'zhoujing.trade@example.com', name: '周静', locale: 'zh-CN' },
  { key: 'marcus', externalId: '71420586', email: 'marcus.okafor@example.com', name: 'Marcus Okafor', locale: 'en' },
  { key: 'sarah', externalId: '69033418', email: 'sarah.lindqvist@example.com', name: 'Sarah Lindqvist', locale: 'en' },
  { key: 'tom', externalId: '73651209', email: 'tom.becker.dev@example.com', name: 'Tom Becker', locale: 'en' },
  { key: 'jiwoo', externalId: '64780251', email: 'jiwoo.kim@example.co.kr', name: '김지우', locale: 'ko' },
  { key: 'seojun', externalId: '70012964', email: 'seojun.lee@example.co.kr', name: '이서준', locale: 'ko' },
  { key: 'guest', email: 'priya.nair.invest@example.com', name: 'Priya Nair', locale: 'en' },
];

export const demoTickets: DemoTicket[] = [
  {
    customer: 'liu',
    subject: 'USDT 充值选错网络，用 BSC 转到了 ERC20 地址',
    category: 'deposit',
    fields: {
      coin: 'USDT', network: 'BEP20', amount: '3500',
      txHash: '0x4393e51c7c9ed2ff1023647ba2d435027cebcf90e6fd996b48da070aaff4b903',
      address: '0x6dec85f5b9774787a16e46ec8d82fc062cb762b5',
    },
    channel: 'web', priority: 'high', status: 'on_hold', locale: 'zh-CN', team: 'zh', assignee: 'wangfang',
    tags: ['wrong-network', 'recovery'], hoursAgo: 30,
    messages: [
      { from: 'customer', minutesAfter: 0, body: '你好，我昨晚从另一个平台提了 3500 USDT 到你们的充值地址，复制的是 ERC20 的地址，但提币时网络选成了 BSC（BEP20）。链上已经显示成功了，到现在账户里还是没有。这笔钱还能找回吗？交易哈希已经填在上面了。' },
      { from: 'agent', minutesAfter: 25, body: '您好，刘先生，感谢您的耐心等待。\n\n我们已核实：这笔 3500 USDT 已在 BSC 链上确认，收款地址确实是您账户的充值地址。由于您在 ERC20 和 BEP20 上的地址相同，资金仍在平台可控的地址中，可以申请找回，请放心。\n\n找回需要钱包团队手动处理，一般需要 3–7 个工作日，并会收取 20 USDT 的找回手续费，从到账金额中扣除。处理期间无需重复提交，有进展我们会第一时间在本工单中通知您。' },
      { from: 'note', minutesAfter: 31, body: '已在 BscScan 确认 42 个区块，to 地址与用户 UID 58213907 的 ERC20 充值地址一致。已提交钱包组找回申请 WAL-2291，等待冷钱包签名，工单先挂起。' },
      { from: 'customer', minutesAfter: 600, body: '好的，谢谢。大概什么时候能到账？' },
      { from: 'agent', minutesAfter: 660, body: '您好，钱包团队已受理，目前在排队等待签名处理。预计本周内完成，到账后系统会发送通知，我们也会在这里告知您。给您带来不便，敬请谅解。' },
    ],
  },
  {
    customer: 'marcus',
    subject: 'BTC withdrawal stuck in "Under review" for 20 hours',
    category: 'withdrawal',
    fields: { coin: 'BTC', network: 'BTC', amount: '0.85', address: 'bc1q9h6tq79wh6x5ktr4yf0sl6kqz7qw3h2jj8mfxc', withdrawalId: 'WD240611083145127' },
    channel: 'web', priority: 'normal', status: 'pending', locale: 'en', team: 'en', assignee: 'daniel',
    tags: ['risk-review'], hoursAgo: 20,
    messages: [
      { from: 'customer', minutesAfter: 0, body: 'Hi, I requested a withdrawal of 0.85 BTC to my hardware wallet yesterday and it still says "Under review". I have withdrawn to this address before without any problem. I need these funds today — what is going on?' },
      { from: 'agent', minutesAfter: 40, body: 'Hi Marcus,\n\nThanks for reaching out, and sorry for the wait. Your withdrawal was selected for a routine security review because it is larger than your usual withdrawals and was requested shortly after a password change on your account.\n\nTo complete the review, please reply with:\n1. A screenshot of the wallet app showing the receiving address bc1q9h6…mfxc\n2. A short description of the source of these funds (for example, trading profits or a deposit from another platform)\n\nOnce we receive these, the review is usually completed within a few hours. Your funds are safe in the meantime.\n\nBest regards,\nDaniel' },
      { from: 'note', minutesAfter: 45, body: 'Risk flagged: password reset 3 h before withdrawal, login from new device (Lagos, same ISP as usual). Address whitelisted since March. Asked for wallet screenshot + source of funds; release if they match.' },
    ],
  },
  {
    customer: 'jiwoo',
    subject: '신분증 인증이 계속 거절됩니다',
    category: 'kyc',
    fields: { country: 'KR', documentType: 'national_id' },
    channel: 'web', priority: 'normal', status: 'solved', locale: 'ko', team: 'ko', assignee: 'minji',
    tags: ['kyc-rejected'], hoursAgo: 52,
    messages: [
      { from: 'customer', minutesAfter: 0, body: '주민등록증으로 신원 인증을 세 번이나 했는데 계속 "문서를 확인할 수 없습니다"라고 나옵니다. 뭐가 문제인지 알려 주세요.' },
      { from: 'agent', minutesAfter: 35, body: '안녕하세요, 김지우 고객님. 문의 주셔서 감사합니다.\n\n확인해 보니 제출하신 사진에 빛 반사가 있어 주민등록번호와 발급일자가 잘 보이지 않아 자동 심사에서 거절되었습니다.\n\n다시 제출하실 때 아래 사항을 확인해 주세요.\n• 조명 바로 아래가 아닌 밝고 그늘진 곳에서 촬영\n• 신분증 네 모서리가 모두 화면 안에 들어오도록 촬영\n• 케이스나 필름을 제거한 원본으로 촬영\n\n재제출 후 보통 30분 이내에 결과를 안내해 드립니다. 감사합니다.' },
      { from: 'customer', minutesAfter: 180, body: '말씀하신 대로 다시 찍어서 올렸더니 인증 완료됐어요. 감사합니다!' },
      { from: 'agent', minutesAfter: 195, body: '인증이 완료되어 다행입니다. 이제 출금 한도가 상향되었습니다. 다른 도움이 필요하시면 언제든지 문의해 주세요. 좋은 하루 보내세요!' },
    ],
  },
  {
    customer: 'sarah',
    subject: 'My account was hacked — please freeze it now',
    category: 'security',
    fields: { incidentType: 'hacked', lastKnownGoodLogin: '2024-06-10T21:15:00Z' },
    channel: 'web', priority: 'urgent', status: 'open', locale: 'en', team: 'security', assignee: 'chenhao',
    tags: ['account-frozen', 'api-keys-revoked'], hoursAgo: 3,
    messages: [
      { from: 'customer', minutesAfter: 0, body: 'I just got an email that a new API key was created and a withdrawal address was added, and I did NOT do either. I cannot log in anymore, the password was changed. Please freeze my account immediately, I still have about 12,000 USDT and some ETH in there.' },
      { from: 'note', minutesAfter: 4, body: 'Froze UID 69033418 at 09:42 UTC from the risk console: withdrawals, API and P2P disabled. Revoked 2 API keys created today from 185.220.x.x (Tor exit). New withdrawal address added 09:31, no withdrawal executed. Balances intact.' },
      { from: 'agent', minutesAfter: 6, body: 'Hi Sarah,\n\nYour account is now frozen: no withdrawals, API trading or P2P orders can be made, and the two API keys created today have been revoked. No funds have left your account.\n\nNext steps to recover access:\n1. Secure the email account linked to your exchange account (change its password and turn on two-factor authentication) — the attacker may have had access to it.\n2. Reply here with a photo of your ID and a selfie holding a note with today\'s date and "LedgerDesk unfreeze".\n3. We will then reset your password and 2FA together with you.\n\nWe will never ask for your password or 2FA codes, by email, chat or phone. If anyone does, it is not us.\n\nChen Hao, Security Team' },
      { from: 'customer', minutesAfter: 20, body: 'Thank you so much. I have changed my email password and turned on 2FA there. Will send the photos in a minute.' },
    ],
  },
  {
    customer: 'zhou',
    subject: 'BTCUSDT 永续合约被强平，价格根本没到强平价',
    category: 'trading',
    fields: { market: 'futures', symbol: 'BTCUSDT', orderId: '1148837295510226944' },
    channel: 'web', priority: 'normal', status: 'solved', locale: 'zh-CN', team: 'zh', assignee: 'wangfang',
    tags: ['liquidation', 'mark-price'], hoursAgo: 75,
    messages: [
      { from: 'customer', minutesAfter: 0, body: '我 20 倍做多 BTCUSDT，强平价显示 61,380，可是 K 线最低只到 61,520，仓位却被强平了，损失 4000 多 U。你们是不是插针了？要求赔偿。' },
      { from: 'agent', minutesAfter: 50, body: '周女士您好，非常理解您的心情，我们已详细核查了这笔订单。\n\n平台合约的强平是按「标记价格」触发的，而不是 K 线上的最新成交价。标记价格参考多家主流交易所的指数价格计算，目的正是防止单一平台的异常成交导致强平。\n\n您的仓位在 14:03:27 时标记价格为 61,376.4，低于强平价 61,380，因此触发强平；同一时刻最新成交价为 61,540，所以在默认的最新价 K 线上看不到这个价格。您可以在 K 线图左上角切换为「标记价格」查看。\n\n经核实，本次强平符合规则，无法进行赔偿，还请谅解。建议您适当降低杠杆或设置止损，以降低剧烈波动时的强平风险。' },
      { from: 'customer', minutesAfter: 240, body: '切换到标记价格确实看到了，好吧，下次会注意止损。' },
    ],
  },
  {
    customer: 'tom',
    subject: 'API returns "Invalid IP" (40018) since this morning',
    category: 'platform',
    fields: { device: 'api' },
    channel: 'api', priority: 'normal', status: 'pending', locale: 'en', team: 'en', assignee: 'daniel',
    tags: ['api', 'ip-whitelist'], hoursAgo: 6,
    messages: [
      { from: 'customer', minutesAfter: 0, body: 'Our market-making bot started getting {"code":"40018","msg":"Invalid IP"} on every private endpoint at around 07:00 UTC. Nothing changed on our side in the code. Public endpoints work fine. API key label: mm-prod-2.' },
      { from: 'agent', minutesAfter: 30, body: 'Hi Tom,\n\nError 40018 means the request came from an IP address that is not on the key\'s whitelist. Your key mm-prod-2 is bound to 3.112.45.10, but our logs show today\'s requests arriving from 3.112.45.87 — it looks like your cloud instance was restarted and received a new public IP.\n\nYou can fix this under Profile → API Management → Edit, by adding the new IP (up to 20 IPs per key), or by attaching an Elastic IP to the instance so the address stays fixed. Could you let us know once it works again?\n\nBest,\nDaniel' },
    ],
  },
  {
    customer: 'seojun',
    subject: '업비트로 보낸 XRP 출금이 트래블룰 때문에 보류되었습니다',
    category: 'withdrawal',
    fields: { coin: 'XRP', network: 'XRP', amount: '4200', address: 'rEb8TK3gBgk5auZkwc6sHnwrGVJH8DuaLh', withdrawalId: 'WD240611020917733' },
    channel: 'web', priority: 'high', status: 'open', locale: 'ko', team: 'ko', assignee: 'minji',
    tags: ['travel-rule'], hoursAgo: 9,
    messages: [
      { from: 'customer', minutesAfter: 0, body: '업비트 제 계정으로 XRP 4,200개를 출금 신청했는데 "수취인 정보 확인 필요"로 보류되어 있습니다. 데스티네이션 태그도 정확히 입력했습니다. 언제 처리되나요?' },
      { from: 'agent', minutesAfter: 20, body: '안녕하세요, 이서준 고객님.\n\n국내 거래소로 100만 원 이상 상당의 가상자산을 출금하실 때는 트래블룰에 따라 받는 분의 실명과 거래소 정보를 확인해야 합니다. 현재 업비트 측에 수취인 정보 확인을 요청해 둔 상태이며, 보통 1–2시간 안에 회신이 옵니다.\n\n확인이 끝나면 출금은 자동으로 진행되며, 수취인 정보가 일치하지 않을 경우 출금이 취소되고 자산은 고객님 계정으로 반환됩니다. 진행 상황은 이 티켓에서 안내해 드리겠습니다.' },
      { from: 'note', minutesAfter: 25, body: 'VerifyVASP 요청 ID TR-7781203 발송, 업비트 응답 대기 중. 2시간 넘으면 컴플라이언스팀에 에스컬레이션.' },
    ],
  },
  {
    customer: 'liu',
    subject: '现货手续费为什么还是 0.1%？我已经是 VIP1 了',
    category: 'fees',
    fields: { feeType: 'trading', orderId: '1149002237811634177' },
    channel: 'web', priority: 'low', status: 'closed', locale: 'zh-CN', team: 'zh', assignee: 'wangfang',
    tags: ['vip'], hoursAgo: 200,
    messages: [
      { from: 'customer', minutesAfter: 0, body: '我 30 天交易量已经超过 VIP1 门槛了，但今天下的现货单手续费还是按 0.1% 扣的，麻烦看一下。' },
      { from: 'agent', minutesAfter: 45, body: '您好，VIP 等级每天 UTC 0 点根据前 30 天的交易量和资产余额更新一次。您的交易量在昨天 UTC 0 点之后才达到 VIP1 标准，因此今天 UTC 0 点起才会按 VIP1 费率（Maker 0.08% / Taker 0.09%）收取。截图中的订单成交于更新之前，按原费率收取是正确的。如仍有疑问，欢迎随时联系我们。' },
      { from: 'customer', minutesAfter: 120, body: '明白了，谢谢。' },
    ],
  },
  {
    customer: 'marcus',
    subject: 'Spring Futures Carnival bonus not received',
    category: 'promotions',
    fields: { campaign: 'Spring Futures Carnival', uid: '71420586' },
    channel: 'web', priority: 'normal', status: 'new', locale: 'en', team: 'en',
    tags: [], hoursAgo: 1,
    messages: [
      { from: 'customer', minutesAfter: 0, body: 'I registered for the Spring Futures Carnival and traded over 50,000 USDT in futures volume during the event, but I have not received the 30 USDT trading bonus. The event page says rewards are sent within 7 days after the event and it has been 9 days.' },
    ],
  },
  {
    customer: 'jiwoo',
    subject: '휴대폰을 분실해서 Google OTP를 사용할 수 없습니다',
    category: 'security',
    fields: { incidentType: 'lost_2fa' },
    channel: 'web', priority: 'high', status: 'pending', locale: 'ko', team: 'security', assignee: 'chenhao',
    tags: ['2fa-reset'], hoursAgo: 14,
    messages: [
      { from: 'customer', minutesAfter: 0, body: '휴대폰을 잃어버려서 OTP 코드를 받을 수 없어 로그인이 안 됩니다. 복구 코드도 따로 적어 두지 않았어요. 어떻게 해야 하나요?' },
      { from: 'agent', minutesAfter: 30, body: '안녕하세요, 고객님. 계정 보안을 위해 OTP 재설정 전에 본인 확인이 필요합니다.\n\n아래 자료를 이 티켓에 첨부해 주세요.\n1. 신분증 앞면 사진\n2. 신분증과 "OTP 재설정 + 오늘 날짜"를 적은 메모를 함께 들고 찍은 셀카\n\n확인이 끝나면 OTP를 해제해 드리며, 보안을 위해 재설정 후 24시간 동안은 출금이 제한됩니다. 저희는 절대로 비밀번호나 OTP 코드를 요청하지 않습니다.' },
    ],
  },
  {
    customer: 'guest',
    subject: 'Verification email never arrives',
    category: 'account',
    fields: {},
    channel: 'web', priority: 'normal', status: 'new', locale: 'en', team: 'en',
    tags: [], hoursAgo: 2,
    messages: [
      { from: 'customer', minutesAfter: 0, body: 'I am trying to sign up with this email address but the 6-digit verification code never arrives. I have checked spam and promotions, and clicked "resend" several times. I use Outlook.' },
    ],
  },
  {
    customer: 'zhou',
    subject: '建议：网格交易支持设置止盈止损价',
    category: 'suggestion',
    fields: { area: 'products' },
    channel: 'web', priority: 'low', status: 'solved', locale: 'zh-CN', team: 'zh', assignee: 'wangfang',
    tags: ['grid', 'feedback'], hoursAgo: 120,
    messages: [
      { from: 'customer', minutesAfter: 0, body: '现在的现货网格只能手动停止，行情单边下跌时来不及处理。希望能增加「触发价格自动停止」和「止盈价」的设置，其他平台都有这个功能了。' },
      { from: 'agent', minutesAfter: 90, body: '周女士您好，感谢您的宝贵建议！我们已将「网格止盈/止损触发价」的需求提交给产品团队。据了解该功能已在排期中，上线后会通过站内信和公告通知。如有其他想法，欢迎继续反馈。' },
      { from: 'note', minutesAfter: 95, body: '已在产品需求池 PRD-GRID-112 下 +1，本月第 7 位用户提同一需求。' },
    ],
  },
];
