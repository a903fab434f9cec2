import { EditOutlined, LockOutlined, PlusOutlined, UnlockOutlined, UserAddOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Grid, Input, Popconfirm, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { useAuth } from '../../auth/auth';
import { AdminDepartmentModal } from '../../components/AdminDepartmentModal';
import { AdminDepartmentTree, ALL_DEPARTMENTS, type Department } from '../../components/AdminDepartmentTree';
import { formatTime } from '../../components/AdminFormat';
import { AdminUserModal, type ManagedUser } from '../../components/AdminUserModal';
import { useT } from '../../i18n/i18n';

const ROLE_COLORS: Record<string, string> = { admin: 'geekblue', dept_admin: 'cyan', dept_user: 'default', auditor: 'purple' };

/** 正常 / 已锁定 (failed logins, until a time) / 已停用 (by an administrator). */
function UserStatus({ user }: { user: Pick<ManagedUser, 'disabled' | 'lockedUntil'> }) {
  const t = useT();
  if (user.disabled) return <Tag color="red">{t('admin.status.disabled')}</Tag>;
  if (user.lockedUntil)
    return (
      <Space size={4} wrap>
        <Tag color="orange">{t('admin.status.locked')}</Tag>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('admin.status.lockedUntil', { time: formatTime(user.lockedUntil) })}
        </Typography.Text>
      </Space>
    );
  return <Tag color="green">{t('admin.status.active')}</Tag>;
}

