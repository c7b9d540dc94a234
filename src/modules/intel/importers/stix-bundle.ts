/**
 * STIX 2.1 bundles: the objects go to the store exactly as they are, custom `x-` types and custom
 * properties included; validating each object is the store's job (objects.service.ts), so an
 * invalid object becomes a per-object failure there. Only the envelope is checked here.
 */
import { AppError } from '../../../errors.js';
import { isRecord, type Mapped } from './common.js';

export function isStixBundle(input: unknown): boolean {
  return isRecord(input) && input.type === 'bundle';
}

export function fromStixBundle(input: unknown): Mapped {
  if (!isRecord(input) || input.type !== 'bundle') throw new AppError('bad_request', 'A STIX bundle needs "type": "bundle"');
  // STIX 2.0 bundles carry spec_version on the bundle and none on their objects; 2.1 is the reverse.
  if (input.spec_version !== undefined) {
    throw new AppError('bad_request', `This is a STIX ${String(input.spec_version)} bundle; only STIX 2.1 bundles are imported`);
  }
  if (input.objects === undefined) return { objects: [], warnings: ['The bundle has no objects'], rejected: [] };
  if (!Array.isArray(input.objects)) throw new AppError('bad_request', 'The bundle\'s "objects" must be a list');
  return { objects: input.objects as Record<string, unknown>[], warnings: [], rejected: [] };
}
