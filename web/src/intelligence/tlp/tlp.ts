/**
 * TLP 2.0 as FIRST defines it for display: each label in capitals, in its own colour on black
 * (FIRST TLP 2.0, "Colour-coding"), so a marking reads the same on screen as on a printed report.
 * The labels stay in English in every language, as FIRST asks; what each allows is translated.
 */
import type { Tlp } from '../../api/intel';

export const tlpLabel: Record<Tlp, string> = {
  clear: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  'amber+strict': 'TLP:AMBER+STRICT',
  red: 'TLP:RED',
};

/** Font colours of the standard; the background is always black (#000000). */
export const tlpColour: Record<Tlp, string> = {
  clear: '#FFFFFF',
  green: '#33FF00',
  amber: '#FFC000',
  'amber+strict': '#FFC000',
  red: '#FF2B2B',
};

/** Who receives what: the recipients a marking is shared with (DESIGN.md, "TLP 2.0"). */
export type RecipientKind = 'communities' | 'organisations' | 'people';

export function recipientKind(tlp: Tlp): RecipientKind | null {
  switch (tlp) {
    case 'clear':
      return null;
    case 'green':
      return 'communities';
    case 'amber':
    case 'amber+strict':
      return 'organisations';
    case 'red':
      return 'people';
  }
}
