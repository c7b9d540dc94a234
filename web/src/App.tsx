import { Navigate, Route, Routes } from 'react-router';
import { AuditLogPage } from './audit/AuditLogPage';
import { LoginPage } from './auth/LoginPage';
import { RequireAuth } from './auth/RequireAuth';
import { SetupPage } from './auth/SetupPage';
import { directoryRoutes } from './directory/routes';
import { drillsRoutes } from './drills/routes';
import { intelligenceRoutes } from './intelligence/routes';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './layout/NotFoundPage';
import { SectionPage } from './layout/SectionPage';

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/setup" element={<SetupPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<Navigate to="/directory/organisations" replace />} />
        <Route path="directory">
          <Route index element={<Navigate to="/directory/organisations" replace />} />
          {directoryRoutes}
        </Route>
        {drillsRoutes}
        {intelligenceRoutes}
        <Route path="incidents" element={<SectionPage section="incidents" />} />
        <Route path="federation" element={<SectionPage section="federation" />} />
        <Route path="audit" element={<AuditLogPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
