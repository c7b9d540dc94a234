import { MultiSelect, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { FormFrame } from '../../directory/common/FormFrame';
import { useForm } from '../../forms/useForm';
import { check, maxLength, required } from '../../forms/validators';
import { useFormat } from '../../format/useFormat';
import { ObjectMultiSelect } from '../common/pickers';
import { reportTypes } from '../common/stixTypes';
import { utcToZoned, zonedToUtc } from '../common/zonedTime';
import { PublishFields } from './PublishFields';
import { publishDefaults, publishOf, publishSetter } from './publishState';
import { useCreateObject } from './useCreateObject';

const fieldOf = { name: 'name', description: 'description', published: 'published', object_refs: 'objectRefs' };

/** A new report: what it is about and the objects it refers to (STIX needs at least one). */
export function ReportForm() {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const create = useCreateObject();
  const form = useForm(
    {
      name: '',
      description: '',
      reportTypes: ['threat-report'] as string[],
      published: utcToZoned(new Date(), timeZone),
      objectRefs: [] as string[],
      ...publishDefaults('amber'),
    },
    (v) => ({
      name: check(v.name, required(t), maxLength(t, 300)),
      description: check(v.description, maxLength(t, 20_000)),
      published: check(v.published, required(t)),
      objectRefs: v.objectRefs.length ? undefined : t('intel.report.needsObjects'),
      collectionId: check(v.collectionId, required(t)),
    }),
  );
  const { values } = form;

  const submit = form.onSubmit(async (v) => {
    const object = {
      type: 'report',
      name: v.name.trim(),
      ...(v.description.trim() ? { description: v.description.trim() } : {}),
      ...(v.reportTypes.length ? { report_types: v.reportTypes } : {}),
      published: zonedToUtc(v.published, timeZone),
      object_refs: v.objectRefs,
    };
    await create(publishOf(v), object, fieldOf);
  });

  return (
    <FormFrame
      onSubmit={submit}
      submitting={form.submitting}
      failure={form.failure}
      submitLabel={t('intel.create.report.submit')}
      submitTestId="report-submit"
      cancelTo="/intelligence/objects"
    >
      <TextInput label={t('intel.object.name')} required {...form.text('name')} data-testid="report-name" />
      <Textarea label={t('intel.props.description')} autosize minRows={4} maxRows={14} {...form.text('description')} />
      <MultiSelect
        label={t('intel.props.report_types')}
        data={reportTypes.map((value) => ({ value, label: t(`intel.reportTypes.${value}`) }))}
        value={values.reportTypes}
        onChange={(v) => form.setField('reportTypes', v)}
        clearable
      />
      <DateTimePicker
        label={t('intel.props.published')}
        description={t('intel.timesIn', { zone: timeZone })}
        required
        value={values.published || null}
        onChange={(v) => form.setField('published', v ?? '')}
        error={form.errors.published}
        valueFormat="D MMM YYYY HH:mm"
      />
      <ObjectMultiSelect
        label={t('intel.props.object_refs')}
        description={t('intel.report.objectsHint')}
        placeholder={t('intel.report.searchObjects')}
        required
        value={values.objectRefs}
        onChange={(v) => form.setField('objectRefs', v)}
        error={form.errors.objectRefs}
        data-testid="report-objects"
      />
      <PublishFields value={publishOf(values)} onChange={publishSetter(form.setField)} collectionError={form.errors.collectionId} />
    </FormFrame>
  );
}
