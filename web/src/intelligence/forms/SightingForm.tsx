import { NumberInput, Textarea } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FormFrame } from '../../directory/common/FormFrame';
import { useForm } from '../../forms/useForm';
import { check, maxLength, required } from '../../forms/validators';
import { useFormat } from '../../format/useFormat';
import { ObjectSelect } from '../common/pickers';
import { zonedToUtc } from '../common/zonedTime';
import { PublishFields } from './PublishFields';
import { publishDefaults, publishOf, publishSetter } from './publishState';
import { useCreateObject } from './useCreateObject';

const fieldOf = {
  sighting_of_ref: 'sightingOf',
  first_seen: 'firstSeen',
  last_seen: 'lastSeen',
  count: 'count',
  description: 'description',
};

/** A sighting: this organisation saw an indicator, malware or other object, when and how often. */
export function SightingForm() {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const [search] = useSearchParams();
  const apiRoot = search.get('root') === 'exercise' ? 'exercise' : 'real';
  const create = useCreateObject();
  const form = useForm(
    { sightingOf: search.get('of') ?? '', firstSeen: '', lastSeen: '', count: '1', description: '', ...publishDefaults('amber') },
    (v) => ({
      sightingOf: check(v.sightingOf, required(t)),
      lastSeen: v.firstSeen && v.lastSeen && v.lastSeen < v.firstSeen ? t('intel.sighting.lastAfterFirst') : undefined,
      description: check(v.description, maxLength(t, 10_000)),
      collectionId: check(v.collectionId, required(t)),
    }),
  );
  const { values } = form;

  const submit = form.onSubmit(async (v) => {
    const object = {
      type: 'sighting',
      sighting_of_ref: v.sightingOf,
      ...(v.firstSeen ? { first_seen: zonedToUtc(v.firstSeen, timeZone) } : {}),
      ...(v.lastSeen ? { last_seen: zonedToUtc(v.lastSeen, timeZone) } : {}),
      ...(v.count !== '' ? { count: Number(v.count) } : {}),
      ...(v.description.trim() ? { description: v.description.trim() } : {}),
    };
    await create(publishOf(v), object, fieldOf);
  });

  return (
    <FormFrame
      onSubmit={submit}
      submitting={form.submitting}
      failure={form.failure}
      submitLabel={t('intel.create.sighting.submit')}
      submitTestId="sighting-submit"
      cancelTo="/intelligence/objects"
    >
      <ObjectSelect
        apiRoot={apiRoot}
        label={t('intel.props.sighting_of_ref')}
        description={t('intel.sighting.ofHint')}
        placeholder={t('intel.report.searchObjects')}
        required
        {...form.pick('sightingOf')}
        data-testid="sighting-of"
      />
      <DateTimePicker
        label={t('intel.props.first_seen')}
        description={t('intel.timesIn', { zone: timeZone })}
        value={values.firstSeen || null}
        onChange={(v) => form.setField('firstSeen', v ?? '')}
        valueFormat="D MMM YYYY HH:mm"
        clearable
      />
      <DateTimePicker
        label={t('intel.props.last_seen')}
        value={values.lastSeen || null}
        onChange={(v) => form.setField('lastSeen', v ?? '')}
        error={form.errors.lastSeen}
        valueFormat="D MMM YYYY HH:mm"
        clearable
      />
      <NumberInput
        label={t('intel.props.count')}
        description={t('intel.sighting.countHint')}
        min={0}
        max={999_999_999}
        allowDecimal={false}
        allowNegative={false}
        value={values.count}
        onChange={(v) => form.setField('count', String(v))}
        error={form.errors.count}
      />
      <Textarea label={t('intel.props.description')} autosize minRows={2} maxRows={8} {...form.text('description')} />
      <PublishFields
        value={publishOf(values)}
        onChange={publishSetter(form.setField)}
        collectionError={form.errors.collectionId}
        preferRoot={apiRoot}
      />
    </FormFrame>
  );
}
