import { describe, expect, it } from 'vitest';
import { foldText, foldedWords, normalizeText } from '../../shared/text';
import { matchProvinces, PROVINCES } from '../../shared/reference';

// Every Vietnamese vowel with every tone (none, huyền, sắc, hỏi, ngã, nặng), built from
// combining marks so the test does not just repeat a lookup table.
const BASE_VOWELS: [string, string][] = [
  ['a', 'a'],
  ['ă', 'a'],
  ['â', 'a'],
  ['e', 'e'],
  ['ê', 'e'],
  ['i', 'i'],
  ['o', 'o'],
  ['ô', 'o'],
  ['ơ', 'o'],
  ['u', 'u'],
  ['ư', 'u'],
  ['y', 'y'],
];
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

describe('foldText', () => {
  it('folds every vowel with every tone, lower and upper case, NFC and NFD', () => {
    let checked = 0;
    for (const [vowel, plain] of BASE_VOWELS) {
      for (const tone of TONES) {
        const nfc = (vowel + tone).normalize('NFC');
        const nfd = nfc.normalize('NFD');
        for (const form of [nfc, nfd, nfc.toUpperCase(), nfd.toUpperCase()]) {
          expect(foldText(form), `${form} (${[...form].map((c) => c.codePointAt(0)!.toString(16)).join(' ')})`).toBe(plain);
          checked++;
        }
      }
    }
    expect(checked).toBe(12 * 6 * 4);
  });

  it('folds đ and Đ to d, which Unicode does not decompose', () => {
    expect('đ'.normalize('NFD')).toBe('đ');
    expect(foldText('Đà Nẵng')).toBe('da nang');
    expect(foldText('ĐỒNG THÁP')).toBe('dong thap');
  });

  it('handles letters with two marks (ệ, ồ, ữ) and collapses spaces', () => {
    expect(foldText('  Nghệ   An ')).toBe('nghe an');
    expect(foldText('Hồ Chí Minh')).toBe('ho chi minh');
    expect(foldText('Xúc tiến đầu tư')).toBe('xuc tien dau tu');
    expect(foldText('những người')).toBe('nhung nguoi');
  });

  it('splits folded words on punctuation', () => {
    expect(foldedWords('Bà Rịa - Vũng Tàu, 2025!')).toEqual(['ba', 'ria', 'vung', 'tau', '2025']);
  });

  it('stores NFC so spellings typed differently compare equal', () => {
    const decomposed = 'Khánh Hòa'.normalize('NFD');
    expect(normalizeText(decomposed)).toBe('Khánh Hòa'.normalize('NFC'));
    expect(foldText('Khánh Hoà')).toBe(foldText('Khánh Hòa'));
  });
});

describe('provinces', () => {
  it('has the 34 units of 1 July 2025, 6 of them centrally-run cities', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.filter((p) => p.kind === 'city')).toHaveLength(6);
    expect(new Set(PROVINCES.map((p) => p.id)).size).toBe(34);
  });

  it('leads a former name to the unit that absorbed it', () => {
    expect(matchProvinces('binh duong').map((p) => p.name)).toEqual(['Thành phố Hồ Chí Minh']);
    expect(matchProvinces('Quảng Nam').map((p) => p.name)).toEqual(['Đà Nẵng']);
    expect(matchProvinces('ha giang').map((p) => p.name)).toEqual(['Tuyên Quang']);
    expect(matchProvinces('bac lieu').map((p) => p.name)).toEqual(['Cà Mau']);
    expect(matchProvinces('khanh hoa').map((p) => p.name)).toEqual(['Khánh Hòa']);
  });
});
