import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';

/** What a detail or edit page shows until its record is there. */
export function Pending({ error }: { error: unknown }) {
  return error ? <ErrorAlert error={error} /> : <Loading />;
}
