/**
 * The catalogue's mechanics, pure: an entry holds the French and the English text side by side
 * (so a missing translation is a type error), `{name}` placeholders are filled from params, and a
 * text may have a singular and a plural form chosen by the language's plural rules on `count`.
 */
import type { Lang } from '../../../src/core/lang.ts';

export type Text = string | { readonly one: string; readonly other: string };
export interface Entry {
  readonly fr: Text;
  readonly en: Text;
}
export type Section = Readonly<Record<string, Entry>>;
export type Params = Readonly<Record<string, string | number>>;

const PLURALS: Record<Lang, Intl.PluralRules> = { fr: new Intl.PluralRules('fr-FR'), en: new Intl.PluralRules('en-GB') };

/** `{name}` replaced by params.name; a placeholder without a value stays visible, as `{name}`. */
export function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function translate(entry: Entry, lang: Lang, params?: Params): string {
  const text = entry[lang];
  if (typeof text === 'string') return interpolate(text, params);
  const count = Number(params?.count ?? 0);
  return interpolate(PLURALS[lang].select(count) === 'one' ? text.one : text.other, params);
}

/** The placeholders a text uses, sorted (the catalogue test checks both languages use the same). */
export function placeholders(text: Text): string[] {
  const all = typeof text === 'string' ? text : `${text.one} ${text.other}`;
  return [...new Set([...all.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}
