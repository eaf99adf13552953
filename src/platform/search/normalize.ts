/**
 * Text folding shared by indexing and querying, so that what a user types and what an article
 * says meet on the same form: NFKC (full-width ＵＳＤＴ → usdt), lower case, Latin accents
 * stripped, and the traditional Chinese characters of exchange vocabulary mapped to simplified.
 */

// Only characters that actually occur in exchange support text; a full OpenCC table would cost
// megabytes for little gain, and the issue asks for traditional/simplified "where cheap".
const TRADITIONAL_TO_SIMPLIFIED: Readonly<Record<string, string>> = {
  幣: '币', 帳: '账', 賬: '账', 號: '号', 錢: '钱', 鏈: '链', 現: '现', 儲: '储', 資: '资', 產: '产',
  額: '额', 戶: '户', 碼: '码', 認: '认', 證: '证', 驗: '验', 實: '实', 簽: '签', 轉: '转', 無: '无',
  審: '审', 請: '请', 設: '设', 換: '换', 貨: '货', 買: '买', 賣: '卖', 單: '单', 價: '价',
  費: '费', 續: '续', 時: '时', 間: '间', 網: '网', 絡: '络', 凍: '冻', 結: '结', 護: '护', 機: '机',
  險: '险', 強: '强', 倉: '仓', 約: '约', 槓: '杠', 桿: '杆', 開: '开', 關: '关', 錯: '错', 誤: '误',
  們: '们', 為: '为', 麼: '么', 這: '这', 個: '个', 還: '还', 沒: '没', 讓: '让', 與: '与', 從: '从',
  對: '对', 發: '发', 應: '应', 該: '该', 後: '后', 裡: '里', 麗: '丽', 標: '标', 籤: '签', 雙: '双',
  務: '务', 問: '问', 題: '题', 聯: '联', 繫: '系', 係: '系', 報: '报',
  態: '态', 處: '处', 異: '异', 貼: '贴', 紙: '纸', 點: '点', 擊: '击', 東: '东',
  錄: '录', 註: '注', 冊: '册', 綁: '绑', 權: '权', 優: '优', 獎: '奖', 勵: '励',
  將: '将', 級: '级', 區: '区', 塊: '块', 礦: '矿', 紅: '红', 場: '场', 動: '动', 詐: '诈',
  騙: '骗', 釣: '钓', 魚: '鱼', 舉: '举', 電: '电', 郵: '邮', 簡: '简', 體: '体', 數: '数', 據: '据',
  歷: '历', 紀: '纪', 損: '损', 盤: '盘', 兌: '兑',
};

// Decompose-and-strip only inside Latin blocks: NFD on Hangul would split syllables into jamo.
const LATIN_WITH_MARKS = /[\u00C0-\u024F\u1E00-\u1EFF]/gu;
const COMBINING_MARK = /\p{M}/gu;
const TRADITIONAL = new RegExp(`[${Object.keys(TRADITIONAL_TO_SIMPLIFIED).join('')}]`, 'gu');

const stripLatinMarks = (c: string): string => c.normalize('NFD').replace(COMBINING_MARK, '');

/** Folds a whole string (queries, synonym entries). */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(LATIN_WITH_MARKS, stripLatinMarks)
    .replace(TRADITIONAL, (c) => TRADITIONAL_TO_SIMPLIFIED[c] ?? c)
    .replace(/\s+/gu, ' ')
    .trim();
}

const foldCache = new Map<number, string>();

/**
 * Folds one code point of the original text, so the tokenizer can keep offsets into the
 * original for snippets. May return '' (a stray combining mark) or several characters (ﬁ → fi).
 */
export function foldCodePoint(cp: number): string {
  if (cp < 0x80) return cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 32) : String.fromCharCode(cp);
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  const folded = normalize(String.fromCodePoint(cp)).replace(COMBINING_MARK, '');
  // A space folds to '' through trim(); keep it a separator.
  const value = folded === '' && /\s/u.test(String.fromCodePoint(cp)) ? ' ' : folded;
  if (foldCache.size < 65_536) foldCache.set(cp, value);
  return value;
}
