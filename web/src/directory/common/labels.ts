import { useTranslation } from 'react-i18next';
import { type OrganisationType, organisationTypes, type SiteMode, siteModes } from '../../api/types';

export function useDirectoryLabels() {
  const { t } = useTranslation();
  const typeLabel = (type: OrganisationType) => t(`organisationType.${type}`);
  const modeLabel = (mode: SiteMode) => t(`siteMode.${mode}`);
  return {
    typeLabel,
    modeLabel,
    typeOptions: organisationTypes.map((value) => ({ value, label: typeLabel(value) })),
    modeOptions: siteModes.map((value) => ({ value, label: modeLabel(value) })),
  };
}
