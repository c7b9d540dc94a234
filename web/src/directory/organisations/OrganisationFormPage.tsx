import { useTranslation } from 'react-i18next';
import type { Organisation } from '../../api/types';
import { FormPage } from '../common/FormPage';
import { OrganisationForm } from './OrganisationForm';

/** /directory/organisations/new and /directory/organisations/:id/edit */
export function OrganisationFormPage() {
  const { t } = useTranslation();
  return (
    <FormPage<Organisation>
      resource="organisations"
      listLabel={t('nav.organisations')}
      createTitle={t('organisation.create')}
      editTitle={(o) => t('organisation.edit', { name: o.name })}
      nameOf={(o) => o.name}
    >
      {(o) => <OrganisationForm organisation={o} />}
    </FormPage>
  );
}
