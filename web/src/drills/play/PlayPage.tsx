import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { InboxView } from './InboxView';

/** /drills/:id/play: the player's live inbox for their own team. */
export function PlayPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('drills.play.title')} crumbs={[{ label: t('nav.drills'), to: '/drills' }, { label: t('drills.play.title') }]} />
      <InboxView exerciseId={id} />
    </>
  );
}
