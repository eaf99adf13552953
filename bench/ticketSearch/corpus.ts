/**
 * A seeded, reproducible support desk of an exchange: customers (zh/en/ko names, emails, UIDs),
 * tickets with subjects and threads in zh-CN / en / ko about deposits, withdrawals, KYC, frozen
 * accounts, fees… with coins, networks, amounts, transaction hashes and addresses, agents' replies
 * and internal notes. Only the shapes matter for search: word frequencies like a real desk's
 * (a few very common words — 充值, deposit, 입금 — and a long tail of hashes, UIDs and emails).
 */

export type Rand = () => number;
export const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const hex = (r: Rand, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const base58 = (r: Rand, n: number) => Array.from({ length: n }, () => pick(r, [...B58])).join('');

const COINS = ['USDT', 'BTC', 'ETH', 'SOL', 'TRX', 'XRP', 'DOGE', 'BNB', 'TON', 'ARB', 'USDC', 'PEPE'];
const NETWORKS = ['TRC20', 'ERC20', 'BEP20', 'Solana', 'Arbitrum One', 'Polygon', 'TON'];
const ZH_SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭'];
const ZH_GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '桂英', '晓东', '子涵', '浩然'];
const KO_SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const KO_GIVEN = ['민준', '서연', '지훈', '하은', '도윤', '서준', '지우', '예은', '현우', '수빈', '민서', '지호'];
const EN_FIRST = ['Alice', 'John', 'Maria', 'David', 'Emma', 'James', 'Olivia', 'Liam', 'Sophia', 'Noah', 'Mia', 'Lucas'];
const EN_LAST = ['Smith', 'Johnson', 'Brown', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Moore', 'Nguyen', 'Tan'];
const DOMAINS = ['gmail.com', 'qq.com', '163.com', 'naver.com', 'outlook.com', 'yahoo.co.jp', 'proton.me', 'hanmail.net'];

export type Lang = 'zh-CN' | 'en' | 'ko';

export interface Facts {
  coin: string;
  network: string;
  amount: string;
  hash: string;
  address: string;
  orderId: string;
}

export function facts(r: Rand): Facts {
  const network = pick(r, NETWORKS);
  const hash = network === 'TRC20' || network === 'TON' ? hex(r, 64) : `0x${hex(r, 64)}`;
  const address = network === 'TRC20' ? `T${base58(r, 33)}` : network === 'Solana' ? base58(r, 44) : `0x${hex(r, 40)}`;
  const amount = (r() * (r() < 0.2 ? 50_000 : 2_000)).toFixed(r() < 0.5 ? 2 : 4);
  return { coin: pick(r, COINS), network, amount, hash, address, orderId: String(1e15 + Math.floor(r() * 9e15)) };
}

export function customerName(r: Rand, lang: Lang): string {
  if (lang === 'zh-CN') return pick(r, ZH_SURNAMES) + pick(r, ZH_GIVEN);
  if (lang === 'ko') return pick(r, KO_SURNAMES) + pick(r, KO_GIVEN);
  return `${pick(r, EN_FIRST)} ${pick(r, EN_LAST)}`;
}

export function customerEmail(r: Rand, n: number): string {
  return `${pick(r, ['trader', 'moon', 'hodl', 'satoshi', 'crypto', 'wang', 'kim', 'alice', 'lee', 'chen'])}${n}@${pick(r, DOMAINS)}`;
}

type Template = (f: Facts) => string;

const SUBJECTS: Record<Lang, Template[]> = {
  'zh-CN': [
    (f) => `${f.coin}充值未到账`, (f) => `${f.coin}提现一直在审核中`, () => '账户被冻结了', () => '实名认证审核失败', (f) => `${f.coin}提币失败`,
    () => '合约爆仓有疑问', () => '手续费扣错了', () => '忘记资金密码', () => '谷歌验证器丢失无法登录', () => 'P2P交易纠纷，对方不放币',
    () => '邀请返佣没到账', (f) => `充错链了，${f.network}怎么找回`, () => '现货订单无法撤销', () => '收到可疑短信，是官方发的吗',
  ],
  en: [
    (f) => `${f.coin} deposit not credited`, () => 'Withdrawal stuck in review', () => 'Account frozen after login from new device',
    () => 'KYC verification rejected', (f) => `Wrong network deposit ${f.coin} ${f.network}`, () => 'Fee charged twice on spot trade',
    () => 'Cannot reset 2FA authenticator', () => 'Futures position liquidated unexpectedly', (f) => `${f.coin} withdrawal failed`,
    () => 'P2P seller did not release coins', () => 'Referral bonus missing', () => 'Is this email from your support team?',
  ],
  ko: [
    (f) => `${f.coin} 입금이 안 돼요`, () => '출금 신청이 계속 대기 중이에요', () => '계정이 동결되었어요', () => '본인인증 실패했어요',
    () => '비밀번호를 잊어버렸어요', () => '수수료가 이상해요', (f) => `${f.coin} 출금이 실패했습니다`, () => '구글 OTP 재설정 요청',
    (f) => `${f.network} 네트워크로 잘못 입금했어요`, () => '선물 포지션이 강제청산됐어요', () => '추천인 보상이 들어오지 않았어요',
  ],
};

const CUSTOMER: Record<Lang, Template[]> = {
  'zh-CN': [
    (f) => `我昨天通过${f.network}充值了${f.amount} ${f.coin}，交易哈希 ${f.hash}，区块浏览器显示已确认，但账户里还没到账，请尽快处理。`,
    (f) => `提现${f.amount} ${f.coin}到地址 ${f.address}，已经审核了六个小时，订单号 ${f.orderId}，什么时候能到？`,
    () => '今天登录后账户显示被冻结，我没有做任何违规操作，请帮我解冻。',
    () => '身份证照片上传了三次都提示审核失败，不知道哪里有问题。',
    (f) => `我把${f.coin}充到了错误的链上，地址是 ${f.address}，哈希 ${f.hash}，还能找回吗？`,
    () => '手机丢了，谷歌验证器也没了，现在无法登录，怎么重置？',
  ],
  en: [
    (f) => `I deposited ${f.amount} ${f.coin} via ${f.network} two hours ago. TxID ${f.hash} shows confirmed on the explorer but my spot balance is unchanged.`,
    (f) => `My withdrawal of ${f.amount} ${f.coin} to ${f.address} has been pending review since yesterday, order ${f.orderId}. Please speed it up.`,
    () => 'After logging in from my new laptop my account was frozen. I did not do anything wrong, please unfreeze it.',
    () => 'My passport was rejected three times during identity verification, what is wrong with the photo?',
    (f) => `I sent ${f.coin} on the wrong network (${f.network}) to ${f.address}, tx ${f.hash}. Can you recover it?`,
    () => 'I lost my phone and cannot receive the authenticator code anymore. How do I reset two-factor authentication?',
  ],
  ko: [
    (f) => `${f.network}로 ${f.amount} ${f.coin}를 입금했는데 아직 반영이 안 됐어요. 트랜잭션 해시는 ${f.hash}입니다.`,
    (f) => `${f.address} 주소로 ${f.amount} ${f.coin} 출금을 신청했는데 계속 대기 중이에요. 주문번호 ${f.orderId}.`,
    () => '새 기기에서 로그인한 뒤 계정이 동결되었습니다. 확인 부탁드립니다.',
    () => '신분증 사진을 세 번이나 올렸는데 본인인증이 계속 실패해요.',
    (f) => `${f.coin}를 다른 네트워크로 잘못 보냈어요. 해시 ${f.hash}, 복구가 가능한가요?`,
    () => '휴대폰을 잃어버려서 OTP 인증이 안 돼요. 비밀번호를 재설정하고 싶어요.',
  ],
};

const AGENT: Record<Lang, Template[]> = {
  'zh-CN': [
    (f) => `您好，已收到您的${f.coin}充值申请，我们正在核实链上记录，请耐心等待。`, () => '您好，您的账户已解除冻结，请修改登录密码并开启二次验证。',
    () => '请提供手持身份证照片，我们会在24小时内重新审核。', (f) => `提现订单 ${f.orderId} 已通过审核，预计30分钟内到账。`,
  ],
  en: [
    (f) => `Hello, we are checking your ${f.coin} deposit on chain and will credit it shortly.`, () => 'Your account has been unfrozen. Please change your password and enable 2FA.',
    () => 'Please upload a selfie holding your ID; our team will review it within 24 hours.', (f) => `Withdrawal order ${f.orderId} has been approved and should arrive within 30 minutes.`,
  ],
  ko: [
    (f) => `안녕하세요, ${f.coin} 입금 내역을 확인하고 있습니다. 잠시만 기다려 주세요.`, () => '계정 동결이 해제되었습니다. 비밀번호를 변경하고 2단계 인증을 켜 주세요.',
    () => '신분증을 들고 찍은 사진을 보내 주시면 24시간 안에 다시 검토하겠습니다.', (f) => `출금 주문 ${f.orderId}이 승인되었습니다. 30분 안에 도착할 예정입니다.`,
  ],
};

const NOTES: Template[] = [
  (f) => `Checked on chain: ${f.hash.slice(0, 18)}… confirmed, escalate to wallet team.`, () => '风控命中异地登录规则，需要人工复核后再解冻。',
  () => 'Customer sounds legit, documents match. Approve after second review.', (f) => `链上已确认 ${f.network}，等待钱包组补单。`,
  () => '고객 신원 확인 완료, 리스크팀 검토 요청함.',
];

export interface Thread {
  subject: string;
  messages: { author: 'customer' | 'agent'; internal: boolean; body: string }[];
}

export function thread(r: Rand, lang: Lang, f: Facts): Thread {
  const messages: Thread['messages'] = [{ author: 'customer', internal: false, body: pick(r, CUSTOMER[lang])(f) }];
  const replies = Math.floor(r() * 3);
  for (let i = 0; i < replies; i++) messages.push({ author: 'agent', internal: false, body: pick(r, AGENT[lang])(f) });
  if (r() < 0.3) messages.push({ author: 'agent', internal: true, body: pick(r, NOTES)(f) });
  return { subject: pick(r, SUBJECTS[lang])(f), messages };
}
