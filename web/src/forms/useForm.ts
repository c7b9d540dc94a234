import { type ChangeEvent, type FormEvent, useState } from 'react';
import { ApiError, type ErrorDetail } from '../api/client';

export type FormErrors<T> = Partial<Record<keyof T & string, string>>;

/**
 * Form state with the two kinds of validation the console needs: the client's own checks before
 * sending, and the server's 400 `details`, each placed on the field its `path` names. Details
 * that name no field on this form (and any other failure) stay with the form as a whole.
 */
export function useForm<T extends Record<string, unknown>>(initial: T, validate: (values: T) => FormErrors<T>) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FormErrors<T>>({});
  const [failure, setFailure] = useState<{ error: unknown; details: ErrorDetail[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);

  function setField<K extends keyof T & string>(key: K, value: T[K]) {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));
  }

  function applyServerError(err: unknown) {
    if (!(err instanceof ApiError) || err.details.length === 0) {
      setFailure({ error: err, details: [] });
      return;
    }
    const onFields: FormErrors<T> = {};
    const unplaced: ErrorDetail[] = [];
    for (const d of err.details) {
      // "memberships.0.role" belongs to the field "memberships".
      const field = d.path.split('.')[0] as keyof T & string;
      if (field in initial && !onFields[field]) onFields[field] = d.message;
      else unplaced.push(d);
    }
    setErrors(onFields);
    setFailure(unplaced.length > 0 || Object.keys(onFields).length === 0 ? { error: err, details: unplaced } : null);
  }

  const onSubmit = (send: (values: T) => Promise<unknown>) => async (event?: FormEvent) => {
    event?.preventDefault();
    const found = validate(values);
    const invalid = Object.values(found).some(Boolean);
    setErrors(found);
    if (invalid) return;
    setFailure(null);
    setSubmitting(true);
    try {
      await send(values);
    } catch (err) {
      applyServerError(err);
    } finally {
      setSubmitting(false);
    }
  };

  /** Props for a Mantine text input or textarea bound to one string field. */
  const text = <K extends keyof T & string>(key: K) => ({
    value: String(values[key] ?? ''),
    error: errors[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setField(key, e.currentTarget.value as T[K]),
  });

  /** Props for a Mantine Select bound to one string field ('' when nothing is chosen). */
  const pick = <K extends keyof T & string>(key: K) => ({
    value: (values[key] as string) || null,
    error: errors[key],
    onChange: (v: string | null) => setField(key, (v ?? '') as T[K]),
  });

  return { values, errors, failure, submitting, setField, text, pick, onSubmit, setErrors };
}
