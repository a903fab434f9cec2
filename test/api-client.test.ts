import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_FILE, clientTypes, openApiDocument } from '../scripts/openapi.js';

describe('the console API client', () => {
  it('is generated from the current OpenAPI document (run npm run gen:api after changing a schema)', async () => {
    expect(readFileSync(CLIENT_FILE, 'utf8')).toBe(await clientTypes(await openApiDocument()));
  });
});
