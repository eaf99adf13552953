/**
 * A synthetic multilingual help-center corpus with queries whose target article is known.
 * Articles combine exchange-support concepts (in zh-CN, en or ko) with coin/network names; a
 * query names the target's coin and one or two of its title concepts, often the way users type
 * them: misspelled, with Korean particles, in traditional characters or full-width letters.
 */

export interface Article {
  id: string;
  locale: 'zh-CN' | 'en' | 'ko';
  title: string;
  tags: string[];
  body: string;
  popularity: number;
  updatedAt: string;
}

export interface Query {
  text: string;
  locale: Article['locale'];
  target: string;
  kind: 'plain' | 'typo' | 'particle' | 'traditional' | 'fullwidth' | 'prefix';
}

/** [zh-CN, en, ko] */
const CONCEPTS: readonly (readonly [string, string, string])[] = [
  ['充值', 'deposit', '입금'], ['提现', 'withdrawal', '출금'], ['到账', 'credited', '반영'], ['未到账', 'not received', '미반영'],
  ['手续费', 'fee', '수수료'], ['实名认证', 'verification', '실명인증'], ['谷歌验证', 'authenticator', '구글인증'], ['密码', 'password', '비밀번호'],
  ['重置', 'reset', '재설정'], ['冻结', 'frozen', '동결'], ['账户', 'account', '계정'], ['地址', 'address', '주소'],
  ['标签', 'memo', '메모'], ['网络', 'network', '네트워크'], ['区块确认', 'confirmations', '컨펌'], ['最低金额', 'minimum', '최소금액'],
  ['审核', 'review', '검토'], ['合约', 'futures', '선물'], ['现货', 'spot', '현물'], ['杠杆', 'margin', '마진'],
  ['爆仓', 'liquidation', '청산'], ['止损', 'stoploss', '손절'], ['滑点', 'slippage', '슬리피지'], ['跟单', 'copytrading', '카피트레이딩'],
  ['网格', 'grid', '그리드'], ['空投', 'airdrop', '에어드랍'], ['活动', 'campaign', '이벤트'], ['奖励', 'rewards', '보상'],
  ['钓鱼', 'phishing', '피싱'], ['客服', 'support', '고객센터'], ['密钥', 'apikey', 'API키'], ['权限', 'permissions', '권한'],
  ['失败', 'failed', '실패'], ['延迟', 'delayed', '지연'], ['取消', 'cancel', '취소'], ['订单', 'order', '주문'],
  ['限额', 'limits', '한도'], ['等级', 'level', '등급'], ['返佣', 'rebate', '리베이트'], ['质押', 'staking', '스테이킹'],
  ['理财', 'savings', '예치'], ['借贷', 'loan', '대출'], ['转账', 'transfer', '이체'], ['资金', 'funds', '자금'],
  ['安全', 'security', '보안'], ['登录', 'login', '로그인'], ['注册', 'registration', '회원가입'], ['邮箱', 'email', '이메일'],
  ['手机', 'phone', '휴대폰'], ['验证码', 'code', '인증번호'], ['哈希', 'txid', '해시'], ['钱包', 'wallet', '지갑'],
  ['兑换', 'convert', '환전'], ['法币', 'fiat', '법정화폐'], ['银行卡', 'bankcard', '은행카드'], ['申购', 'subscription', '청약'],
  ['解锁', 'unlock', '잠금해제'], ['维护', 'maintenance', '점검'], ['升级', 'upgrade', '업그레이드'], ['税务', 'tax', '세금'],
];
const FILLER: Readonly<Record<Article['locale'], readonly string[]>> = {
  'zh-CN': ['请', '您', '如果', '可以', '需要', '我们', '通常', '处理', '时间', '完成', '操作', '页面', '点击', '查看', '提交', '系统', '用户', '相关', '问题', '说明', '平台', '规则', '注意', '情况'],
  en: ['please', 'your', 'if', 'can', 'need', 'we', 'usually', 'process', 'time', 'complete', 'page', 'click', 'view', 'submit', 'system', 'user', 'related', 'issue', 'guide', 'platform', 'rules', 'note', 'case', 'check'],
  ko: ['확인', '경우', '필요', '처리', '시간', '완료', '페이지', '클릭', '제출', '시스템', '사용자', '관련', '문제', '안내', '플랫폼', '규칙', '참고', '고객', '진행', '요청', '이용', '방법', '가능', '선택'],
};
const TRADITIONAL: Readonly<Record<string, string>> = { 币: '幣', 账: '帳', 现: '現', 钱: '錢', 链: '鏈', 认: '認', 证: '證', 验: '驗', 实: '實', 续: '續', 费: '費', 码: '碼', 冻: '凍', 结: '結' };
const PARTICLES = ['이', '가', '을', '를', '은', '는', '에서', '이요', '해요'];

