/**
 * The configuration schema's refusals (src/config/schema.ts, shared with the server) in the
 * console's language, pure. The schema writes its messages in English: a message the catalogue
 * knows (its English text is the schema's, word for word) is shown in the chosen language, the
 * generic checks (too small, too long, not a number...) are rebuilt from the issue's figures, and
 * anything else is shown as the schema wrote it. Field paths stay as they are (they are codes).
 */
import type { z } from 'zod';
import { formatPath } from '../../../src/config/issues.ts';
import { MIN_ZONE_AREA } from '../../../src/config/schema.ts';
import type { Lang } from '../../../src/core/lang.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import { translator } from '../i18n/translator.ts';
import type { Params } from '../i18n/translate.ts';

type Issue = z.core.$ZodIssue;

/** A number as the language writes it (English: as zod writes it, `0.2`; French: `0,2`). */
export function localNumber(value: number | bigint, lang: Lang): string {
  return lang === 'fr' ? String(value).replace('.', ',') : String(value);
}

/** Messages the schema writes itself, with the figures they quote. */
const KNOWN: readonly (readonly [MessageKey, ((lang: Lang) => Params)?])[] = [
  ['zones.polygonMinPoints', () => ({ min: 3 })],
  ['zones.polygonMaxPoints', () => ({ max: 64 })],
  ['zones.polygonTooSmall', (lang) => ({ percent: localNumber(MIN_ZONE_AREA * 100, lang) })],
  ['zones.polygonSelfIntersecting'],
  ['zones.flowNeedsDirection'],
  ['zones.directionZero'],
  ['zones.crowdAreaForMax'],
  ['cameras.badId'],
  ['cameras.badScheme'],
];

const english = translator('en');

/** Comparison signs, exclusive then inclusive: as zod writes them in English, typeset in French. */
const SIGNS: Record<Lang, Record<'min' | 'max', readonly [string, string]>> = {
  en: { min: ['>', '>='], max: ['<', '<='] },
  fr: { min: ['> ', '≥ '], max: ['< ', '≤ '] },
};

const SIZE_KEYS: Record<string, readonly [MessageKey, MessageKey]> = {
  number: ['cameras.tooSmallNumber', 'cameras.tooBigNumber'],
  string: ['cameras.tooShortString', 'cameras.tooLongString'],
  array: ['cameras.tooFewItems', 'cameras.tooManyItems'],
};

/** One issue's message (without its path) in the language. */
export function issueMessage(issue: Issue, lang: Lang): string {
  const t = translator(lang);
  const known = KNOWN.find(([key, params]) => english(key, params?.('en')) === issue.message);
  if (known) return t(known[0], known[1]?.(lang));
  if ((issue.code === 'too_small' || issue.code === 'too_big') && !issue.exact) {
    const keys = SIZE_KEYS[issue.origin];
    const min = issue.code === 'too_small';
    const value = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    const bound = `${SIGNS[lang][min ? 'min' : 'max'][issue.inclusive ? 1 : 0]}${localNumber(value, lang)}`;
    if (keys) return t(min ? keys[0] : keys[1], { bound });
  }
  if (issue.code === 'invalid_value' && issue.values.length > 1) return t('cameras.invalidOption', { values: issue.values.map((v) => JSON.stringify(v)).join('|') });
  if (issue.code === 'invalid_type') {
    if (issue.expected === 'int') return t('cameras.notInteger');
    const received = /received (\S+)$/.exec(issue.message)?.[1];
    if (issue.expected === 'number' && received) return t('cameras.notNumber', { received });
  }
  return issue.message;
}

/** `path: message`, one line per issue (the console's counterpart of src/config/issues.ts formatIssues). */
export function issueLines(issues: readonly Issue[], lang: Lang): string[] {
  const t = translator(lang);
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => t('cameras.issueLine', { path: formatPath([...issue.path, k]), message: t('cameras.unknownKey') }));
    return [t('cameras.issueLine', { path: formatPath(issue.path), message: issueMessage(issue, lang) })];
  });
}
