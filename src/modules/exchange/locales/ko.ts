import type { en } from './en.js';

/** 보안 대응 안내와 내부 메모(한국어). */
export const ko: typeof en = {
  checklist:
    '조사와 자산 회수를 돕기 위해 보안팀에 아래 자료가 필요해요. 가지고 계신 자료를 이 대화창으로 보내 주세요.\n' +
    '1. UID 또는 가입 이메일, 마지막으로 정상 로그인한 시각\n' +
    '2. 발생 시각과 장소: 이상을 처음 발견한 시각, 평소 사용하는 기기와 위치\n' +
    '3. 본인이 하지 않은 출금·거래·로그인 화면 캡처(출금은 건별로 코인, 수량, 받는 주소, TxID)\n' +
    '4. 로그인 기록 캡처(프로필 → 보안 → 로그인 기록)와 저희가 보낸 보안 이메일·문자 캡처\n' +
    '5. 유출 경로로 의심되는 것: 직전에 누른 링크, 받은 메시지·이메일, 설치한 앱, 상담원을 사칭한 사람과의 대화 내용\n' +
    '6. 경찰에 신고하셨다면 사건 접수 번호\n' +
    '비밀번호, OTP·문자 인증번호, 시드 문구는 절대 보내지 마세요. 저희는 절대 요청하지 않아요.',
  selfFreezeUnverified:
    '고객님을 보호하기 위해 계정 동결은 로그인된 대화에서만 해 드릴 수 있어요. 다른 사람이 남의 계정을 동결하거나 가로채지 못하게 하기 위해서예요. 지금 바로 직접 동결해 주세요: 앱에서 프로필 → 보안 → 계정 동결로 들어가시거나 공식 고객센터{hotline}로 전화해 주세요. 동결하면 로그인, 거래, 출금이 즉시 중단돼요.',
  selfFreezeUnavailable:
    '지금은 계정 시스템에 연결할 수 없어 대신 동결해 드릴 수 없어요. 지금 바로 직접 동결해 주세요: 앱에서 프로필 → 보안 → 계정 동결로 들어가시거나 공식 고객센터{hotline}로 전화해 주세요. 보안팀에도 바로 알렸어요.',
  codeSent:
    '본인 확인을 위해 계정에 등록된 {channel}({sentTo})로 6자리 인증번호를 보냈어요. 이 대화창에 입력해 주세요. 10분 동안 유효해요. 이 번호는 이 대화에서 본인 확인에만 쓰이며 로그인이나 출금에는 쓸 수 없어요. 이 대화창 밖에서 누가 묻더라도 알려 주지 마세요.',
  codeWrong: '인증번호가 맞지 않아요(남은 시도 {attemptsLeft}회). 가장 최근에 받은 메일이나 문자를 확인하고 6자리 숫자를 다시 입력해 주세요.',
  codeFailed: '이 인증번호로 본인 확인을 하지 못해(시도 횟수 초과 또는 만료) 이 대화에서는 계정을 동결할 수 없어요.',
  'codeChannel.email': '이메일',
  'codeChannel.phone': '휴대폰 번호',
  hotline: '({phone})',
  frozen: '계정이 동결됐어요. 로그인, 거래, 출금, API 키가 모두 중단됐고 자산은 계정에 그대로 있어요. 동결 해제 전에 보안팀이 본인 확인과 계정 안전 여부를 먼저 확인해요.',
  alreadyFrozen: '계정은 이미 동결되어 있어 누구도 로그인, 거래, 출금을 할 수 없어요. 이제 보안팀이 도와드릴게요.',
  handedOver: '긴급 건으로 표시해 보안팀에 전달했어요. 담당자가 이 대화창에서 답변드릴 테니 창을 열어 두세요.',
  outreachSubject: '보안 확인: {event}',
  'event.login.new_device': '새 기기 로그인',
  'event.withdrawal.large': '대규모 출금',
  'event.api_key.created': '새 API 키 생성',
  'event.password.changed': '비밀번호 변경',
  'question.login.new_device': '보안 확인: {time}에 새 기기에서 계정에 로그인했어요 — {device}, {place}(IP {ip}). 본인이 하신 건가요?',
  'question.withdrawal.large': '보안 확인: {time}에 계정에서 {amount} {coin}({network} 네트워크)을 {address} 주소로 출금 요청했어요. 본인이 하신 건가요?',
  'question.api_key.created': '보안 확인: {time}에 {place}(IP {ip})에서 "{label}" API 키가 {permissions} 권한으로 생성됐어요. 본인이 하신 건가요?',
  'question.password.changed': '보안 확인: {time}에 {place}(IP {ip})에서 {via} 계정 비밀번호가 변경됐어요. 본인이 하신 건가요?',
  questionFooter: '본인이 아니라면 "아니요"를 눌러 주세요. 바로 계정을 동결해 드릴게요. 저희는 비밀번호, 인증번호, 시드 문구를 절대 묻지 않아요.',
  unknownPlace: '알 수 없는 위치',
  'permission.read': '조회',
  'permission.trade': '거래',
  'permission.withdraw': '출금',
  listSeparator: ', ',
  'via.settings': '계정 설정에서',
  'via.reset_link': '비밀번호 재설정 링크로',
  yes: '네, 제가 했어요',
  no: '아니요, 제가 아니에요',
  confirmedReply: '확인해 주셔서 감사해요. 별도 조치는 필요 없으며 이 대화는 종료됐어요. 다른 낯선 활동이 보이면 바로 알려 주세요.',
  deniedReply: '알려 주셔서 감사해요. 지금 계정을 보호하고 있어요.',
  unclearReply: '감사해요. 보안 담당자가 메시지를 확인하고 곧 이 대화창에서 답변드릴게요. 본인이 하지 않은 활동이라면 지금 바로 계정을 동결하세요: 프로필 → 보안 → 계정 동결.',
  timeoutReply: '답변을 받지 못해 보안 담당자가 이 대화창에서 확인 연락을 드릴게요. 본인이 하지 않은 활동이라면 지금 바로 계정을 동결하세요: 프로필 → 보안 → 계정 동결.',
  'note.confirmed': '보안 확인: 고객이 {event}({time})을(를) 본인이 했다고 확인함. 조치 없이 종료.',
  'note.denied': '보안 확인: 고객이 {event}({time})은(는) 본인이 아니라고 답함. {freeze} 긴급으로 보안팀에 배정.',
  'note.unclear': '보안 확인: {event}({time})에 대한 고객 답변이 예/아니요로 분명하지 않음. 긴급으로 보안팀에 배정.',
  'note.timeout': '보안 확인: {event}({time})에 대해 {minutes}분 안에 답변 없음. 긴급으로 보안팀에 배정.',
  'note.frozen': '거래소를 통해 계정을 동결함.',
  'note.freezeFailed': '거래소에 연결할 수 없어 계정을 동결하지 못함. 수동으로 동결 필요.',
};
