import { describe, expect, it } from 'vitest';
import { mayOpen, menuRoutes, type Role } from './access';

const routes = [
  { path: '/', titleKey: 'menu.home' },
  { path: '/catalog', titleKey: 'menu.catalog' },
  { path: '/catalog/new', roles: ['admin', 'dept_admin', 'dept_user'] as Role[] },
  { path: '/catalog/:id', menu: false },
  { path: '/review', roles: ['admin'] as Role[] },
  { path: '/admin', roles: ['admin', 'dept_admin'] as Role[] },
  { path: '/audit', roles: ['auditor'] as Role[] },
];

describe('route and role filter', () => {
  it.each([
    [['admin'], ['/', '/catalog', '/catalog/new', '/review', '/admin']],
    [['dept_admin'], ['/', '/catalog', '/catalog/new', '/admin']],
    [['dept_user'], ['/', '/catalog', '/catalog/new']],
    [['auditor'], ['/', '/catalog', '/audit']],
    [[], ['/', '/catalog']],
  ] as [Role[], string[]][])('the menu of %j lists exactly %j', (roles, paths) => {
    expect(menuRoutes(routes, roles).map((r) => r.path)).toEqual(paths);
  });

  it('keeps hidden routes openable by whoever may open them', () => {
    expect(mayOpen(routes[3], ['auditor'])).toBe(true);
    expect(mayOpen(routes[4], ['dept_admin', 'auditor'])).toBe(false);
    expect(mayOpen(routes[4], ['dept_user', 'admin'])).toBe(true);
  });
});
