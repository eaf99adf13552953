import type { en } from './en.js';

/** 客户在工单中看到的系统消息（简体中文）。 */
export const zhCN: typeof en = {
  mergedInto: '为了让同一位专员统一跟进您的问题，我们已将本工单合并至工单 {number}。请在该工单中继续沟通，本工单中的消息和附件仍可随时查看。',
  mergedFrom: '您的工单 {number} 已合并至本工单，我们会在这里一并处理，您无需重复提交信息。',
};
