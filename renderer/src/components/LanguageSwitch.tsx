import { currentLanguage, setLanguage, useTranslation } from '../i18n';

/** Tiếng Việt / English, remembered on this computer. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('common.language')}>
      <button type="button" aria-pressed={language === 'vi'} onClick={() => setLanguage('vi')}>
        Tiếng Việt
      </button>
      <button type="button" aria-pressed={language === 'en'} onClick={() => setLanguage('en')}>
        English
      </button>
    </div>
  );
}
