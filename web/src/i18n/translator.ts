/** A translator bound to one language: `t(key, params)`. Plain TypeScript, for modules and tests outside React. */
import type { Lang } from '../../../src/core/lang.ts';
import { entryOf, type MessageKey } from './catalog.ts';
import { translate, type Params } from './translate.ts';

export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Lang): Translate {
  return (key, params) => translate(entryOf(key), lang, params);
}
