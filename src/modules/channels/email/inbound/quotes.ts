/**
 * Where quoted history starts in a reply, in the forms mail programs write it in English, Chinese
 * and Korean: an attribution line ("On … wrote:", "在…写道：", "…님이 작성:"), an Outlook header
 * block (From:/发件人:/보낸 사람: followed by Sent:/Date:/发送时间:), an "Original Message"
 * separator, or a trailing run of "> " lines.
 */
const ATTRIBUTION = [
  /^On\b.{0,300}\bwrote:\s*$/i,
  /^在.{0,300}写道[:：]\s*$/,
  /^.{0,300}(님이|님께서)\s*(작성|씀|쓰셨습니다)[^\n]{0,20}[:：]\s*$/,
  /^-{2,}\s*(Original Message|Forwarded message|原始邮件|原始郵件|원본 메시지|원래 메시지)\s*-{2,}\s*$/i,
  /^_{20,}\s*$/,
];
const HEADER_FROM = /^\*?(From|发件人|寄件者|보낸 사람)\*?\s*[:：]/i;
const HEADER_NEXT = /^\*?(Sent|Date|To|Subject|发送时间|日期|收件人|主题|보낸 날짜|받는 사람|제목)\*?\s*[:：]/i;

export function quoteStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    // Gmail wraps a long attribution: "On Tue, … Zhang Wei <wei@…>" / "wrote:".
    const joined = i + 1 < lines.length ? `${line} ${lines[i + 1]!.trim()}` : line;
    if (ATTRIBUTION.some((re) => re.test(line))) return i;
    if (/^On\b/i.test(line) && /\bwrote:\s*$/i.test(joined) && !/\bwrote:/i.test(line)) return i;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_NEXT.test(l.trim()))) return i;
  }
  // A trailing block of quoted lines (and the blank lines around it).
  let end = lines.length;
  while (end > 0 && (lines[end - 1]!.trim() === '' || lines[end - 1]!.trimStart().startsWith('>'))) end--;
  const hasQuote = lines.slice(end).some((l) => l.trimStart().startsWith('>'));
  return hasQuote ? end : lines.length;
}

/**
 * The new words of a message for display; the full text is kept beside it. A message that is
 * nothing but quotes (a forward with no comment) keeps everything.
 */
export function trimQuotedHistory(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const kept = lines.slice(0, quoteStart(lines)).join('\n').trim();
  return kept || text.trim();
}