/** mulberry32: a small seeded PRNG so every run generates the same corpus. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;

/** Pronounceable coin/network names: zorbex, kalinta… (a real exchange lists thousands). */
function coinNames(r: () => number, count: number): string[] {
  const onset = ['b', 'k', 'z', 'm', 'n', 'r', 't', 'v', 'l', 'd', 'p', 's', 'f', 'g', 'h', 'x', 'qu', 'tr', 'st', 'gr'];
  const vowel = ['a', 'e', 'i', 'o', 'u', 'ai', 'eo', 'ia'];
  const coda = ['', 'n', 'x', 'r', 'l', 'th', 'm', 'k'];
  const out = new Set<string>();
  for (let guard = 0; out.size < count && guard < count * 20; guard++) {
    const syllables = 2 + Math.floor(r() * 2);
    let name = '';
    for (let s = 0; s < syllables; s++) name += pick(r, onset) + pick(r, vowel) + (s === syllables - 1 ? pick(r, coda) : '');
    out.add(name);
  }
  return [...out];
}

const word = (c: readonly [string, string, string], locale: Article['locale']): string => c[locale === 'zh-CN' ? 0 : locale === 'en' ? 1 : 2];
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function generateArticles(count: number, seed = 42): Article[] {
  const r = rng(seed);
  const coins = coinNames(r, Math.max(50, Math.floor(count / 4)));
  const out: Article[] = [];
  for (let i = 0; i < count; i++) {
    const x = r();
    const locale: Article['locale'] = x < 0.4 ? 'zh-CN' : x < 0.75 ? 'en' : 'ko';
    const coin = capital(pick(r, coins));
    const concepts = new Set<readonly [string, string, string]>();
    const titleConcepts = 2 + Math.floor(r() * 2);
    for (let guard = 0; concepts.size < titleConcepts && guard < 20; guard++) concepts.add(pick(r, CONCEPTS));
    const titleWords = [...concepts].map((c) => word(c, locale));
    const sep = locale === 'zh-CN' ? '' : ' ';
    const title = locale === 'en' ? `${coin} ${titleWords.join(' ')}` : `${coin} ${titleWords.join(sep)}`;
    const bodyWords: string[] = [];
    const bodyLength = 40 + Math.floor(r() * 50);
    for (let w = 0; w < bodyLength; w++) {
      const y = r();
      if (y < 0.3) bodyWords.push(word(pick(r, CONCEPTS), locale));
      else if (y < 0.35) bodyWords.push(coin);
      else if (y < 0.4) bodyWords.push(pick(r, titleWords));
      else bodyWords.push(pick(r, FILLER[locale]));
    }
    const body = locale === 'zh-CN' ? bodyWords.join('').replace(/(.{30})/gu, '$1，') : `${bodyWords.join(' ')}.`;
    out.push({
      id: `a${i}`,
      locale,
      title,
      tags: [word(pick(r, CONCEPTS), locale), coin.toLowerCase()],
      body,
      popularity: Math.floor(r() * r() * 10_000),
      updatedAt: new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 700) * 86_400_000).toISOString(),
    });
  }
  return out;
}

function misspell(r: () => number, w: string): string {
  if (w.length < 5) return w;
  const i = 1 + Math.floor(r() * (w.length - 2));
  const op = r();
  if (op < 0.33) return w.slice(0, i) + w.slice(i + 1); // deletion
  if (op < 0.66) return w.slice(0, i) + (w[i + 1] ?? '') + (w[i] ?? '') + w.slice(i + 2); // transposition
  return w.slice(0, i) + pick(r, ['a', 'e', 'i', 'o', 'r', 't']) + w.slice(i); // insertion
}

const toFullWidth = (s: string): string => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

export function generateQueries(articles: readonly Article[], count: number, seed = 7): Query[] {
  const r = rng(seed);
  const out: Query[] = [];
  for (let q = 0; q < count && articles.length > 0; q++) {
    const a = pick(r, articles);
    const [coin = '', ...rest] = a.locale === 'en' ? a.title.split(' ') : [a.title.split(' ')[0] ?? '', ...conceptsOf(a)];
    const concepts = rest.length > 0 ? rest : conceptsOf(a);
    const chosen = [...new Set([pick(r, concepts), pick(r, concepts)])];
    let kind: Query['kind'] = 'plain';
    let coinText = coin.toLowerCase();
    let words = chosen;
    const x = r();
    if (x < 0.3) {
      kind = 'typo';
      coinText = misspell(r, coinText);
      if (a.locale === 'en') words = words.map((w) => (r() < 0.5 ? misspell(r, w) : w));
    } else if (x < 0.4 && a.locale === 'ko') {
      kind = 'particle';
      words = words.map((w) => w + pick(r, PARTICLES));
    } else if (x < 0.45 && a.locale === 'zh-CN') {
      kind = 'traditional';
      words = words.map((w) => [...w].map((c) => TRADITIONAL[c] ?? c).join(''));
    } else if (x < 0.5) {
      kind = 'fullwidth';
      coinText = toFullWidth(coin);
    } else if (x < 0.6) {
      kind = 'prefix';
      coinText = coinText.slice(0, Math.max(3, coinText.length - 2));
    }
    const text = a.locale === 'zh-CN' ? `${coinText} ${words.join('')}` : `${coinText} ${words.join(' ')}`;
    out.push({ text, locale: a.locale, target: a.id, kind });
  }
  return out;
}

function conceptsOf(a: Article): string[] {
  const col = a.locale === 'zh-CN' ? 0 : a.locale === 'en' ? 1 : 2;
  return CONCEPTS.map((c) => c[col]).filter((w) => a.title.includes(w));
}
