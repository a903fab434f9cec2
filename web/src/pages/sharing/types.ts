import type { components, paths } from '../../api/schema';

// Names for the sharing API's shapes, all derived from the generated client (as api/types.ts
// does for the other pages): a schema change shows up here as a type error.
type S = components['schemas'];
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer T } } } ? T : never;

export type ShareRequest = S['ShareRequest'];
export type RequestStatus = ShareRequest['status'];
export type Delivery = ShareRequest['delivery'];
export type RequestCreate = Body<'/api/v1/sharing/requests', 'post'>;
export type ReviewDecision = Body<'/api/v1/sharing/requests/{id}/review', 'post'>;
export type RequestBox = NonNullable<NonNullable<paths['/api/v1/sharing/requests']['get']['parameters']['query']>['box']>;
export type Grant = S['ShareGrant'];
export type GrantState = Grant['state'];
export type GrantSide = NonNullable<NonNullable<paths['/api/v1/sharing/grants']['get']['parameters']['query']>['side']>;
export type RowFilter = S['RowFilter'];
export type FilterOp = Extract<RowFilter, { op: unknown }>['op'];
export type Objection = S['ShareObjection'];
export type ObjectionStatus = Objection['status'];
export type ObjectionBox = NonNullable<NonNullable<paths['/api/v1/sharing/objections']['get']['parameters']['query']>['box']>;
export type Resolution = NonNullable<Objection['resolution']>;
export type Subscription = S['ShareSubscription'];
export type SubscriptionCreated = S['ShareSubscriptionCreated'];
export type ShareNotification = S['ShareNotification'];
export type WebhookDelivery = S['ShareWebhookDelivery'];
export type DeliveryStatus = WebhookDelivery['status'];
export type Usage = S['ShareUsage'];
export type Entry = S['Resource'];
export type EntryItem = Entry['items'][number];
export type ItemType = EntryItem['type'];
