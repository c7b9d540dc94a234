import '@mantine/dates/styles.css';
import 'dayjs/locale/ja';
import 'dayjs/locale/vi';
import { DatesProvider } from '@mantine/dates';
import { Outlet } from 'react-router';
import { useFormat } from '../format/useFormat';

/**
 * Around every intelligence page: date pickers speak the console's language (dayjs locales), weeks
 * start on Monday as across the region. The pickers' wall times are turned into UTC in the viewer's
 * own zone by the forms (common/zonedTime.ts).
 */
export function IntelligenceLayout() {
  const { lang } = useFormat();
  return (
    <DatesProvider settings={{ locale: lang, firstDayOfWeek: 1 }}>
      <Outlet />
    </DatesProvider>
  );
}
