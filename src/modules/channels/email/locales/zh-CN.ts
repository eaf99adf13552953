import type { en } from './en.js';

/** 邮件文案（简体中文）。 */
export const zhCN: typeof en = {
  replySubject: '[{number}] 回复：{subject}',
  ackSubject: '[{number}] 我们已收到您的请求：{subject}',
  transcriptSubject: '[{number}] 您的在线咨询记录：{subject}',
  transcriptIntro: '以下是您与 {brand} 的在线咨询记录（工单 {number}），时间为 UTC 时间。',
  transcriptYou: '您',
  transcriptBot: '智能助手',
  transcriptAgent: '客服专员',
  greeting: '{name}，您好：',
  greetingAnonymous: '您好：',
  ackBody:
    '感谢您联系 {brand}。您的请求已登记为工单 {number}，专员将通过此邮箱回复您。\n\n如需补充说明或截图，请直接回复本邮件，并保留主题中的 [{number}]，以便所有内容归入同一工单。',
  guestLinkBody:
    '感谢您联系 {brand}。您的请求已登记为工单 {number}。我们会通过邮件回复您，您也可以通过以下链接查看进度或补充文件：\n{link}\n\n该链接 30 天内有效，仅能打开此工单，请勿转发给他人。',
  followLink: '在线查看此工单：{link}',
  replyFooter: '如需回复，请直接回复本邮件，并保留主题中的 [{number}]。',
  safety: '我们的工作人员绝不会向您索要登录密码、二次验证（2FA）或短信验证码、助记词或私钥，也绝不会要求您转账以“验证”账户。',
  signature: '{brand}',
  unverifiedNote:
    '此邮件引用了 {numbers}，但发件人 {address} 不是该工单的参与者（{why}），因此已单独新建本工单。在核实发件人身份之前，请勿在此讨论或修改 {numbers} 的任何内容。',
  whyNotParticipant: '既不是该工单的客户，也不在抄送名单中',
  whyUnauthenticated: '我方邮件服务器无法确认发件人域名',
  followUpNote: '客户通过邮件就已关闭的工单 {number} 再次来信，本工单为其后续。',
  autoReplyNote: '来自 {address} 的自动回复（{reason}），系统未作回复：\n\n{body}',
  bounceNote: '发往 {recipient} 的邮件投递失败：{diagnostic}。请核对邮箱地址，或通过其他方式联系客户。',
  deliveryFailedNote: '发往 {recipient} 的邮件在尝试 {attempts} 次后仍发送失败：{error}。邮件服务器修复后，请联系管理员重新发送，或通过其他方式联系客户。',
  unknownDiagnostic: '收件服务器未说明原因',
};
