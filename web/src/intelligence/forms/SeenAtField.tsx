import { ActionIcon, Autocomplete, Button, Group, Input, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export interface SeenAtRow {
  platform: string;
  channel: string;
  url: string;
}

export const emptySeenAt: SeenAtRow = { platform: '', channel: '', url: '' };

/** Platforms offered as suggestions; any other can be typed. */
const PLATFORMS = [
  'Facebook',
  'TikTok',
  'YouTube',
  'X',
  'Telegram',
  'Zalo',
  'LINE',
  'WhatsApp',
  'Instagram',
  'Weibo',
  'WeChat',
  'KakaoTalk',
];

interface Props {
  value: SeenAtRow[];
  onChange(rows: SeenAtRow[]): void;
  error?: string;
}

/** Where a narrative was seen: one line per place, each a platform with an optional channel and URL. */
export function SeenAtField({ value, onChange, error }: Props) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<SeenAtRow>) => onChange(value.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <Input.Wrapper label={t('intel.misinformation.seenAt')} description={t('intel.misinformation.seenAtHint')} required error={error}>
      <Stack gap={6} mt={6}>
        {value.map((row, i) => (
          // Rows have no identity but their place in the list; they are only added at the end or removed.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Group key={i} gap={6} wrap="nowrap" align="flex-start">
            <Autocomplete
              w={170}
              placeholder={t('intel.misinformation.platform')}
              aria-label={t('intel.misinformation.platform')}
              data={PLATFORMS}
              value={row.platform}
              onChange={(platform) => set(i, { platform })}
              data-testid={`seen-platform-${i}`}
            />
            <TextInput
              w={200}
              placeholder={t('intel.misinformation.channel')}
              aria-label={t('intel.misinformation.channel')}
              value={row.channel}
              onChange={(e) => set(i, { channel: e.currentTarget.value })}
            />
            <TextInput
              style={{ flex: 1 }}
              placeholder="https://"
              aria-label={t('intel.misinformation.url')}
              value={row.url}
              onChange={(e) => set(i, { url: e.currentTarget.value })}
              data-testid={`seen-url-${i}`}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              disabled={value.length === 1}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label={t('intel.misinformation.removePlace')}
              title={t('intel.misinformation.removePlace')}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, emptySeenAt])}>
            {t('intel.misinformation.addPlace')}
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
