import type { en } from './en.js';

/** 安全处置相关的客户提示与内部备注（简体中文）。 */
export const zhCN: typeof en = {
  checklist:
    '为了调查并协助追回您的资产，安全团队需要以下信息，请在本对话中发送您已有的资料：\n' +
    '1. 您的 UID 或注册邮箱，以及最后一次正常登录的时间。\n' +
    '2. 事发时间和地点：您发现异常的时间，以及您平时使用的设备和所在地。\n' +
    '3. 异常操作记录：非本人操作的提币、交易或登录的截图；每笔提币请注明币种、数量、收款地址和 TxID。\n' +
    '4. 登录历史截图（个人中心 → 安全 → 登录历史），以及我们发给您的安全邮件或短信截图。\n' +
    '5. 可能的泄露途径：事发前点击过的链接、收到的消息或邮件、安装过的应用，以及与自称客服人员的聊天记录。\n' +
    '6. 如已报警，请提供报案回执编号。\n' +
    '请勿发送密码、谷歌验证码、短信验证码或助记词——我们绝不会索要这些信息。',
  selfFreezeUnverified:
    '为保护您的账户，我只能在您已登录的对话中冻结账户，以防有人冒名冻结或接管他人账户。请立即自行冻结：在 App 中进入“个人中心 → 安全 → 冻结账户”，或拨打官方客服热线{hotline}。冻结后将立即停止登录、交易和提币。',
  selfFreezeUnavailable:
    '目前无法连接账户系统为您冻结账户。请立即自行冻结：在 App 中进入“个人中心 → 安全 → 冻结账户”，或拨打官方客服热线{hotline}。我们也已同步通知安全团队。',
  codeSent:
    '为确认是您本人，我已向您账户绑定的{channel}（{sentTo}）发送了 6 位验证码，请在此对话中输入，10 分钟内有效。该验证码仅用于在本对话中核实身份，无法用于登录或提币；除本对话外，任何人向您索要都不要提供。',
  codeWrong: '验证码不正确（还可尝试 {attemptsLeft} 次）。请查看我们最新发送的邮件或短信，重新输入 6 位数字。',
  codeFailed: '该验证码未能核实您的身份（尝试次数过多或已过期），因此无法在本对话中为您冻结账户。',
  'codeChannel.email': '邮箱',
  'codeChannel.phone': '手机号',
  intakeReply: '我们已将此事按紧急情况处理：您的工单 {number} 已标记为紧急，并转交安全团队，专员会在此回复您。',
  intakeFreezeInChat:
    '如需我们立即冻结您的账户，请在官网或 App 中打开在线客服，输入“我的账户被盗了”。如果您已在那里登录，一步即可完成冻结；否则我们会先向您账户绑定的邮箱或手机发送验证码——仅凭来自此邮箱的消息无法证明是您本人。',
  'note.intake':
    '已识别为账户被盗报告（{channel}）：已标记为紧急并转交安全团队，已向客户发送取证清单。此消息不能证明发件人身份——冻结或展示任何信息前，请先通过侧边栏向客户发送验证码核实身份。',
  hotline: '（{phone}）',
  frozen: '您的账户已冻结：登录、交易、提币和 API 密钥均已停用，资产仍保留在您的账户中。解冻前，安全团队会先核实您的身份并确认账户已恢复安全。',
  alreadyFrozen: '您的账户已处于冻结状态，任何人都无法登录、交易或提币。接下来由安全团队为您处理。',
  handedOver: '我已将您的问题标记为紧急并转交安全团队，专员会在此对话中回复您，请保持对话开启。',
  outreachSubject: '安全核实：{event}',
  'event.login.new_device': '新设备登录',
  'event.withdrawal.large': '大额提币',
  'event.api_key.created': '新建 API 密钥',
  'event.password.changed': '密码修改',
  'question.login.new_device': '安全核实：您的账户于 {time} 在新设备上登录——{device}，{place}（IP {ip}）。请问是您本人操作吗？',
  'question.withdrawal.large': '安全核实：您的账户于 {time} 发起了一笔提币：{amount} {coin}（{network} 网络），收款地址 {address}。请问是您本人操作吗？',
  'question.api_key.created': '安全核实：您的账户于 {time} 在 {place}（IP {ip}）新建了名为“{label}”的 API 密钥，权限为{permissions}。请问是您本人操作吗？',
  'question.password.changed': '安全核实：您的账户密码于 {time} {via}被修改，操作地点 {place}（IP {ip}）。请问是您本人操作吗？',
  questionFooter: '如果不是您本人操作，请点“不是我操作的”，我们会立即冻结您的账户。我们绝不会索要您的密码、验证码或助记词。',
  unknownPlace: '未知地点',
  'permission.read': '读取',
  'permission.trade': '交易',
  'permission.withdraw': '提币',
  listSeparator: '、',
  'via.settings': '通过账户设置',
  'via.reset_link': '通过密码重置链接',
  yes: '是我本人操作',
  no: '不是我操作的',
  confirmedReply: '感谢您的确认，无需进一步操作，本次对话已关闭。如发现其他不熟悉的操作，请立即联系我们。',
  deniedReply: '感谢您告知，我们正在为您保护账户。',
  unclearReply: '感谢您的回复，安全专员会查看您的消息并尽快在此回复。如果不是您本人操作，请立即冻结账户：个人中心 → 安全 → 冻结账户。',
  timeoutReply: '我们尚未收到您的回复，安全专员将在此跟进。如果该操作不是您本人所为，请立即冻结账户：个人中心 → 安全 → 冻结账户。',
  'note.confirmed': '主动核实：客户确认{event}（{time}）为本人操作，已关闭，无需处理。',
  'note.denied': '主动核实：客户表示{event}（{time}）不是本人操作。{freeze}已标记紧急并转交安全团队。',
  'note.unclear': '主动核实：客户关于{event}（{time}）的回复无法判断是否本人操作。已标记紧急并转交安全团队。',
  'note.timeout': '主动核实：客户在 {minutes} 分钟内未回复{event}（{time}）的核实。已标记紧急并转交安全团队。',
  'note.frozen': '已通过交易所冻结账户。',
  'note.freezeFailed': '无法连接交易所冻结账户，请人工冻结。',
};
