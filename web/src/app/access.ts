// Routes are data; who may open one is decided here, once, for the menu and the router.
export type Role = 'admin' | 'dept_admin' | 'dept_user' | 'auditor';

export type RouteAccess = { path: string; roles?: readonly Role[]; menu?: boolean };

export const AUTHORS: readonly Role[] = ['admin', 'dept_admin', 'dept_user'];

export function mayOpen(route: RouteAccess, roles: readonly Role[]): boolean {
  return !route.roles || route.roles.some((r) => roles.includes(r));
}

/** The routes the menu lists for these roles, in their declared order. */
export function menuRoutes<R extends RouteAccess>(routes: readonly R[], roles: readonly Role[]): R[] {
  return routes.filter((r) => r.menu !== false && mayOpen(r, roles));
}
