import { ApiOutlined, ClockCircleOutlined, FileOutlined, TableOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { Mount, MountKind, MountListed, RunStatus } from '../../api/types';
import { AUTHORS } from '../../app/access';
import { useAuth } from '../../auth/auth';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';

// What the gathering pages share: tags for kinds, run states and overdue mounts, and who
// may do what with a mount (the server decides; this only hides what would be refused).

export const mono = { fontFamily: 'ui-monospace, Consolas, monospace' } as const;
export const MOUNT_KINDS: MountKind[] = ['table', 'file', 'api'];
export const RUN_STATUSES: RunStatus[] = ['running', 'succeeded', 'rejected', 'failed', 'cancelled'];

const kindIcon = { table: <TableOutlined aria-hidden />, file: <FileOutlined aria-hidden />, api: <ApiOutlined aria-hidden /> };
const kindColor = { table: 'blue', file: 'cyan', api: 'purple' };

export function KindTag({ kind }: { kind: MountKind }) {
  const t = useT();
  return (
    <Tag color={kindColor[kind]} icon={kindIcon[kind]}>
      {t(`gathering.kind.${kind}`)}
    </Tag>
  );
}

const statusColor: Record<RunStatus, string> = { running: 'processing', succeeded: 'success', rejected: 'warning', failed: 'error', cancelled: 'default' };

export function RunStatusTag({ status }: { status: RunStatus }) {
  const t = useT();
  return <Tag color={statusColor[status]}>{t(`gathering.status.${status}`)}</Tag>;
}

/** Red while the mount is past its update cycle; says since when. Nothing otherwise. */
export function OverdueTag({ mount }: { mount: Pick<Mount, 'overdueSince' | 'dueAt'> }) {
  const t = useT();
  if (!mount.overdueSince) return null;
  return (
    <Tooltip title={t('gathering.overdue.since', { time: formatTime(mount.overdueSince) })}>
      <Tag color="red" icon={<ClockCircleOutlined aria-hidden />}>
        {t('gathering.overdue.tag')}
      </Tag>
    </Tooltip>
  );
}

/**
 * The provider department's writers load data (mayLoad); the provider, the bureau and
 * auditors see runs, rejects, files and the upstream address (mayInspect).
 */
export function useMountAccess(mount: Pick<Mount, 'departmentId'> | undefined) {
  const { user } = useAuth();
  const roles = user?.roles ?? [];
  const own = !!user && !!mount && user.departmentId === mount.departmentId;
  return {
    mayLoad: own && roles.some((r) => AUTHORS.includes(r)),
    mayInspect: own || roles.includes('admin') || roles.includes('auditor'),
  };
}

export const rejectsHref = (runId: string) => `/api/v1/runs/${runId}/rejects`;

/** Where a listed mount leads: its own page when the list gave its id, else the catalog entry it belongs to. */
export const listedHref = (m: Pick<MountListed, 'id' | 'resourceId'>) => (m.id ? `/gathering/mounts/${m.id}` : `/catalog/${m.resourceId}`);
/** A listed mount's row key: another department's has no id, but an entry has one mount of each kind. */
export const listedKey = (m: Pick<MountListed, 'id' | 'resourceId' | 'kind'>) => m.id ?? `${m.resourceId}:${m.kind}`;
