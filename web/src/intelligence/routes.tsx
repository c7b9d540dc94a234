import { Navigate, Route } from 'react-router';
import { CollectionsPage } from './collections/CollectionsPage';
import { ExplorerPage } from './explorer/ExplorerPage';
import { CreatePage } from './forms/CreatePage';
import { ImportPage } from './import/ImportPage';
import { IntelligenceLayout } from './IntelligenceLayout';
import { ObjectPage } from './object/ObjectPage';

/** The intelligence section: explorer, object pages, create forms, import and collections. */
export const intelligenceRoutes = (
  <Route path="intelligence" element={<IntelligenceLayout />}>
    <Route index element={<Navigate to="/intelligence/objects" replace />} />
    <Route path="objects" element={<ExplorerPage />} />
    <Route path="objects/new/:kind" element={<CreatePage />} />
    <Route path="objects/:id" element={<ObjectPage />} />
    <Route path="import" element={<ImportPage />} />
    <Route path="collections" element={<CollectionsPage />} />
  </Route>
);
