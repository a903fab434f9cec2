import type { components, paths } from './schema';

// Names for the API's shapes, all derived from the generated client: a page never writes
// its own copy of a server type, so a schema change shows up here as a type error.
type Json<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } }
  ? T
  : never;

export type User = Json<'/api/v1/auth/me', 'get'>;
export type ManagedUser = Json<'/api/v1/users', 'get'>['items'][number];
export type Department = Json<'/api/v1/departments', 'get'>[number];
export type ApiKey = Json<'/api/v1/auth/api-keys', 'get'>[number];
export type AuditRecord = Json<'/api/v1/audit', 'get'>['items'][number];
export type Resource = components['schemas']['Resource'];
export type ResourceItem = Resource['items'][number];
export type DataElement = components['schemas']['DataElement'];
export type FacetCount = Json<'/api/v1/catalog/resources', 'get'>['facets']['provider'][number];
