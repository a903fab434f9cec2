// Domain errors thrown by actions; the HTTP layer maps them to status codes in one place.
type ErrorDetails = Record<string, unknown> | unknown[];

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

/** 400: the input is malformed or fails validation. */
export class InputError extends DomainError {
  constructor(message: string, details?: ErrorDetails) {
    super(400, 'bad_input', message, details);
  }
}
/** 401: no valid session or key. */
export class NotAuthenticated extends DomainError {
  constructor(message = '请先登录', code = 'not_authenticated') {
    super(401, code, message);
  }
}
/** 403: authenticated, but this principal may not do this. */
export class NotAllowed extends DomainError {
  constructor(message = '无权执行此操作') {
    super(403, 'not_allowed', message);
  }
}
export class NotFound extends DomainError {
  constructor(what: string) {
    super(404, 'not_found', `${what}不存在`);
  }
}
/** 404 for a thing that exists but is another department's: answered like a miss, audited as a denial. */
export class Hidden extends NotFound {}
/** The 404 for a thing the caller may not see: Hidden when it exists, so the refusal is audited. */
export const unseen = (what: string, exists: boolean) => (exists ? new Hidden(what) : new NotFound(what));
/** 409: the request conflicts with the current state (duplicate, wrong workflow step). */
export class Conflict extends DomainError {
  constructor(message: string, details?: ErrorDetails) {
    super(409, 'conflict', message, details);
  }
}
/** 422: well-formed input that breaks a business rule. */
export class RuleBroken extends DomainError {
  constructor(message: string, details?: ErrorDetails) {
    super(422, 'rule_broken', message, details);
  }
}
/** 429: too many attempts. */
export class TooMany extends DomainError {
  constructor(message: string) {
    super(429, 'too_many_requests', message);
  }
}
