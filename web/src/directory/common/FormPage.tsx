import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { type Resource, useResource } from './hooks';
import { Pending } from './Pending';

interface Props<T> {
  resource: Resource;
  listLabel: string;
  createTitle: string;
  editTitle(record: T): string;
  nameOf(record: T): string;
  /** The form, empty for /new, filled with the record for /:id/edit. */
  children(record?: T): ReactNode;
}

/** The page around a create or edit form: loads the record to edit, titles and breadcrumbs. */
export function FormPage<T extends { id: string }>({ resource, listLabel, createTitle, editTitle, nameOf, children }: Props<T>) {
  const { id } = useParams();
  const { t } = useTranslation();
  const { data, error } = useResource<T>(resource, id);
  const base = `/directory/${resource}`;
  const list = { label: listLabel, to: base };

  if (!id) {
    return (
      <>
        <PageHeader title={createTitle} crumbs={[{ label: t('nav.directory') }, list, { label: t('common.new') }]} />
        {children()}
      </>
    );
  }
  if (!data) return <Pending error={error} />;
  return (
    <>
      <PageHeader
        title={editTitle(data)}
        crumbs={[{ label: t('nav.directory') }, list, { label: nameOf(data), to: `${base}/${data.id}` }, { label: t('common.edit') }]}
      />
      {/* Keyed by id so the form starts from this record's values, not a previous one's. */}
      <div key={data.id}>{children(data)}</div>
    </>
  );
}
