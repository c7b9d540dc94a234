/**
 * Exercise data carries its mark in the data itself (DESIGN.md: every object created inside a drill
 * is marked as exercise data): every object stored in a collection of the exercise API root gets
 * this statement marking, so a drill object stays recognisable wherever a file or a TAXII client
 * takes it, and the real API root refuses objects that carry it, so drill data cannot come back in
 * as real intelligence through an import or a POST.
 */
import { NAMESPACE, stixId } from './importers/ids.js';
import { tlpMarkingId } from './tlp.js';

export const EXERCISE_MARKING_ID = stixId('marking-definition', NAMESPACE.kizuna, 'exercise-data');

/** The marking definition itself, stored beside the objects that name it (public: it says nothing secret). */
export const exerciseMarking: Record<string, unknown> = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: EXERCISE_MARKING_ID,
  created: '2026-01-01T00:00:00.000Z',
  name: 'EXERCISE',
  definition_type: 'statement',
  definition: { statement: 'EXERCISE: drill data, not real information. Do not act on it outside the exercise.' },
  object_marking_refs: [tlpMarkingId.clear],
};

/** The MISP tag of an event exported from the exercise root. */
export const EXERCISE_TAG = 'kizuna:exercise';

export function carriesExerciseMarking(object: Record<string, unknown>): boolean {
  return Array.isArray(object.object_marking_refs) && object.object_marking_refs.includes(EXERCISE_MARKING_ID);
}

/**
 * The object with the exercise marking added (a copy; the object itself when it has it already).
 * Marking definitions are left as they are: they describe markings rather than being data.
 */
export function withExerciseMarking(object: Record<string, unknown>): Record<string, unknown> {
  if (object.type === 'marking-definition' || carriesExerciseMarking(object)) return object;
  const refs = Array.isArray(object.object_marking_refs) ? object.object_marking_refs : [];
  return { ...object, object_marking_refs: [...refs, EXERCISE_MARKING_ID] };
}
