import { Alert, Button, FileInput, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconCheck, IconFlag, IconPaperclip, IconSend, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { drillsApi, type FileInput as FilePayload, type PlayerExpectation, type ResponseResult } from '../../api/drills';
import { ErrorAlert } from '../../ui/ErrorAlert';

// The server takes at most 5 files of 700,000 base64 characters each (about 512 KB).
const MAX_FILES = 5;
const MAX_FILE_BYTES = 512 * 1024;

async function toPayload(file: File): Promise<FilePayload> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { name: file.name, mediaType: file.type || 'application/octet-stream', contentBase64: btoa(binary) };
}

/** One expectation's answer: a report, indicators, a flag, or a manual answer with files. */
export function AnswerForm({
  exerciseId,
  expectation,
  teamId,
  onAnswered,
}: {
  exerciseId: string;
  expectation: PlayerExpectation;
  teamId?: string;
  onAnswered(): void;
}) {
  const { t } = useTranslation();
  const kind = expectation.kind;
  const [text, setText] = useState('');
  const [flag, setFlag] = useState('');
  const [indicators, setIndicators] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<string | null>(null);
  const [result, setResult] = useState<ResponseResult | null>(null);

  const lines = indicators
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const tooBig = files.find((f) => f.size > MAX_FILE_BYTES);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setLocal(null);
    setError(null);
    // Said here rather than after a round trip: the same rules the server applies.
    if (kind === 'flag' && !flag.trim()) return setLocal(t('drills.answer.flagRequired'));
    if (kind === 'indicators' && !lines.length) return setLocal(t('drills.answer.indicatorsRequired'));
    if (kind === 'report' && !text.trim()) return setLocal(t('drills.answer.textRequired'));
    if (kind === 'manual' && !text.trim() && !files.length) return setLocal(t('drills.answer.textOrFile'));
    if (files.length > MAX_FILES) return setLocal(t('drills.answer.tooManyFiles', { max: MAX_FILES }));
    if (tooBig) return setLocal(t('drills.answer.fileTooBig', { name: tooBig.name, max: '512 KB' }));
    setBusy(true);
    try {
      const res = await drillsApi.respond(exerciseId, expectation.id, {
        ...(teamId ? { teamId } : {}),
        ...(kind === 'flag' ? { flag: flag.trim() } : {}),
        ...(kind === 'indicators' ? { indicators: lines } : {}),
        ...(text.trim() ? { text } : {}),
        ...(files.length ? { files: await Promise.all(files.map(toPayload)) } : {}),
      });
      setResult(res);
      if (kind !== 'flag' || res.correct) {
        setText('');
        setIndicators('');
        setFiles([]);
      }
      setFlag('');
      onAnswered();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const attemptsLeft = result?.attemptsLeft ?? expectation.attemptsLeft;
  const noAttempts = kind === 'flag' && attemptsLeft === 0;

  return (
    <form onSubmit={submit} noValidate data-testid="answer-form" data-kind={kind}>
      <Stack gap={6}>
        {kind === 'flag' ? (
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              label={t('drills.answer.flag')}
              value={flag}
              onChange={(e) => setFlag(e.currentTarget.value)}
              maxLength={500}
              disabled={noAttempts}
              style={{ flex: 1 }}
              leftSection={<IconFlag size={14} />}
              data-testid="answer-flag"
            />
            <Button type="submit" loading={busy} disabled={noAttempts} data-testid="answer-submit">
              {t('drills.answer.submitFlag')}
            </Button>
          </Group>
        ) : (
          <>
            {kind === 'indicators' && (
              <Textarea
                label={t('drills.answer.indicators')}
                description={t('drills.answer.indicatorsHint')}
                autosize
                minRows={2}
                maxRows={8}
                value={indicators}
                onChange={(e) => setIndicators(e.currentTarget.value)}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                data-testid="answer-indicators"
              />
            )}
            <Textarea
              label={kind === 'indicators' ? t('drills.answer.comment') : t('drills.answer.text')}
              autosize
              minRows={kind === 'indicators' ? 1 : 3}
              maxRows={10}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              maxLength={50_000}
              data-testid="answer-text"
            />
            {(kind === 'report' || kind === 'manual') && (
              <FileInput
                label={t('drills.answer.files')}
                description={t('drills.answer.filesHint', { max: MAX_FILES, size: '512 KB' })}
                multiple
                clearable
                value={files}
                onChange={setFiles}
                leftSection={<IconPaperclip size={14} />}
                data-testid="answer-files"
              />
            )}
            <Group justify="flex-end">
              <Button type="submit" size="xs" loading={busy} leftSection={<IconSend size={14} />} data-testid="answer-submit">
                {t('drills.answer.send')}
              </Button>
            </Group>
          </>
        )}
        {kind === 'flag' && attemptsLeft !== null && (
          <Text fz="xs" c={attemptsLeft === 0 ? 'red' : 'dimmed'} data-testid="attempts-left">
            {t('drills.answer.attemptsLeft', { count: attemptsLeft })}
          </Text>
        )}
        {local && (
          <Text fz="sm" c="red" data-testid="answer-invalid">
            {local}
          </Text>
        )}
        {error && isApiError(error, 'conflict') ? (
          <Alert color="red" variant="light" icon={<IconX size={16} />} data-testid="answer-error">
            {t('drills.answer.noAttempts')}
          </Alert>
        ) : error ? (
          <ErrorAlert error={error} />
        ) : null}
        {result && kind === 'flag' && (
          <Alert
            color={result.correct ? 'teal' : 'red'}
            variant="light"
            icon={result.correct ? <IconCheck size={16} /> : <IconX size={16} />}
            data-testid="flag-result"
            data-correct={String(result.correct)}
          >
            {result.correct ? t('drills.answer.flagCorrect') : t('drills.answer.flagWrong')}
          </Alert>
        )}
        {result && kind !== 'flag' && (
          <Text fz="sm" c="teal" data-testid="answer-sent">
            {t(kind === 'manual' ? 'drills.answer.sentManual' : 'drills.answer.sent')}
          </Text>
        )}
      </Stack>
    </form>
  );
}
