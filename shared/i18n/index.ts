/** Catalogue access for code outside React (main process, CLI, reports). */
import type { Language } from '../period';
import { en, vi, type Catalogue } from './catalogue';

export const CATALOGUES: Record<Language, Catalogue> = { vi, en };
export type { Catalogue };

/** Looks up a dotted key ("enum.activityKind.trade-promotion"); returns the key if absent. */
export function translate(language: Language, key: string, params: Record<string, string | number> = {}): string {
  let node: unknown = CATALOGUES[language];
  for (const part of key.split('.')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** Both languages' labels of an enum value, for search indexing. */
export function bothLabels(enumName: string, value: string): string {
  return `${translate('vi', `enum.${enumName}.${value}`)} ${translate('en', `enum.${enumName}.${value}`)}`;
}
