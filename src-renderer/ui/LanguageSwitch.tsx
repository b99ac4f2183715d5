import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../src-shared/i18n';

interface LanguageSwitchProps {
  value: Language;
  onChange: (language: Language) => void;
  testId: string;
}

/** VI | EN segmented control; each button names its language in that language for whoever needs it. */
export function LanguageSwitch({ value, onChange, testId }: LanguageSwitchProps) {
  const { t } = useTranslation();
  return (
    <div className="segmented" role="group" aria-label={t('language.label')} data-testid={testId} data-lang={value}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="segmented__item"
          aria-pressed={language === value}
          lang={language}
          title={t(`language.${language}`)}
          data-testid={`${testId}-${language}`}
          onClick={() => onChange(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
