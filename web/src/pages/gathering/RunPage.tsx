import { StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Flex, Progress, Result, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n/i18n';
import { RunOutcome } from './QualityReport';
import { useMountAccess } from './shared';
import { percentOf } from './upload-view';

/** 导入详情 (/gathering/runs/:id): progress while the run is going, the outcome and quality report after. */
export default function RunPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const onError = useApiError();
  const run = useQuery({
    queryKey: ['gathering', 'run', id],
    queryFn: () => unwrap(api.GET('/api/v1/runs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 1000 : false),
  });
  const mountId = run.data?.mountId;
  const mount = useQuery({
    queryKey: ['gathering', 'mount', mountId],
    queryFn: () => unwrap(api.GET('/api/v1/mounts/{id}', { params: { path: { id: mountId as string } } })),
    enabled: !!mountId,
  });
  const { mayLoad } = useMountAccess(mount.data);
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/runs/{id}/cancel', { params: { path: { id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['gathering', 'run', id] }),
    onError: (e) => onError(e),
  });
  const status = run.error instanceof ApiError ? run.error.status : 0;
  useEffect(() => {
    if (run.error && status !== 404 && status !== 403) onError(run.error);
  }, [run.error, status, onError]);

  if (status === 404 || status === 403)
    return (
      <Result
        status={status === 404 ? '404' : '403'}
        title={status}
        subTitle={status === 404 ? t('gathering.run.notFound') : t('gathering.run.forbidden')}
        extra={
          <Button type="primary" onClick={() => navigate('/gathering')}>
            {t('gathering.backToList')}
          </Button>
        }
      />
    );
  const r = run.data;
  if (!r)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  const m = mount.data;

  return (
    <Flex vertical gap={16}>
      <Breadcrumb
        items={[
          { title: <Link to="/gathering">{t('menu.gathering')}</Link> },
          { title: m ? <Link to={`/gathering/mounts/${m.id}?tab=runs`}>{m.resourceName}</Link> : '…' },
          { title: t('gathering.run.title') },
        ]}
      />
      <Card
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('gathering.run.title')}
          </Typography.Title>
        }
        extra={
          r.status === 'running' && mayLoad ? (
            <Button danger icon={<StopOutlined aria-hidden />} loading={cancel.isPending} onClick={() => cancel.mutate()}>
              {t('gathering.upload.cancel')}
            </Button>
          ) : undefined
        }
      >
        <RunOutcome
          run={r}
          extra={
            r.status === 'running' ? (
              <div>
                <Typography.Text>{t('gathering.upload.serverRows', { read: r.rowsRead, rejected: r.rowsRejected })}</Typography.Text>
                <Progress percent={percentOf(r.bytesRead, r.bytesTotal)} status="active" aria-label={t('gathering.upload.serverBar')} />
              </div>
            ) : undefined
          }
        />
      </Card>
    </Flex>
  );
}
