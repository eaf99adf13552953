import type { en } from './en.js';

/** 텔레그램 봇 자체 안내 문구(한국어). */
export const ko: Record<keyof typeof en, string> = {
  welcome:
    '안녕하세요! 공식 고객지원 채팅입니다. 한국어, English 또는 中文으로 문의 내용을 편하게 적어 주시면 AI 상담원이 바로 답변드립니다. 상담원과 대화하시려면 언제든지 “상담원 연결”을 누르거나 /agent를 보내 주세요. 고객지원팀은 연중무휴 24시간 운영됩니다.\n\n입출금 문의 시에는 코인, 네트워크, 트랜잭션 해시(TxID)를 함께 알려 주세요.\n\n당사는 절대로 비밀번호, OTP·SMS 인증번호, 복구 구문(시드 문구)이나 개인 키를 요청하지 않으며, 계정 “인증”을 이유로 송금을 요구하지 않습니다.',
  handoverButton: '상담원 연결',
  openArticle: '도움말 보기',
  describeFirst: '어떤 문제가 있는지 메시지 하나로 알려 주세요(계정 관련 문의는 UID도 함께 적어 주세요). 바로 상담원에게 연결해 드리겠습니다.',
  unsupported: '텍스트, 사진, 파일(PNG, JPEG, GIF, WebP, PDF 또는 일반 텍스트)을 확인할 수 있습니다. 문의 내용을 텍스트로 보내 주시거나 위 형식의 파일로 보내 주세요.',
  fileRejected: '“{file}” 파일을 받을 수 없습니다: {reason}',
  edited: '(수정됨) {text}',
  agentPrefix: '{agent}:',
};
