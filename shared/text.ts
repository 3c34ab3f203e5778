/**
 * Vietnamese text folding: the one function used to build the search index and to
 * read queries, so both sides always agree.
 *
 * NFD splits every precomposed letter (ệ -> e + ̣ + ̂), the combining marks
 * U+0300–U+036F are dropped, and đ/Đ (which Unicode gives no decomposition) become d.
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const D_STROKE = /[đĐ]/g;
const SPACES = /\s+/g;

export function foldText(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').replace(D_STROKE, 'd').toLowerCase().replace(SPACES, ' ').trim();
}

/**
 * Stored text is always NFC so that "Khánh Hòa" typed on any keyboard (or pasted as NFD from
 * a PDF or macOS) compares equal. One-line fields also fold runs of spaces and line breaks.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(SPACES, ' ').trim();
}

/** Multi-line fields keep what was typed: NFC, one kind of line break, the ends trimmed; nothing else. */
export function normalizeMultiline(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').trim();
}

/** Folded words of a query, for prefix matching ("xuc tien dau" -> ["xuc","tien","dau"]). */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

const ROMAN: [number, string][] = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/** 1 -> "I", 4 -> "IV", 12 -> "XII": section numbers of official documents, quarters ("Quý III"). */
export function romanNumeral(n: number): string {
  let rest = n;
  let out = '';
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}
