import { Button, Code, CopyButton, Group, Paper, ScrollArea, Select } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ObjectVersion } from '../../api/intel';
import { useFormat } from '../../format/useFormat';

interface Props {
  versions: ObjectVersion[];
  selected: string;
  onSelect(version: string): void;
}

/** One version exactly as stored, for analysts who read STIX or paste it into another tool. */
export function JsonPanel({ versions, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const f = useFormat();
  const current = versions.find((v) => v.version === selected) ?? versions[0];
  if (!current) return null;
  const json = JSON.stringify(current.object, null, 2);
  const download = () => {
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${String(current.object.id ?? 'object')}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <>
      <Group justify="space-between" mb="xs" align="flex-end">
        <Select
          size="sm"
          w={320}
          label={t('intel.json.version')}
          data={versions.map((v, i) => ({
            value: v.version,
            label: `${f.dateTime(v.version)}${i === 0 ? ` · ${t('intel.json.latest')}` : ''}`,
          }))}
          value={current.version}
          onChange={(v) => v && onSelect(v)}
          allowDeselect={false}
        />
        <Group gap="xs">
          <CopyButton value={json}>
            {({ copied, copy }) => (
              <Button size="sm" variant="default" onClick={copy} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}>
                {copied ? t('intel.json.copied') : t('intel.json.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="sm" variant="default" onClick={download} leftSection={<IconDownload size={16} />}>
            {t('intel.json.download')}
          </Button>
        </Group>
      </Group>
      <Paper withBorder radius="sm">
        <ScrollArea.Autosize mah={560} type="auto">
          <Code block fz={12} data-testid="stix-json" style={{ whiteSpace: 'pre', background: 'transparent' }}>
            {json}
          </Code>
        </ScrollArea.Autosize>
      </Paper>
    </>
  );
}
