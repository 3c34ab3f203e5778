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
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(D_STROKE, 'd')
    .toLowerCase()
    .replace(SPACES, ' ')
    .trim();
}

/** Stored text is always NFC so that "Khánh Hòa" typed on any keyboard compares equal. */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(SPACES, ' ').trim();
}

/** Folded words of a query, for prefix matching ("xuc tien dau" -> ["xuc","tien","dau"]). */
export function foldedWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}
