/**
 * Sends an import file with XMLHttpRequest rather than fetch: only XHR reports upload progress, and a
 * KEV catalogue or a large bundle takes long enough on a slow link that people need to see it move.
 */
import { ApiError, api } from '../../api/client';
import type { ImportResult } from '../../api/intel';
import type { Session } from '../../api/types';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface Upload {
  done: Promise<ImportResult>;
  abort(): void;
}

function errorFrom(status: number, body: unknown): ApiError {
  const err = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  const details = Array.isArray(err?.details)
    ? err.details.filter((d): d is { path: string; message: string } => typeof d?.path === 'string' && typeof d?.message === 'string')
    : [];
  return new ApiError(
    status,
    typeof err?.code === 'string' ? err.code : status >= 500 ? 'internal' : 'bad_request',
    typeof err?.message === 'string' ? err.message : `HTTP ${status}`,
    details,
  );
}

/**
 * POST /api/v1/intel/imports?collection=ID with the file as the body. The CSRF token lives inside
 * the API client; asking /auth/me for it keeps this one XHR from reaching into the client.
 */
export function uploadImport(collectionId: string, file: File, onProgress: (p: UploadProgress) => void): Upload {
  const xhr = new XMLHttpRequest();
  let aborted = false;
  const done = (async () => {
    const { csrfToken } = await api.get<Session>('/auth/me');
    if (aborted) throw new ApiError(0, 'aborted', 'Cancelled');
    return new Promise<ImportResult>((resolve, reject) => {
      xhr.open('POST', `/api/v1/intel/imports?${new URLSearchParams({ collection: collectionId })}`);
      xhr.setRequestHeader('Accept', 'application/json');
      // All three formats are JSON; the server recognises which by content.
      xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.setRequestHeader('X-CSRF-Token', csrfToken);
      xhr.responseType = 'text';
      xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch {
          // A proxy's HTML error page: the status says enough.
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body as ImportResult);
        else reject(errorFrom(xhr.status, body));
      };
      xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached'));
      xhr.onabort = () => reject(new ApiError(0, 'aborted', 'Cancelled'));
      xhr.send(file);
    });
  })();
  return {
    done,
    abort() {
      aborted = true;
      xhr.abort();
    },
  };
}
