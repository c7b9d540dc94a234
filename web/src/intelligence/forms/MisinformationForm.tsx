import { Group, NumberInput, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { intelApi, type MisinformationInput } from '../../api/intel';
import { FormFrame } from '../../directory/common/FormFrame';
import { useForm } from '../../forms/useForm';
import { check, maxLength, required } from '../../forms/validators';
import { useFormat } from '../../format/useFormat';
import { ObjectMultiSelect } from '../common/pickers';
import { zonedToUtc } from '../common/zonedTime';
import { PublishFields } from './PublishFields';
import { publishDefaults, publishOf, publishSetter } from './publishState';
import { emptySeenAt, SeenAtField, type SeenAtRow } from './SeenAtField';
import { toFieldErrors, useAfterCreate } from './useCreateObject';

const isWebUrl = (u: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(u).protocol);
  } catch {
    return false;
  }
};
const webUrl = (message: string) => (v: string) => (v.trim() && !isWebUrl(v.trim()) ? message : undefined);
const filled = (r: SeenAtRow) => Boolean(r.platform.trim() || r.channel.trim() || r.url.trim());
const count = (v: string) => (v === '' ? undefined : Number(v));
const text = (v: string) => v.trim() || undefined;

/** Server paths to this form's fields (`reach.shares` belongs to the reach fields, shown by audience). */
const fieldOf = { seenAt: 'seenAt', techniques: 'techniques', reach: 'audience', factCheckUrl: 'factCheckUrl', firstSeen: 'firstSeen' };

/**
 * A report of a false narrative for the ministries' exchange: the claim, where and since when it
 * spreads, how far, the DISARM techniques it uses, and the fact-check or counter-message. The
 * server stores it as a STIX report referring to the techniques and to the URLs as observables,
 * marked and shared like any other intelligence (POST /intel/misinformation).
 */
export function MisinformationForm() {
  const { t } = useTranslation();
  const { timeZone } = useFormat();
  const after = useAfterCreate();
  const notUrl = t('intel.misinformation.notUrl');
  const form = useForm(
    {
      title: '',
      claim: '',
      seenAt: [emptySeenAt] as SeenAtRow[],
      firstSeen: '',
      audience: '',
      shares: '',
      reachDescription: '',
      techniques: [] as string[],
      counterMessage: '',
      factCheckUrl: '',
      ...publishDefaults('amber'),
    },
    (v) => {
      const places = v.seenAt.filter(filled);
      return {
        title: check(v.title, maxLength(t, 300)),
        claim: check(v.claim, required(t), maxLength(t, 5000)),
        seenAt: !places.length
          ? t('intel.misinformation.needsPlace')
          : places.some((r) => !r.platform.trim())
            ? t('intel.misinformation.needsPlatform')
            : places.map((r) => webUrl(notUrl)(r.url)).find(Boolean),
        firstSeen: check(v.firstSeen, required(t)),
        techniques: v.techniques.length ? undefined : t('intel.misinformation.needsTechnique'),
        counterMessage: check(v.counterMessage, maxLength(t, 10_000)),
        factCheckUrl: check(v.factCheckUrl, webUrl(notUrl)),
        collectionId: check(v.collectionId, required(t)),
      };
    },
  );
  const { values } = form;

  const submit = form.onSubmit(async (v) => {
    const publish = publishOf(v);
    const reach = { estimatedAudience: count(v.audience), shares: count(v.shares), description: text(v.reachDescription) };
    const input: MisinformationInput = {
      collectionId: publish.collectionId,
      tlp: publish.tlp,
      title: text(v.title),
      claim: v.claim.trim(),
      seenAt: v.seenAt.filter(filled).map((r) => ({ platform: r.platform.trim(), channel: text(r.channel), url: text(r.url) })),
      firstSeen: zonedToUtc(v.firstSeen, timeZone),
      reach: Object.values(reach).some((x) => x !== undefined) ? reach : undefined,
      techniques: v.techniques,
      counterMessage: text(v.counterMessage),
      factCheckUrl: text(v.factCheckUrl),
    };
    const created = await intelApi.reportMisinformation(input).catch((err: unknown) => {
      throw toFieldErrors(err, fieldOf);
    });
    await after({ id: created.id, name: created.name, type: 'report', exercise: false }, publish);
  });

  return (
    <FormFrame
      onSubmit={submit}
      submitting={form.submitting}
      failure={form.failure}
      submitLabel={t('intel.create.misinformation.submit')}
      submitTestId="misinformation-submit"
      cancelTo="/intelligence/objects"
    >
      <Textarea
        label={t('intel.misinformation.claim')}
        description={t('intel.misinformation.claimHint')}
        required
        autosize
        minRows={3}
        maxRows={10}
        {...form.text('claim')}
        data-testid="misinformation-claim"
      />
      <TextInput label={t('intel.misinformation.title')} description={t('intel.misinformation.titleHint')} {...form.text('title')} />
      <SeenAtField value={values.seenAt} onChange={(rows) => form.setField('seenAt', rows)} error={form.errors.seenAt} />
      <DateTimePicker
        label={t('intel.props.first_seen')}
        description={t('intel.timesIn', { zone: timeZone })}
        required
        value={values.firstSeen || null}
        onChange={(v) => form.setField('firstSeen', v ?? '')}
        error={form.errors.firstSeen}
        valueFormat="D MMM YYYY HH:mm"
        data-testid="misinformation-first-seen"
      />
      <Group grow align="flex-start">
        <NumberInput
          label={t('intel.misinformation.audience')}
          description={t('intel.misinformation.audienceHint')}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=" "
          value={values.audience}
          onChange={(v) => form.setField('audience', String(v))}
          error={form.errors.audience}
        />
        <NumberInput
          label={t('intel.misinformation.shares')}
          description={t('intel.misinformation.sharesHint')}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          thousandSeparator=" "
          value={values.shares}
          onChange={(v) => form.setField('shares', String(v))}
        />
      </Group>
      <TextInput label={t('intel.misinformation.reachDescription')} {...form.text('reachDescription')} />
      <ObjectMultiSelect
        type="attack-pattern"
        label={t('intel.misinformation.techniques')}
        description={t('intel.misinformation.techniquesHint')}
        placeholder={t('intel.misinformation.searchTechniques')}
        required
        value={values.techniques}
        onChange={(v) => form.setField('techniques', v)}
        error={form.errors.techniques}
        data-testid="misinformation-techniques"
      />
      <Textarea
        label={t('intel.misinformation.counterMessage')}
        description={t('intel.misinformation.counterMessageHint')}
        autosize
        minRows={3}
        maxRows={10}
        {...form.text('counterMessage')}
      />
      <TextInput label={t('intel.misinformation.factCheckUrl')} placeholder="https://" {...form.text('factCheckUrl')} />
      <PublishFields
        value={publishOf(values)}
        onChange={publishSetter(form.setField)}
        collectionError={form.errors.collectionId}
        roots={['real']}
        chooseOrganisation={false}
      />
    </FormFrame>
  );
}
