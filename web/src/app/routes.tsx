import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  DatabaseOutlined,
  DeploymentUnitOutlined,
  ExceptionOutlined,
  FileProtectOutlined,
  FormOutlined,
  HomeOutlined,
  IdcardOutlined,
  PlusOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import { AUTHORS, type RouteAccess } from './access';

export type AppRoute = RouteAccess & { titleKey: string; icon?: ReactNode; page: LazyExoticComponent<ComponentType> };

// Every page of the console. Later capabilities (gathering, sharing, open data, the
// operations center) add their pages here; the menu and the router follow.
export const appRoutes: AppRoute[] = [
  { path: '/', titleKey: 'menu.home', icon: <HomeOutlined />, page: lazy(() => import('../pages/home/HomePage')) },
  { path: '/catalog', titleKey: 'menu.catalog', icon: <SearchOutlined />, page: lazy(() => import('../pages/catalog/SearchPage')) },
  { path: '/catalog/new', titleKey: 'menu.catalogNew', icon: <PlusOutlined />, roles: AUTHORS, page: lazy(() => import('../pages/catalog/EditPage')) },
  { path: '/catalog/:id', titleKey: 'menu.catalog', menu: false, page: lazy(() => import('../pages/catalog/DetailPage')) },
  { path: '/catalog/:id/edit', titleKey: 'menu.catalogNew', menu: false, roles: AUTHORS, page: lazy(() => import('../pages/catalog/EditPage')) },
  { path: '/review', titleKey: 'menu.review', icon: <CheckSquareOutlined />, roles: ['admin'], page: lazy(() => import('../pages/review/ReviewPage')) },
  { path: '/import', titleKey: 'menu.import', icon: <CloudUploadOutlined />, roles: AUTHORS, page: lazy(() => import('../pages/import/ImportPage')) },
  { path: '/gathering', titleKey: 'menu.gathering', icon: <DeploymentUnitOutlined />, page: lazy(() => import('../pages/gathering/MountsPage')) },
  { path: '/gathering/mounts/:id', titleKey: 'menu.gathering', menu: false, page: lazy(() => import('../pages/gathering/MountPage')) },
  { path: '/gathering/runs/:id', titleKey: 'menu.gathering', menu: false, page: lazy(() => import('../pages/gathering/RunPage')) },
  { path: '/bases', titleKey: 'menu.bases', icon: <IdcardOutlined />, page: lazy(() => import('../pages/bases/BasesPage')) },
  {
    path: '/sharing/requests',
    titleKey: 'menu.sharingRequests',
    icon: <FormOutlined />,
    roles: AUTHORS,
    page: lazy(() => import('../pages/sharing/RequestsPage')),
  },
  { path: '/sharing/requests/new', titleKey: 'menu.sharingRequests', menu: false, roles: AUTHORS, page: lazy(() => import('../pages/sharing/RequestNewPage')) },
  {
    path: '/sharing/review',
    titleKey: 'menu.sharingReview',
    icon: <FileProtectOutlined />,
    roles: ['admin', 'dept_admin', 'auditor'],
    page: lazy(() => import('../pages/sharing/ReviewQueuePage')),
  },
  { path: '/sharing/grants', titleKey: 'menu.sharingGrants', icon: <SafetyCertificateOutlined />, page: lazy(() => import('../pages/sharing/GrantsPage')) },
  { path: '/sharing/grants/:id', titleKey: 'menu.sharingGrants', menu: false, page: lazy(() => import('../pages/sharing/GrantPage')) },
  {
    path: '/sharing/subscriptions',
    titleKey: 'menu.sharingSubscriptions',
    icon: <BellOutlined />,
    page: lazy(() => import('../pages/sharing/SubscriptionsPage')),
  },
  { path: '/sharing/objections', titleKey: 'menu.sharingObjections', icon: <ExceptionOutlined />, page: lazy(() => import('../pages/sharing/ObjectionsPage')) },
  { path: '/data-elements', titleKey: 'menu.dataElements', icon: <DatabaseOutlined />, page: lazy(() => import('../pages/data-elements/DataElementsPage')) },
  { path: '/admin', titleKey: 'menu.admin', icon: <ApartmentOutlined />, roles: ['admin', 'dept_admin'], page: lazy(() => import('../pages/admin/AdminPage')) },
  { path: '/audit', titleKey: 'menu.audit', icon: <AuditOutlined />, roles: ['auditor'], page: lazy(() => import('../pages/audit/AuditPage')) },
  { path: '/profile', titleKey: 'menu.profile', menu: false, page: lazy(() => import('../pages/profile/ProfilePage')) },
];
