import { useTranslation } from 'react-i18next';
import type { PointOfContact } from '../../api/types';
import { FormPage } from '../common/FormPage';
import { ContactForm } from './ContactForm';

/** /directory/points-of-contact/new (optionally ?organisationId=…) and …/:id/edit */
export function ContactFormPage() {
  const { t } = useTranslation();
  return (
    <FormPage<PointOfContact>
      resource="points-of-contact"
      listLabel={t('nav.pointsOfContact')}
      createTitle={t('contact.create')}
      editTitle={(c) => t('contact.edit', { name: c.label })}
      nameOf={(c) => c.label}
    >
      {(c) => <ContactForm contact={c} />}
    </FormPage>
  );
}
