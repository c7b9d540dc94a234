import { useTranslation } from 'react-i18next';
import type { Site } from '../../api/types';
import { FormPage } from '../common/FormPage';
import { SiteForm } from './SiteForm';

/** /directory/sites/new (optionally ?organisationId=…) and /directory/sites/:id/edit */
export function SiteFormPage() {
  const { t } = useTranslation();
  return (
    <FormPage<Site>
      resource="sites"
      listLabel={t('nav.sites')}
      createTitle={t('site.create')}
      editTitle={(s) => t('site.edit', { name: s.name })}
      nameOf={(s) => s.name}
    >
      {(s) => <SiteForm site={s} />}
    </FormPage>
  );
}
