import { toApiError } from './errors';

export type Sending = { loaded: number; total: number };

/**
 * Sends a file as the request body with XMLHttpRequest (fetch cannot report upload progress),
 * with the session's cookie. `done` resolves with the JSON answer, or rejects with an ApiError
 * (a network failure: Error('network'); `abort()`: an AbortError).
 */
export function sendFile<T>(url: string, file: File, contentType: string, onProgress?: (s: Sending) => void): { done: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', contentType);
    if (onProgress) xhr.upload.onprogress = (e) => onProgress({ loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {}
      if (xhr.status >= 200 && xhr.status < 300 && body) resolve(body as T);
      else reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
