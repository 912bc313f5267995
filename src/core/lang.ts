/**
 * The console's languages. French is the default: Vigie serves deployments under the French
 * framework; English is available to every user. Shared by the configuration, the API and the console.
 */
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'fr';

/** Where the console keeps a user's own choice (browser localStorage). */
export const LANG_STORAGE_KEY = 'vigie.lang';

/** BCP 47 tag used for dates and numbers in each language. */
export const LOCALE_TAGS: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}
