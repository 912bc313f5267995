/**
 * The button that shows the console in the other language (French <-> English). It reads the other
 * language's name and is labelled in that language; the choice is kept on this browser (i18n/context.tsx).
 */
import { LANGS } from '../../../src/core/lang.ts';
import { useI18n } from '../i18n/context.tsx';

export function LangSwitch(): React.JSX.Element {
  const { t, lang, setLang } = useI18n();
  const other = LANGS.find((l) => l !== lang) ?? lang;
  const hint = t('common.switchLanguageHint');
  return (
    <button
      type="button"
      className="ghost small"
      data-testid="lang-switch"
      lang={other}
      aria-label={hint}
      title={hint}
      style={{ marginLeft: 'auto' }}
      onClick={() => setLang(other)}
    >
      {t('common.switchLanguage')}
    </button>
  );
}
