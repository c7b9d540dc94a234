import { CloseButton, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  value: string;
  onChange(value: string): void;
  placeholder: string;
}

/** Asks the server once typing pauses, not on every key. */
export function SearchInput({ value, onChange, placeholder }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const commit = useDebouncedCallback(onChange, 300);

  // Back/forward in the browser changes the URL's q; follow it.
  useEffect(() => setText(value), [value]);

  return (
    <TextInput
      size="sm"
      w={{ base: '100%', sm: 280 }}
      placeholder={placeholder}
      aria-label={placeholder}
      leftSection={<IconSearch size={15} stroke={1.6} />}
      value={text}
      data-testid="list-search"
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value.trim());
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onChange(text.trim());
      }}
      rightSection={
        text ? (
          <CloseButton
            size="sm"
            aria-label={t('list.clearSearch')}
            onClick={() => {
              setText('');
              onChange('');
            }}
          />
        ) : null
      }
    />
  );
}
