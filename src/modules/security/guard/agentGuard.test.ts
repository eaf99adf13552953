import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCannedDefaults } from '../../macros/defaults.js';
import { checkAgentMessage, type GuardReason } from './agentGuard.js';

/** What impersonators (and careless agents) write, in the three languages, with what it asks for. */
const blocked: [string, GuardReason][] = [
  ['To verify your identity, please send me your password.', 'password'],
  ["What's your login password? I need it to check the account.", 'password'],
  ['Please tell us the SMS verification code you just received.', 'one_time_code'],
  ['Kindly share your Google Authenticator code here so I can unlock the withdrawal.', 'one_time_code'],
  ['Reply with your 12-word recovery phrase and we will restore the wallet.', 'seed_phrase'],
  ['Could you send us your private key so we can recover the funds?', 'seed_phrase'],
  ['Please install AnyDesk and give me the ID so I can fix it remotely.', 'remote_access'],
  ['To protect your assets, transfer your USDT to this safe wallet address: TQ7xV3n6kqgZr1bX9uN2aYkTc8Lm4RdPeW', 'transfer_to_address'],
  ['为了核实身份，请把您的登录密码发给我。', 'password'],
  ['请提供一下您手机收到的验证码，我帮您解冻。', 'one_time_code'],
  ['麻烦把助记词发过来，我们帮您找回资产。', 'seed_phrase'],
  ['请下载向日葵远程控制软件，我远程帮您操作。', 'remote_access'],
  ['您的账户有风险，请尽快把资产转到下面这个安全地址。', 'transfer_to_address'],
  ['본인 확인을 위해 비밀번호를 알려 주세요.', 'password'],
  ['방금 받으신 인증번호 6자리를 저에게 보내주세요.', 'one_time_code'],
  ['지갑 복구를 위해 시드 문구를 보내 주세요.', 'seed_phrase'],
  ['팀뷰어를 설치하시면 원격으로 도와드리겠습니다.', 'remote_access'],
  ['계정 보호를 위해 자산을 아래 주소로 송금해 주세요.', 'transfer_to_address'],
];

/** What real agents write all day, including the warnings they should send. */
const allowed = [
  'We will never ask for your password, SMS code or seed phrase. Please do not share them with anyone.',
  'Please enter the verification code you received in the app to finish the withdrawal.',
  'You can reset your password from the login page under "Forgot password".',
  'Please send us the transaction hash (TxID) and the network you used.',
  'Your deposit address is shown under Assets > Deposit; make sure you choose the TRC20 network.',
  '请勿向任何人透露您的密码、验证码或助记词，客服不会索要这些信息。',
  '请在 App 中输入短信验证码完成提币。',
  '请提供充值的交易哈希和充值网络，我们帮您查询。',
  '비밀번호는 절대 다른 사람에게 알려 주지 마세요.',
  '앱에서 인증번호를 입력하시면 출금이 완료됩니다.',
  '트랜잭션 해시(TxID)를 보내 주시면 확인해 드리겠습니다.',
];

describe('agent guard', () => {
  it('holds back requests for passwords, codes, phrases, remote access and transfers, in zh, en and ko', () => {
    for (const [text, reason] of blocked) {
      const verdict = checkAgentMessage(text);
      assert.equal(verdict.allowed, false, text);
      assert.ok(verdict.reasons.includes(reason), `${text}: ${verdict.reasons.join(',')}`);
      assert.equal(verdict.sentences.length, 1);
    }
  });

  it('lets ordinary replies and security warnings through', () => {
    for (const text of allowed) assert.deepEqual(checkAgentMessage(text), { allowed: true, reasons: [], sentences: [] }, text);
  });

  it('lets every shipped canned response through in every language', () => {
    for (const response of loadCannedDefaults()) {
      for (const [locale, text] of Object.entries(response.bodies)) assert.equal(checkAgentMessage(text!).allowed, true, `${response.shortcode} (${locale})`);
    }
  });

  it('names only the offending sentence of a longer reply', () => {
    const verdict = checkAgentMessage('Thanks for waiting. Your deposit is confirmed on chain. Now please tell me your SMS code to release it.');
    assert.deepEqual(verdict.sentences, ['Now please tell me your SMS code to release it.']);
  });
});
