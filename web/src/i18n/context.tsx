/**
 * The console's language for React: the deployment's language (from GET /api/setup) unless the user
 * chose the other one on this browser (kept in localStorage). Sets `<html lang>`.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { DEFAULT_LANG, LANG_STORAGE_KEY, isLang, type Lang } from '../../../src/core/lang.ts';
import { formatters, type Formatters } from './format.ts';
import { translator, type Translate } from './translator.ts';

export interface I18n {
  readonly lang: Lang;
  readonly t: Translate;
  readonly fmt: Formatters;
  /** The user's choice on this browser. */
  setLang(lang: Lang): void;
  /** The deployment's language (used when the user has not chosen). */
  setDeploymentLang(lang: Lang): void;
}

function storedChoice(): Lang | undefined {
  const raw = window.localStorage.getItem(LANG_STORAGE_KEY);
  return isLang(raw) ? raw : undefined;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: React.ReactNode }): React.JSX.Element {
  const [deployment, setDeployment] = useState<Lang>(DEFAULT_LANG);
  const [choice, setChoice] = useState<Lang | undefined>(storedChoice);
  const lang = choice ?? deployment;
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    window.localStorage.setItem(LANG_STORAGE_KEY, next);
    setChoice(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, t: translator(lang), fmt: formatters(lang), setLang, setDeploymentLang: setDeployment }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}
