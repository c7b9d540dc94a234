import { Route } from 'react-router';
import { ExercisePage } from './control/ExercisePage';
import { ExercisesPage } from './ExercisesPage';
import { FacilitatePage } from './play/FacilitatePage';
import { PlayPage } from './play/PlayPage';

/** The drills section: exercises, the controller's page, the player's inbox and the facilitator's view. */
export const drillsRoutes = (
  <Route path="drills">
    <Route index element={<ExercisesPage />} />
    <Route path=":id" element={<ExercisePage />} />
    <Route path=":id/play" element={<PlayPage />} />
    {/* The {link} variable of inject texts and e-mails points here (drillSettings.publicUrl + /drills/:id/inbox). */}
    <Route path=":id/inbox" element={<PlayPage />} />
    <Route path=":id/facilitate" element={<FacilitatePage />} />
  </Route>
);
