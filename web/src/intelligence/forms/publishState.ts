import type { Tlp } from '../../api/intel';
import { noRecipients } from '../sharing/RecipientsPicker';
import type { Publish } from './PublishFields';

/** The publish fields as part of a form's values, so they validate and submit with the rest. */
export const publishDefaults = (tlp: Tlp = 'amber'): Publish => ({ collectionId: '', organisationId: '', tlp, recipients: noRecipients });

export const publishOf = (v: Publish): Publish => ({
  collectionId: v.collectionId,
  organisationId: v.organisationId,
  tlp: v.tlp,
  recipients: v.recipients,
});

/** Applies PublishFields' changes through a form's setField. */
export function publishSetter(setField: (key: keyof Publish, value: Publish[keyof Publish]) => void) {
  return (patch: Partial<Publish>) => {
    for (const key of Object.keys(patch) as (keyof Publish)[]) setField(key, patch[key] as Publish[keyof Publish]);
  };
}
