import { MultiSelect, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { FormFrame } from '../../directory/common/FormFrame';
import { useForm } from '../../forms/useForm';
import { check, maxLength, required } from '../../forms/validators';
import { useFormat } from '../../format/useFormat';
import { indicatorTypes } from '../common/stixTypes';
import { utcToZoned, zonedToUtc } from '../common/zonedTime';
import { PatternField } from '../pattern/PatternField';
import { usePatternCheck } from '../pattern/usePatternCheck';
import { PublishFields } from './PublishFields';
import { publishDefaults, publishOf, publishSetter } from './publishState';
import { useCreateObject } from './useCreateObject';

/** Server paths (STIX property names) to this form's fields. */
const fieldOf = { name: 'name', description: 'description', pattern: 'pattern', valid_from: 'validFrom', valid_until: 'validUntil' };

/** A new indicator: a STIX pattern checked by the real parser while it is typed. */
export function IndicatorForm() {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const create = useCreateObject();
  const form = useForm(
    {
      name: '',
      description: '',
      pattern: '',
      indicatorTypes: ['malicious-activity'] as string[],
      validFrom: utcToZoned(new Date(), timeZone),
      validUntil: '',
      ...publishDefaults('amber'),
    },
    (v) => ({
      name: check(v.name, required(t), maxLength(t, 300)),
      description: check(v.description, maxLength(t, 10_000)),
      pattern:
        check(v.pattern, required(t)) ??
        (patternCheck.state === 'checked' && !patternCheck.result.ok ? t('intel.indicator.fixPattern') : undefined),
      validFrom: check(v.validFrom, required(t)),
      validUntil: v.validUntil && v.validFrom && v.validUntil <= v.validFrom ? t('intel.indicator.untilAfterFrom') : undefined,
      collectionId: check(v.collectionId, required(t)),
    }),
  );
  const patternCheck = usePatternCheck(form.values.pattern);
  const { values } = form;

  const submit = form.onSubmit(async (v) => {
    const object = {
      type: 'indicator',
      name: v.name.trim(),
      ...(v.description.trim() ? { description: v.description.trim() } : {}),
      pattern: v.pattern.trim(),
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: zonedToUtc(v.validFrom, timeZone),
      ...(v.validUntil ? { valid_until: zonedToUtc(v.validUntil, timeZone) } : {}),
      ...(v.indicatorTypes.length ? { indicator_types: v.indicatorTypes } : {}),
    };
    await create(publishOf(v), object, fieldOf);
  });

  return (
    <FormFrame
      onSubmit={submit}
      submitting={form.submitting}
      failure={form.failure}
      submitLabel={t('intel.create.indicator.submit')}
      submitTestId="indicator-submit"
      cancelTo="/intelligence/objects"
    >
      <TextInput label={t('intel.object.name')} required {...form.text('name')} data-testid="indicator-name" />
      <PatternField value={values.pattern} onChange={(p) => form.setField('pattern', p)} check={patternCheck} error={form.errors.pattern} />
      <Textarea label={t('intel.props.description')} autosize minRows={2} maxRows={8} {...form.text('description')} />
      <MultiSelect
        label={t('intel.props.indicator_types')}
        data={indicatorTypes.map((value) => ({ value, label: t(`intel.indicatorTypes.${value}`) }))}
        value={values.indicatorTypes}
        onChange={(v) => form.setField('indicatorTypes', v)}
        clearable
      />
      <DateTimePicker
        label={t('intel.props.valid_from')}
        description={t('intel.timesIn', { zone: timeZone })}
        required
        value={values.validFrom || null}
        onChange={(v) => form.setField('validFrom', v ?? '')}
        error={form.errors.validFrom}
        valueFormat="D MMM YYYY HH:mm"
        data-testid="indicator-valid-from"
      />
      <DateTimePicker
        label={t('intel.props.valid_until')}
        value={values.validUntil || null}
        onChange={(v) => form.setField('validUntil', v ?? '')}
        error={form.errors.validUntil}
        valueFormat="D MMM YYYY HH:mm"
        clearable
      />
      <PublishFields value={publishOf(values)} onChange={publishSetter(form.setField)} collectionError={form.errors.collectionId} />
    </FormFrame>
  );
}
