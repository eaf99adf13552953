import type { en } from './en.js';

/** Telegram 机器人自身的提示语（简体中文）。 */
export const zhCN: Record<keyof typeof en, string> = {
  welcome:
    '您好！这里是官方客服。请直接用中文、English 或 한국어 描述您的问题，智能助手会立即回复；如需人工服务，可随时点击“转人工客服”或发送 /agent，客服团队 7×24 小时在线。\n\n咨询充值或提现问题时，请一并提供币种、网络（链）和交易哈希（TxID）。\n\n我们绝不会向您索要登录密码、谷歌验证码/短信验证码、助记词或私钥，也绝不会以“验证账户”为由要求您转账。',
  handoverButton: '转人工客服',
  openArticle: '查看帮助文章',
  describeFirst: '请用一条消息说明遇到的问题（涉及账户的请附上 UID），我会为您转接人工客服。',
  unsupported: '目前可以识别文字、图片和文件（PNG、JPEG、GIF、WebP、PDF 或纯文本）。请用文字描述您的问题，或以上述格式发送文件。',
  fileRejected: '无法接收文件“{file}”：{reason}',
  edited: '（已编辑）{text}',
  agentPrefix: '{agent}：',
};
