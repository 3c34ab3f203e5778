/**
 * How hard a passphrase is to guess, for the meter in the passphrase screens and for main,
 * which refuses a weak one (the same function on both sides). zxcvbn-ts estimates the
 * guesses an attacker with common password lists needs; its lists are English, so the
 * passphrase is scored with its Vietnamese marks folded away ("mậtkhẩu" is "matkhau" to
 * anyone guessing) and against a small list of Vietnamese words people put in passwords.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

export const MIN_PASSPHRASE_LENGTH = 8;
/** zxcvbn's 0–4 scale; 3 means more than 10^8 guesses, which scrypt makes years of work offline. */
export const MIN_PASSPHRASE_SCORE = 3;

/**
 * Vietnamese words common in passwords (folded, most common first): love phrases, the
 * word "password", places, the commonest family and given names, greetings.
 */
const VIETNAMESE_COMMON = [
  'matkhau',
  'anhyeuem',
  'emyeuanh',
  'yeuem',
  'yeuanh',
  'anhyeu',
  'emyeu',
  'iuem',
  'matma',
  'vietnam',
  'hanoi',
  'saigon',
  'hochiminh',
  'danang',
  'haiphong',
  'cantho',
  'nhatrang',
  'dalat',
  'hue',
  'nguyen',
  'tran',
  'le',
  'pham',
  'hoang',
  'huynh',
  'phan',
  'vu',
  'vo',
  'dang',
  'bui',
  'do',
  'ho',
  'ngo',
  'duong',
  'ly',
  'minh',
  'anh',
  'linh',
  'huong',
  'lan',
  'mai',
  'hoa',
  'hung',
  'tuan',
  'nam',
  'long',
  'thao',
  'trang',
  'ngoc',
  'quang',
  'xinchao',
  'camon',
  'chucmung',
  'hanhphuc',
  'giadinh',
  'tinhyeu',
  'baby',
  'vodich',
  'conmeo',
  'concho',
  'caunoi',
  'ngoaigiao',
  'daisuquan',
  'lanhsuquan',
  'bongoaigiao',
];

let factory: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  // Built on first use: the dictionaries take a moment to index.
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, vietnamese: VIETNAMESE_COMMON },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

/** Marks folded away, case kept (zxcvbn scores capitals itself). */
function foldMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

export interface PassphraseStrength {
  /** 0 (guessed at once) to 4 (very hard). */
  score: 0 | 1 | 2 | 3 | 4;
  acceptable: boolean;
  /** Validation code when not acceptable. */
  problem: 'passphrase_too_short' | 'passphrase_weak' | null;
}

/** `related`: words of this installation (mission code, names) an attacker would try first. */
export function passphraseStrength(passphrase: string, related: readonly string[] = []): PassphraseStrength {
  const nfc = passphrase.normalize('NFC');
  const folded = foldMarks(nfc);
  const inputs = related.flatMap((r) => foldMarks(r).toLowerCase().split(/\s+/)).filter((w) => w.length > 2);
  // Also without spaces: Vietnamese splits words into syllables ("Hà Nội" is "hanoi" to a guesser).
  const score = Math.min(...[folded, folded.replace(/\s+/g, '')].map((text) => zxcvbn().check(text, inputs).score)) as PassphraseStrength['score'];
  if ([...nfc].length < MIN_PASSPHRASE_LENGTH)
    return { score: Math.min(score, 1) as PassphraseStrength['score'], acceptable: false, problem: 'passphrase_too_short' };
  if (score < MIN_PASSPHRASE_SCORE) return { score, acceptable: false, problem: 'passphrase_weak' };
  return { score, acceptable: true, problem: null };
}
