import { useTranslation } from 'react-i18next';
import type { Person } from '../../api/types';
import { FormPage } from '../common/FormPage';
import { PersonForm } from './PersonForm';

/** /directory/people/new (optionally ?organisationId=…) and /directory/people/:id/edit */
export function PersonFormPage() {
  const { t } = useTranslation();
  return (
    <FormPage<Person>
      resource="people"
      listLabel={t('nav.people')}
      createTitle={t('person.create')}
      editTitle={(p) => t('person.edit', { name: p.fullName })}
      nameOf={(p) => p.fullName}
    >
      {(p) => <PersonForm person={p} />}
    </FormPage>
  );
}