export default function AdminPage() {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const { user: me } = useAuth();
  const screens = Grid.useBreakpoint();
  const isBureau = !!me?.roles.includes('admin');

  const [selected, setSelected] = useState<string>(isBureau ? ALL_DEPARTMENTS : (me?.departmentId ?? ALL_DEPARTMENTS));
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [userModal, setUserModal] = useState<{ open: boolean; user: ManagedUser | null }>({ open: false, user: null });
  const [deptModal, setDeptModal] = useState<{ open: boolean; department: Department | null }>({ open: false, department: null });

  const departments = useQuery({ queryKey: ['departments'], queryFn: () => unwrap(api.GET('/api/v1/departments')), staleTime: 60_000 });
  // A department admin sees and manages their own department only.
  const visibleDepts = useMemo(
    () => (isBureau ? (departments.data ?? []) : (departments.data ?? []).filter((d) => d.id === me?.departmentId)),
    [departments.data, isBureau, me],
  );
  const selectedDept = visibleDepts.find((d) => d.id === selected) ?? null;
  const parentName = selectedDept?.parentId ? departments.data?.find((d) => d.id === selectedDept.parentId)?.name : undefined;

  const departmentId = selected === ALL_DEPARTMENTS ? undefined : selected;
  const users = useQuery({
    queryKey: ['users', { departmentId, q, page, pageSize }],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { departmentId, q: q || undefined, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });

  const lock = useMutation({
    mutationFn: ({ user, locked }: { user: ManagedUser; locked: boolean }) =>
      unwrap(api.POST(locked ? '/api/v1/users/{id}/lock' : '/api/v1/users/{id}/unlock', { params: { path: { id: user.id } } })),
    onSuccess: async (u, { locked }) => {
      message.success(t(locked ? 'admin.user.lockedDone' : 'admin.user.unlockedDone', { name: u.displayName }));
      await qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: (err) => onError(err),
  });

  const selectDept = (id: string) => {
    setSelected(id);
    setPage(1);
  };

  const columns: ColumnsType<ManagedUser> = [
    {
      title: t('admin.user.nameAndUsername'),
      key: 'user',
      width: 160,
      render: (_, u) => (
        <Space orientation="vertical" size={0}>
          <span>{u.displayName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </Space>
      ),
    },
    ...(departmentId
      ? []
      : [
          {
            title: t('admin.user.department'),
            dataIndex: 'departmentName',
            width: 140,
            ellipsis: true,
            responsive: ['sm'],
          } satisfies ColumnsType<ManagedUser>[number],
        ]),
    {
      title: t('admin.user.roles'),
      dataIndex: 'roles',
      width: 145,
      render: (roles: ManagedUser['roles']) => (
        <Space size={[0, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r} color={ROLE_COLORS[r]}>
              {t(`role.${r}`)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('admin.user.status'), key: 'status', width: 95, render: (_, u) => <UserStatus user={u} /> },
    {
      title: t('admin.user.lastLogin'),
      dataIndex: 'lastLoginAt',
      width: 130,
      responsive: ['md'],
      render: (v: string | null) =>
        v ? <span style={{ whiteSpace: 'nowrap' }}>{formatTime(v)}</span> : <Typography.Text type="secondary">{t('admin.user.neverLoggedIn')}</Typography.Text>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: screens.md ? 'right' : undefined,
      render: (_, u) => {
        const self = u.id === me?.id;
        return (
          <Space size={0}>
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setUserModal({ open: true, user: u })}>
              {t('action.edit')}
            </Button>
            {u.locked ? (
              <Button
                type="link"
                size="small"
                icon={<UnlockOutlined />}
                loading={lock.isPending && lock.variables?.user.id === u.id}
                onClick={() => lock.mutate({ user: u, locked: false })}
              >
                {t('admin.user.unlock')}
              </Button>
            ) : self ? (
              <Tooltip title={t('admin.user.cannotLockSelf')}>
                <Button type="link" size="small" danger icon={<LockOutlined />} disabled>
                  {t('admin.user.lock')}
                </Button>
              </Tooltip>
            ) : (
              <Popconfirm
                title={t('admin.user.lockConfirmTitle', { name: u.displayName })}
                description={<div style={{ maxWidth: 280 }}>{t('admin.user.lockConfirm')}</div>}
                okText={t('admin.user.lockOk')}
                okButtonProps={{ danger: true }}
                cancelText={t('action.cancel')}
                onConfirm={() => lock.mutateAsync({ user: u, locked: true }).catch(() => {})}
              >
                <Button type="link" size="small" danger icon={<LockOutlined />} loading={lock.isPending && lock.variables?.user.id === u.id}>
                  {t('admin.user.lock')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  const usersTitle = selectedDept ? t('admin.user.titleOf', { dept: selectedDept.shortName || selectedDept.name }) : t('admin.user.titleAll');

  return (
    <Row gutter={[16, 16]}>
      {isBureau && (
        <Col xs={24} lg={8} xl={6}>
          <Card
            title={t('admin.dept.title')}
            size="small"
            loading={departments.isLoading}
            extra={
              <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setDeptModal({ open: true, department: null })}>
                {t('admin.dept.create')}
              </Button>
            }
          >
            <AdminDepartmentTree departments={visibleDepts} selectedId={selected} onSelect={selectDept} showAll height={screens.lg ? 560 : 280} />
          </Card>
        </Col>
      )}
      <Col xs={24} lg={isBureau ? 16 : 24} xl={isBureau ? 18 : 24}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {selectedDept && (
            <Card
              size="small"
              title={
                <Space size={8}>
                  <span>{selectedDept.name}</span>
                  {selectedDept.isBureau && <Tag color="blue">{t('admin.dept.bureauTag')}</Tag>}
                </Space>
              }
              extra={
                isBureau && (
                  <Button size="small" icon={<EditOutlined />} onClick={() => setDeptModal({ open: true, department: selectedDept })}>
                    {t('admin.dept.edit')}
                  </Button>
                )
              }
            >
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label={t('admin.dept.shortName')}>{selectedDept.shortName}</Descriptions.Item>
                <Descriptions.Item label={t('admin.dept.code')}>{selectedDept.code}</Descriptions.Item>
                <Descriptions.Item label={t('admin.dept.creditCode')}>
                  <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                    {selectedDept.creditCode}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('admin.dept.parent')}>{parentName ?? t('common.none')}</Descriptions.Item>
              </Descriptions>
            </Card>
          )}
          <Card
            size="small"
            title={usersTitle}
            extra={
              <Button type="primary" size="small" icon={<UserAddOutlined />} onClick={() => setUserModal({ open: true, user: null })}>
                {t('admin.user.create')}
              </Button>
            }
          >
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <Input.Search
                allowClear
                aria-label={t('admin.user.search')}
                placeholder={t('admin.user.searchPlaceholder')}
                enterButton={t('action.search')}
                style={{ maxWidth: 420 }}
                onSearch={(v) => {
                  setQ(v.trim());
                  setPage(1);
                }}
              />
              <Table<ManagedUser>
                rowKey="id"
                size="small"
                columns={columns}
                dataSource={users.data?.items ?? []}
                loading={users.isFetching}
                tableLayout="fixed"
                scroll={{ x: 800 }}
                locale={{ emptyText: users.isError ? t('admin.user.loadFailed') : t('common.empty') }}
                pagination={{
                  current: page,
                  pageSize,
                  total: users.data?.total ?? 0,
                  showSizeChanger: true,
                  showTotal: (total) => t('common.total', { total }),
                  onChange: (p, s) => {
                    setPage(s !== pageSize ? 1 : p);
                    setPageSize(s);
                  },
                }}
              />
            </Space>
          </Card>
        </Space>
      </Col>
      <AdminUserModal
        open={userModal.open}
        user={userModal.user}
        departments={departments.data ?? []}
        defaultDepartmentId={departmentId}
        onClose={() => setUserModal({ open: false, user: null })}
      />
      {isBureau && (
        <AdminDepartmentModal
          open={deptModal.open}
          department={deptModal.department}
          departments={departments.data ?? []}
          onClose={() => setDeptModal({ open: false, department: null })}
          onSaved={(d) => selectDept(d.id)}
        />
      )}
    </Row>
  );
}
