import { useTranslation } from 'react-i18next';
import type { Community } from '../../api/types';
import { FormPage } from '../common/FormPage';
import { CommunityForm } from './CommunityForm';

/** /directory/communities/new and /directory/communities/:id/edit; members are managed on the detail page. */
export function CommunityFormPage() {
  const { t } = useTranslation();
  return (
    <FormPage<Community>
      resource="communities"
      listLabel={t('nav.communities')}
      createTitle={t('community.create')}
      editTitle={(c) => t('community.edit', { name: c.name })}
      nameOf={(c) => c.name}
    >
      {(c) => <CommunityForm community={c} />}
    </FormPage>
  );
}
