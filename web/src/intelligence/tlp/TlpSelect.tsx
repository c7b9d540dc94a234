import { Group, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Tlp, tlpLevels } from '../../api/intel';
import { TlpBadge } from './TlpBadge';

interface Props {
  value: Tlp;
  onChange(tlp: Tlp): void;
  label?: string;
  testId?: string;
}

/** The five markings with what each allows, so the choice is made knowing who will receive it. */
export function TlpSelect({ value, onChange, label, testId = 'tlp-select' }: Props) {
  const { t } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(v) => onChange(v as Tlp)} label={label ?? t('intel.tlp.label')} data-testid={testId}>
      <Stack gap={6} mt={6}>
        {tlpLevels.map((tlp) => (
          <Radio
            key={tlp}
            value={tlp}
            data-testid={`${testId}-${tlp}`}
            label={
              <Group gap="xs" wrap="nowrap" align="center">
                <TlpBadge tlp={tlp} size="xs" />
                <Text fz="xs" c="dimmed">
                  {t(`intel.tlp.meaning.${tlp}`)}
                </Text>
              </Group>
            }
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}
