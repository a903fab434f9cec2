import { DownOutlined, GlobalOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth/auth';
import { useI18n } from '../i18n/i18n';
import { menuRoutes } from './access';
import { appRoutes } from './routes';

export function AppLayout({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const { t, lang, setLang } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const items = useMemo(
    () => menuRoutes(appRoutes, user?.roles ?? []).map((r) => ({ key: r.path, icon: r.icon, label: <Link to={r.path}>{t(r.titleKey)}</Link> })),
    [user, t],
  );
  // The deepest menu entry that the current path starts with is the selected one.
  const selected = items
    .map((i) => i.key)
    .filter((k) => (k === '/' ? location.pathname === '/' : location.pathname.startsWith(k)))
    .sort((a, b) => b.length - a.length)[0];
  // On a phone the menu lives in a drawer opened from the header, so nothing floats over the page.
  const narrow = !screens.md;
  const [drawer, setDrawer] = useState(false);
  const menu = <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} onClick={() => setDrawer(false)} />;
  const brand = (
    <Link to="/" style={{ display: 'block', color: '#fff', padding: '16px 20px', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>
      {t('app.name')}
    </Link>
  );
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow ? (
        <Drawer
          placement="left"
          open={drawer}
          onClose={() => setDrawer(false)}
          width={240}
          styles={{ body: { padding: 0, background: '#001529' } }}
          title={null}
          closable={false}
        >
          {brand}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider breakpoint="lg" collapsible collapsedWidth={64} width={208} theme="dark" aria-label={t('app.title')}>
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8 }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, minWidth: 0 }}>
            {narrow && <Button type="text" icon={<MenuOutlined />} aria-label={t('menu.open')} onClick={() => setDrawer(true)} />}
            <Typography.Text strong ellipsis style={{ fontSize: 16 }}>
              {narrow ? t('app.name') : t('app.title')}
            </Typography.Text>
          </div>
          <Space size="small">
            <Button type="text" icon={<GlobalOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
              {t('lang.switch')}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'profile', icon: <UserOutlined />, label: t('menu.profile'), onClick: () => navigate('/profile') },
                  { key: 'logout', icon: <LogoutOutlined />, label: t('action.logout'), onClick: () => logout().then(() => navigate('/login')) },
                ],
              }}
            >
              <Button type="text" aria-label={t('common.user')}>
                <Space>
                  <UserOutlined />
                  {!narrow && `${user?.displayName ?? ''} · ${user?.departmentName ?? ''}`}
                  <DownOutlined />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: narrow ? 8 : 16 }}>{children}</Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#999', padding: '12px' }}>{t('app.footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
