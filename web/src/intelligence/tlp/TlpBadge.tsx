import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Tlp } from '../../api/intel';
import { tlpColour, tlpLabel } from './tlp';

/** A TLP 2.0 label in FIRST's colours; hovering says who may receive the object. */
export function TlpBadge({ tlp, size = 'sm' }: { tlp: Tlp; size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t(`intel.tlp.meaning.${tlp}`)} multiline w={260} openDelay={300}>
      <Badge
        size={size}
        radius="xs"
        tt="none"
        ff="monospace"
        fw={700}
        data-testid="tlp-badge"
        data-tlp={tlp}
        styles={{ root: { background: '#000', color: tlpColour[tlp], letterSpacing: 0.3, minWidth: 'max-content' } }}
      >
        {tlpLabel[tlp]}
      </Badge>
    </Tooltip>
  );
}
