/**
 * Typing as Vietnamese users type, for e2e tests: key by key, the way Unikey and EVKey do
 * (plain keys, then Backspace and the accented replacement), and through the browser's input
 * method interface (a composition that is not yet committed, as the macOS and Windows Telex
 * keyboards make).
 */
import type { CDPSession, Locator, Page } from '@playwright/test';

/** A person's pace: a few milliseconds between keys, so every keystroke renders. */
export const KEY_DELAY = 15;

const VOWELS = /[aăâeêioôơuưy]/i;

/** The unaccented letter a person presses first (ồ -> o, Đ -> D). */
function baseLetter(char: string): string {
  if (char === 'đ') return 'd';
  if (char === 'Đ') return 'D';
  return char
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/**
 * Types `text` into the focused field the way Unikey does: each accented letter is first typed
 * plain; the tone key then makes the input method erase the syllable's vowels it changes
 * (Backspace) and send them again precomposed.
 */
export async function typeLikeUnikey(page: Page, field: Locator, text: string): Promise<void> {
  await field.focus();
  const target = text.normalize('NFC');
  for (let i = 0; i < target.length; i += 1) {
    const char = target[i]!;
    const base = baseLetter(char);
    if (base === char) {
      await page.keyboard.type(char, { delay: KEY_DELAY });
      continue;
    }
    await page.keyboard.type(base, { delay: KEY_DELAY });
    // The vowel before it in the same syllable is sent again with it ("oà" after "oa" + f).
    const withPrevious = i > 0 && VOWELS.test(baseLetter(target[i - 1]!));
    await page.keyboard.press('Backspace');
    if (withPrevious) await page.keyboard.press('Backspace');
    await page.keyboard.insertText(withPrevious ? target[i - 1]! + char : char);
  }
}

/** The browser's input method interface (Chrome DevTools Protocol), for one page. */
export class InputMethod {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async attach(page: Page): Promise<InputMethod> {
    return new InputMethod(page, await page.context().newCDPSession(page));
  }

  /** Shows `text` as a composition not yet committed (underlined, as a Telex keyboard does). */
  async compose(text: string): Promise<void> {
    await this.cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }

  /** Commits the composition as `text`. */
  async commit(text: string): Promise<void> {
    await this.cdp.send('Input.insertText', { text });
  }

  /** Enter as an input method sends it while composing: key code 229 ("Process"). */
  async processKey(): Promise<void> {
    for (const type of ['rawKeyDown', 'keyUp'] as const) {
      await this.cdp.send('Input.dispatchKeyEvent', { type, key: 'Process', code: 'Enter', windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229 });
    }
  }

  /** Enter pressed while the composition is still open (the event says isComposing). */
  async enterWhileComposing(): Promise<void> {
    await this.page.keyboard.press('Enter');
  }
}
