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
export type Mount = components['schemas']['Mount'];
/** A mount in a list: another department's has no id (its rows open only through a grant). */
export type MountListed = components['schemas']['MountListed'];
export type MountKind = Mount['kind'];
export type MountApi = NonNullable<Mount['api']>;
export type MountCreate = NonNullable<paths['/api/v1/catalog/resources/{id}/mounts']['post']['requestBody']>['content']['application/json'];
export type MountQuery = NonNullable<paths['/api/v1/mounts']['get']['parameters']['query']>;
export type IngestRun = components['schemas']['IngestRun'];
export type RunStatus = IngestRun['status'];
export type RunStartQuery = NonNullable<paths['/api/v1/mounts/{id}/runs']['post']['parameters']['query']>;
export type Quality = components['schemas']['Quality'];
export type ItemQuality = Quality['items'][number];
export type Preview = components['schemas']['Preview'];
export type FileVersion = components['schemas']['FileVersion'];
export type ApiCallResult = Json<'/api/v1/mounts/{id}/call', 'post'>;
export type Base = components['schemas']['Base'];
export type BaseName = Base['name'];
export type ConflictRule = Base['rule'];
export type BaseFieldDef = Base['fields'][number];
export type BaseFeed = components['schemas']['BaseFeed'];
export type BaseSource = components['schemas']['BaseSource'];
export type BaseRecord = components['schemas']['BaseRecord'];
export type BaseRecordField = BaseRecord['fields'][number];
export type BaseRecordList = components['schemas']['BaseRecordList'];
export type BaseRecordRow = BaseRecordList['items'][number];
