import type { Locale } from '../../../platform/i18n/index.js';

/** Server-side strings of the chat channel (the widget's own strings live in web/widget/locales.ts). */
const text = {
  en: {
    greeting: 'Hi! Ask us anything about your account, deposits, withdrawals or trading. Our assistant answers first, and a support agent is one tap away.',
    demoTitle: 'Demo exchange',
    demoLead: 'A mock exchange page with the LedgerDesk chat widget. Open the chat with the button in the corner.',
    demoSignedIn: 'Signed in as demo trader {uid} (verified by the exchange).',
    demoSignIn: 'Sign in as a demo trader',
    demoGuest: 'Continue as a guest',
    demoMarkets: 'Markets',
  },
  'zh-CN': {
    greeting: '您好！关于账户、充值、提币或交易的任何问题都可以问我们。智能助手会先为您解答，随时可以转人工客服。',
    demoTitle: '演示交易所',
    demoLead: '这是嵌入了 LedgerDesk 在线客服组件的模拟交易所页面。点击右下角的按钮打开客服窗口。',
    demoSignedIn: '已以演示用户 {uid} 登录（由交易所验证身份）。',
    demoSignIn: '以演示用户登录',
    demoGuest: '以访客身份继续',
    demoMarkets: '行情',
  },
  ko: {
    greeting: '안녕하세요! 계정, 입금, 출금, 거래에 관해 무엇이든 물어보세요. 챗봇이 먼저 답변하고, 언제든 상담원과 연결할 수 있습니다.',
    demoTitle: '데모 거래소',
    demoLead: 'LedgerDesk 채팅 위젯이 삽입된 모의 거래소 페이지입니다. 오른쪽 아래 버튼으로 채팅을 여세요.',
    demoSignedIn: '데모 회원 {uid}(으)로 로그인됨 (거래소 인증).',
    demoSignIn: '데모 회원으로 로그인',
    demoGuest: '게스트로 계속',
    demoMarkets: '마켓',
  },
} satisfies Record<Locale, Record<string, string>>;

export type ChatText = (typeof text)['en'];
export const chatText = (locale: Locale): ChatText => text[locale];
