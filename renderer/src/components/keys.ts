/**
 * Keys typed while an input method composes a syllable (the macOS and Windows Telex keyboards,
 * IBus) belong to the input method: Enter there commits "Đồng", it does not choose or submit.
 * Chromium reports such keys with isComposing, or as key code 229.
 */
export function isComposing(event: { nativeEvent?: KeyboardEvent; isComposing?: boolean; keyCode?: number }): boolean {
  const native = event.nativeEvent ?? (event as KeyboardEvent);
  return Boolean(native.isComposing) || native.keyCode === 229;
}
