import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { intelApi, type ObjectDetail, type StixObject } from '../../api/intel';
import { useInvalidateIntel } from '../common/hooks';
import { useIntelLabels } from '../common/labels';
import { objectLink } from '../common/links';
import { hasRecipients, recipientsFor } from '../sharing/RecipientsPicker';
import type { Publish } from './PublishFields';

/**
 * The server names problems by STIX path (`object.valid_from`); the form's fields have their own
 * names. Renaming the paths lets useForm put each message under its field.
 */
export function toFieldErrors(err: unknown, fieldOf: Record<string, string>): unknown {
  if (!(err instanceof ApiError) || err.details.length === 0) return err;
  const details = err.details.map((d) => {
    const stix = d.path.replace(/^object\./, '').split('.')[0];
    return { path: fieldOf[stix] ?? d.path, message: d.message };
  });
  return new ApiError(err.status, err.code, err.message, details);
}

/** After a create: share with the chosen recipients, refresh what is on screen, open the new object. */
export function useAfterCreate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const invalidate = useInvalidateIntel();
  const { typeLabel } = useIntelLabels();
  return async (created: Pick<ObjectDetail, 'id' | 'name' | 'type' | 'exercise'>, publish: Publish) => {
    const share = recipientsFor(publish.tlp, publish.recipients);
    if (hasRecipients(share)) {
      // The object exists already: a failed share is reported, and the object page opens anyway.
      await intelApi
        .share(created.id, share)
        .catch((err: unknown) =>
          notifications.show({ color: 'red', title: t('intel.share.failed'), message: err instanceof Error ? err.message : String(err) }),
        );
    }
    void invalidate();
    notifications.show({ color: 'teal', message: t('intel.create.done', { name: created.name ?? typeLabel(created.type) }) });
    navigate(objectLink(created.id, created.exercise ? 'exercise' : 'real'));
  };
}

/** Creates a STIX object through POST /intel/objects, then does what follows a create. */
export function useCreateObject() {
  const after = useAfterCreate();
  return async (publish: Publish, object: StixObject, fieldOf: Record<string, string>) => {
    let created: ObjectDetail;
    try {
      created = await intelApi.create({
        collectionId: publish.collectionId,
        tlp: publish.tlp,
        organisationId: publish.organisationId || undefined,
        object,
      });
    } catch (err) {
      throw toFieldErrors(err, fieldOf);
    }
    await after(created, publish);
  };
}
