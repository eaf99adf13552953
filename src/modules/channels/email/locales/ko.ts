import type { en } from './en.js';

/** 이메일 문구(한국어). */
export const ko: typeof en = {
  replySubject: '[{number}] 회신: {subject}',
  ackSubject: '[{number}] 문의가 접수되었습니다: {subject}',
  transcriptSubject: '[{number}] 채팅 상담 내역: {subject}',
  transcriptIntro: '{brand}와(과) 나눈 채팅 상담 내역입니다(티켓 {number}). 시간은 UTC 기준입니다.',
  transcriptYou: '고객님',
  transcriptBot: '챗봇',
  transcriptAgent: '상담원',
  greeting: '{name}님, 안녕하세요.',
  greetingAnonymous: '안녕하세요.',
  ackBody:
    '{brand}에 문의해 주셔서 감사합니다. 고객님의 문의는 티켓 {number}(으)로 접수되었으며, 담당자가 이 이메일 주소로 답변드리겠습니다.\n\n추가 내용이나 스크린샷은 이 이메일에 회신해 주시고, 모든 내용이 같은 티켓에 기록되도록 제목의 [{number}]을(를) 지우지 말아 주세요.',
  guestLinkBody:
    '{brand}에 문의해 주셔서 감사합니다. 고객님의 문의는 티켓 {number}(으)로 접수되었습니다. 이메일로 답변드리며, 아래 링크에서 진행 상황을 확인하거나 파일을 추가하실 수 있습니다.\n{link}\n\n이 링크는 30일 동안 유효하며 이 티켓만 열 수 있으니 다른 사람에게 전달하지 마세요.',
  followLink: '온라인으로 문의 확인하기: {link}',
  replyFooter: '답변하시려면 이 이메일에 회신해 주시고 제목의 [{number}]을(를) 유지해 주세요.',
  safety: '당사 직원은 절대로 비밀번호, 2단계 인증(2FA)·SMS 인증번호, 복구 구문(시드 문구)이나 개인 키를 요청하지 않으며, 계정 "인증"을 이유로 송금을 요구하지 않습니다.',
  signature: '{brand}',
  unverifiedNote:
    '이 이메일은 {numbers}을(를) 참조했지만 발신자 {address}은(는) 해당 티켓의 참여자가 아니므로({why}) 별도의 새 티켓으로 접수되었습니다. 발신자 신원이 확인될 때까지 이 티켓에서 {numbers}에 관한 내용을 안내하거나 변경하지 마세요.',
  whyNotParticipant: '티켓의 고객도, 참조된 주소도 아님',
  whyUnauthenticated: '당사 메일 서버가 발신 도메인을 확인하지 못함',
  followUpNote: '고객이 종료된 티켓 {number}에 대해 이메일을 다시 보냈습니다. 이 티켓에서 이어서 처리합니다.',
  autoReplyNote: '{address}의 자동 응답({reason})입니다. 회신하지 않았습니다.\n\n{body}',
  bounceNote: '{recipient}(으)로 보낸 이메일이 전달되지 않았습니다: {diagnostic}. 주소를 확인하거나 다른 방법으로 고객에게 연락해 주세요.',
  deliveryFailedNote: '{recipient}(으)로 보내는 이메일이 {attempts}회 시도 후에도 발송되지 않았습니다: {error}. 메일 서버가 복구되면 관리자에게 재발송을 요청하거나, 다른 방법으로 고객에게 연락해 주세요.',
  unknownDiagnostic: '수신 서버가 사유를 알려 주지 않음',
};
