import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { Suspense } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { AuthProvider, useAuth } from '../auth/auth';
import { I18nProvider, useI18n } from '../i18n/i18n';
import LoginPage from '../pages/login/LoginPage';
import { mayOpen } from './access';
import { AppLayout } from './Layout';
import { appRoutes } from './routes';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });

function Guarded() {
  const { user, loading } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (loading) return <Spin fullscreen />;
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return (
    <AppLayout>
      <Suspense fallback={<Spin />}>
        <Routes>
          {appRoutes.map((r) => (
            <Route
              key={r.path}
              path={r.path}
              element={mayOpen(r, user.roles) ? <r.page /> : <Result status="403" title="403" subTitle={t('error.forbidden')} />}
            />
          ))}
          <Route path="*" element={<Result status="404" title="404" subTitle={t('error.notFound')} />} />
        </Routes>
      </Suspense>
    </AppLayout>
  );
}

function Localized() {
  const { lang } = useI18n();
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
  // antd would put a space inside two-character labels (“通 过”), changing their accessible names.
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#1459b8', borderRadius: 4 } }}>
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/*" element={<Guarded />} />
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localized />
      </I18nProvider>
    </QueryClientProvider>
  );
}
