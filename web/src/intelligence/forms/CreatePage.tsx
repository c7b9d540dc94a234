import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../layout/NotFoundPage';
import { PageHeader } from '../../ui/PageHeader';
import { IndicatorForm } from './IndicatorForm';
import { MisinformationForm } from './MisinformationForm';
import { ReportForm } from './ReportForm';
import { SightingForm } from './SightingForm';

const forms = { indicator: IndicatorForm, report: ReportForm, sighting: SightingForm, misinformation: MisinformationForm } satisfies Record<
  string,
  ComponentType
>;
type Kind = keyof typeof forms;
const isKind = (k: string | undefined): k is Kind => k !== undefined && k in forms;

/** /intelligence/objects/new/:kind: one page frame for the four create forms. */
export function CreatePage() {
  const { kind } = useParams();
  const { t } = useTranslation();
  if (!isKind(kind)) return <NotFoundPage />;
  const Form = forms[kind];
  const title = t(`intel.create.${kind}.title`);
  return (
    <>
      <PageHeader
        title={title}
        subtitle={t(`intel.create.${kind}.intro`)}
        crumbs={[{ label: t('nav.intelligence') }, { label: t('intel.nav.explorer'), to: '/intelligence/objects' }, { label: title }]}
      />
      {/* Keyed, so moving from one form to another starts empty. */}
      <Form key={kind} />
    </>
  );
}
