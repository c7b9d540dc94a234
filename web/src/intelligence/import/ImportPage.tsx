import { Button, FileInput, Group, List, Paper, Progress, Select, Stack, Text } from '@mantine/core';
import { IconFileImport, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import type { ApiRoot } from '../../api/intel';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { ExerciseBanner } from '../common/ExerciseBadge';
import { useInvalidateIntel } from '../common/hooks';
import { useWritableCollections } from '../forms/PublishFields';
import { ImportResultView } from './ImportResultView';
import { type Upload, type UploadProgress, uploadImport } from './upload';

/** File sizes as people read them: KB below a megabyte, MB above. */
const size = (n: number) =>
  n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** /intelligence/import: a STIX bundle, MISP event or KEV catalogue into a collection, with progress. */
export function ImportPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const invalidate = useInvalidateIntel();
  const { all, loading } = useWritableCollections();
  const [collectionId, setCollectionId] = useState<string | null>(search.get('collection'));
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const upload = useRef<Upload | null>(null);

  const run = useMutation({
    mutationFn: ({ collection, chosen }: { collection: string; chosen: File }) => {
      setProgress({ loaded: 0, total: chosen.size });
      upload.current = uploadImport(collection, chosen, setProgress);
      return upload.current.done;
    },
    onSuccess: () => void invalidate(),
    onSettled: () => {
      upload.current = null;
    },
  });

  const chosen = all.find((c) => c.id === collectionId);
  const sent = progress && progress.total > 0 && progress.loaded >= progress.total;
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  const group = (root: ApiRoot) => ({
    group: t(`intel.apiRoot.${root}`),
    items: all.filter((c) => c.apiRoot === root).map((c) => ({ value: c.id, label: c.title })),
  });

  return (
    <>
      <PageHeader
        title={t('intel.import.title')}
        subtitle={t('intel.import.subtitle')}
        crumbs={[{ label: t('nav.intelligence') }, { label: t('intel.import.title') }]}
      />
      <Stack gap="md" maw={900}>
        <Paper withBorder radius="sm" p="lg">
          <Stack gap="sm">
            {chosen?.apiRoot === 'exercise' && <ExerciseBanner />}
            <Select
              label={t('intel.object.collection')}
              required
              data={[group('real'), group('exercise')].filter((g) => g.items.length)}
              value={collectionId}
              onChange={setCollectionId}
              placeholder={loading ? t('common.loading') : t('select.choose')}
              disabled={run.isPending}
              data-testid="import-collection"
            />
            <FileInput
              label={t('intel.import.file')}
              required
              accept=".json,application/json"
              leftSection={<IconFileImport size={16} />}
              placeholder={t('intel.import.choose')}
              value={file}
              onChange={(f) => {
                setFile(f);
                run.reset();
                setProgress(null);
              }}
              clearable
              disabled={run.isPending}
              data-testid="import-file"
            />
            <Text fz="xs" c="dimmed" component="div">
              {t('intel.import.formats')}
              <List size="xs" mt={2}>
                <List.Item>{t('intel.import.kinds.stix-bundle')}</List.Item>
                <List.Item>{t('intel.import.kinds.misp-event')}</List.Item>
                <List.Item>{t('intel.import.kinds.kev-catalogue')}</List.Item>
              </List>
            </Text>
            {progress && run.isPending && (
              <Stack gap={4} data-testid="import-progress">
                <Progress value={sent ? 100 : percent} animated={Boolean(sent)} striped={Boolean(sent)} size="lg" />
                <Text fz="xs" c="dimmed">
                  {sent
                    ? t('intel.import.processing')
                    : t('intel.import.uploading', { percent, loaded: size(progress.loaded), total: size(progress.total) })}
                </Text>
              </Stack>
            )}
            <Group justify="flex-end" gap="xs">
              {run.isPending && (
                <Button variant="default" onClick={() => upload.current?.abort()} disabled={Boolean(sent)}>
                  {t('common.cancel')}
                </Button>
              )}
              <Button
                leftSection={<IconUpload size={16} />}
                disabled={!collectionId || !file}
                loading={run.isPending}
                onClick={() => collectionId && file && run.mutate({ collection: collectionId, chosen: file })}
                data-testid="import-submit"
              >
                {t('intel.import.submit')}
              </Button>
            </Group>
          </Stack>
        </Paper>
        {run.isError && !isApiError(run.error, 'aborted') && <ErrorAlert error={run.error} />}
        {run.data && file && <ImportResultView result={run.data} fileName={file.name} />}
      </Stack>
    </>
  );
}
