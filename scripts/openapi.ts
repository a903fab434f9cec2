import openapiTS, { astToString } from 'openapi-typescript';
import { createPlatform } from '../src/app.js';
import { openPglite } from '../src/platform/db/pglite.js';
import { testConfig } from '../test/config.js';

/** The platform's OpenAPI document, from a throwaway in-memory instance. */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const p = await createPlatform({ ...testConfig, logLevel: 'silent' }, await openPglite({ memory: true }), { background: false });
  try {
    return p.http.swagger() as unknown as Record<string, unknown>;
  } finally {
    await p.close();
  }
}

export const CLIENT_FILE = new URL('../web/src/api/schema.d.ts', import.meta.url);
const HEADER = '// Generated from /api/openapi.json by `npm run gen:api`. Do not edit: change the zod schemas and regenerate.\n\n';

export async function clientTypes(doc: Record<string, unknown>): Promise<string> {
  return HEADER + astToString(await openapiTS(doc as never));
}
