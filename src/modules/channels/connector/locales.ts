import { textCatalogue } from '../../../platform/i18n/catalogue.js';

/**
 * What the desk writes on its own about a connector conversation: notes for agents (a reply the
 * bridge never took) and notices for the customer (a file we could not accept), in the ticket's
 * language.
 */
const en = {
  deliveryFailedNote: 'This reply did not reach the customer on {connector}: the bridge at {url} refused it or could not be reached after {attempts} attempt(s) (last answer: {error}). Ask the bridge\'s operator to check it, or contact the customer another way.',
  fileRejected: 'We could not accept “{file}”: {reason}',
} as const;

type Key = keyof typeof en;

const zhCN: Record<Key, string> = {
  deliveryFailedNote: '此回复未能送达 {connector} 上的客户：桥接服务 {url} 拒收或经 {attempts} 次尝试仍无法连接（最后的应答：{error}）。请联系该桥接服务的运维人员排查，或通过其他渠道联系客户。',
  fileRejected: '无法接收文件“{file}”：{reason}',
};

const ko: Record<Key, string> = {
  deliveryFailedNote: '이 답변이 {connector}의 고객에게 전달되지 않았습니다. 브리지({url})가 거부했거나 {attempts}회 시도 후에도 연결되지 않았습니다(마지막 응답: {error}). 브리지 운영자에게 확인을 요청하거나 다른 채널로 고객에게 연락하세요.',
  fileRejected: '“{file}” 파일을 받을 수 없습니다: {reason}',
};

export const connectorText = textCatalogue<Key>({ en, 'zh-CN': zhCN, ko });
