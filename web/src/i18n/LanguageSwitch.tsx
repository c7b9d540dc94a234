import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { languageNames, locales } from './index';
import { useLanguage } from './useLanguage';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, change } = useLanguage();
  return (
    <Menu position="bottom-end" width={160} shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={<IconLanguage size={16} stroke={1.6} />}
          aria-label={t('language.choose')}
          data-testid="lang-switch"
        >
          {languageNames[language]}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {locales.map((lang) => (
          <Menu.Item
            key={lang}
            lang={lang}
            data-testid={`lang-${lang}`}
            onClick={() => void change(lang)}
            rightSection={lang === language ? <IconCheck size={14} /> : null}
          >
            {languageNames[lang]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
