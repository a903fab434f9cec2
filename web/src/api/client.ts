import createClient from 'openapi-fetch';
import { toApiError } from './errors';
import type { paths } from './schema';

/** The typed client generated from the platform's OpenAPI document; the session rides on the cookie. */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

/** Resolves to the data, or throws an ApiError carrying the server's error body. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(response.status, error);
  return data as T;
}
