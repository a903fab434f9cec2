import { writeFileSync } from 'node:fs';
import { CLIENT_FILE, clientTypes, openApiDocument } from './openapi.js';

writeFileSync(CLIENT_FILE, await clientTypes(await openApiDocument()));
console.log(`wrote ${CLIENT_FILE.pathname}`);
