import type { ComponentType } from 'react';
import { Route } from 'react-router';
import { CommunityDetailPage } from './communities/CommunityDetailPage';
import { CommunityFormPage } from './communities/CommunityFormPage';
import { CommunityListPage } from './communities/CommunityListPage';
import { OrganisationDetailPage } from './organisations/OrganisationDetailPage';
import { OrganisationFormPage } from './organisations/OrganisationFormPage';
import { OrganisationListPage } from './organisations/OrganisationListPage';
import { PersonDetailPage } from './people/PersonDetailPage';
import { PersonFormPage } from './people/PersonFormPage';
import { PersonListPage } from './people/PersonListPage';
import { ContactDetailPage } from './points-of-contact/ContactDetailPage';
import { ContactFormPage } from './points-of-contact/ContactFormPage';
import { ContactListPage } from './points-of-contact/ContactListPage';
import { SiteDetailPage } from './sites/SiteDetailPage';
import { SiteFormPage } from './sites/SiteFormPage';
import { SiteListPage } from './sites/SiteListPage';

/** Every directory resource has the same four pages. */
const resources: [path: string, list: ComponentType, detail: ComponentType, form: ComponentType][] = [
  ['organisations', OrganisationListPage, OrganisationDetailPage, OrganisationFormPage],
  ['sites', SiteListPage, SiteDetailPage, SiteFormPage],
  ['people', PersonListPage, PersonDetailPage, PersonFormPage],
  ['points-of-contact', ContactListPage, ContactDetailPage, ContactFormPage],
  ['communities', CommunityListPage, CommunityDetailPage, CommunityFormPage],
];

export const directoryRoutes = resources.map(([path, List, Detail, Form]) => (
  <Route key={path} path={path}>
    <Route index element={<List />} />
    <Route path="new" element={<Form />} />
    <Route path=":id" element={<Detail />} />
    <Route path=":id/edit" element={<Form />} />
  </Route>
));
