import { ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, unwrap } from '../api/client';
import { useT } from '../i18n/i18n';
import { formatTime } from './AdminFormat';

type T = ReturnType<typeof useT>;

/** The verifier's reasons are English sentences with numbers; known ones are told in the user's language. */
export function explainReason(t: T, reason: string | undefined): string | null {
  if (!reason) return null;
  let m = /^row (\d+) is missing \(next row is (\d+)\)/.exec(reason);
  if (m) return t('audit.verify.reason.missing', { seq: m[1], next: m[2] });
  if (reason.startsWith('prev_hash does not match')) return t('audit.verify.reason.prevHash');
  if (reason.startsWith('unknown hash algorithm')) return t('audit.verify.reason.algorithm');
  if (reason.startsWith('content does not match its hash')) return t('audit.verify.reason.content');
  m = /^the chain ends at row (\d+) but the head records row (\d+)/.exec(reason);
  if (m) return t('audit.verify.reason.truncated', { checked: m[1], head: m[2] });
  m = /^the log ends at (\d+) but the checkpoint of (\S+) records (\d+)/.exec(reason);
  if (m) return t('audit.verify.reason.shorter', { end: m[1], at: formatTime(m[2], true), recorded: m[3] });
  m = /^the row does not match the checkpoint of (\S+)/.exec(reason);
  if (m) return t('audit.verify.reason.checkpoint', { at: formatTime(m[1], true) });
  if (/^checkpoints of \S+ and \S+ record different hashes/.test(reason)) return t('audit.verify.reason.rewritten');
  m = /^checkpoint line (\d+)/.exec(reason);
  if (m) return t('audit.verify.reason.checkpointLine', { line: m[1] });
  return null;
}

/** Walks the audit hash chain on the server and says whether it holds, or names the first bad row and why. */
export function AuditChainStatus() {
  const t = useT();
  const verify = useQuery({ queryKey: ['audit', 'verify'], queryFn: () => unwrap(api.GET('/api/v1/audit/verify')), staleTime: 60_000 });
  const recheck = (
    <Button size="small" icon={<ReloadOutlined />} loading={verify.isFetching} onClick={() => verify.refetch()}>
      {t('audit.verify.recheck')}
    </Button>
  );
  const when = verify.dataUpdatedAt ? formatTime(dayjs(verify.dataUpdatedAt).toISOString(), true) : '';

  if (verify.isPending) return <Alert type="info" showIcon title={t('audit.verify.checking')} action={recheck} />;
  if (verify.isError)
    return <Alert type="warning" showIcon title={t('audit.verify.failedToRun')} description={(verify.error as Error).message} action={recheck} role="alert" />;

  const r = verify.data;
  if (r.ok)
    return (
      <Alert
        type="success"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={t('audit.verify.ok', { checked: r.checked })}
        description={<Typography.Text type="secondary">{t('audit.verify.okDetail', { head: r.headSeq ?? r.checked, time: when })}</Typography.Text>}
        action={recheck}
        role="status"
      />
    );
  const explained = explainReason(t, r.reason);
  return (
    <Alert
      type="error"
      showIcon
      title={t('audit.verify.bad', { seq: r.badSeq ?? '?' })}
      description={
        <Space orientation="vertical" size={2}>
          <span>{explained ?? r.reason}</span>
          {explained && r.reason && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.reason}
            </Typography.Text>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('audit.verify.badDetail', { checked: r.checked, time: when })}
          </Typography.Text>
        </Space>
      }
      action={recheck}
      role="alert"
    />
  );
}
