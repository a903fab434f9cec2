import { KeyOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { ApiKey } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { ProfileKeyCreated } from '../../components/ProfileKeyCreated';
import { useT } from '../../i18n/i18n';

// The server refuses a key's end more than two years ahead; the picker offers no later day.
const KEY_MAX_DAYS = 730;
const ROLE_COLORS: Record<string, string> = { admin: 'geekblue', dept_admin: 'cyan', dept_user: 'default', auditor: 'purple' };

export default function ProfilePage() {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ name: string; expiresAt?: Dayjs | null }>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);

  const me = useQuery({ queryKey: ['profile', 'me'], queryFn: () => unwrap(api.GET('/api/v1/auth/me')) });
  const keys = useQuery({ queryKey: ['profile', 'apiKeys'], queryFn: () => unwrap(api.GET('/api/v1/auth/api-keys')) });

  const create = useMutation({
    mutationFn: (v: { name: string; expiresAt?: Dayjs | null }) =>
      unwrap(api.POST('/api/v1/auth/api-keys', { body: { name: v.name.trim(), expiresAt: v.expiresAt?.endOf('day').toISOString() } })),
    onSuccess: async (k) => {
      setCreating(false);
      setCreated({ name: k.name, key: k.key });
      await qc.invalidateQueries({ queryKey: ['profile', 'apiKeys'] });
    },
    onError: (err) => onError(err, form),
  });

  const revoke = useMutation({
    mutationFn: (k: ApiKey) => unwrap(api.DELETE('/api/v1/auth/api-keys/{id}', { params: { path: { id: k.id } } })),
    onSuccess: async (_, k) => {
      message.success(t('profile.key.revoked', { name: k.name }));
      await qc.invalidateQueries({ queryKey: ['profile', 'apiKeys'] });
    },
    onError: (err) => onError(err),
  });

  const u = me.data;
  const columns: ColumnsType<ApiKey> = [
    { title: t('profile.key.name'), dataIndex: 'name', width: 180 },
    {
      title: t('profile.key.prefix'),
      dataIndex: 'prefix',
      width: 150,
      render: (p: string) => <Typography.Text code>{`${p}…`}</Typography.Text>,
    },
    { title: t('profile.key.createdAt'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatTime(v) },
    {
      title: t('profile.key.expiresAt'),
      dataIndex: 'expiresAt',
      width: 150,
      render: (v: string | null) => (v ? formatTime(v) : <Typography.Text type="secondary">{t('profile.key.noExpiry')}</Typography.Text>),
    },
    {
      title: t('profile.key.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      width: 150,
      render: (v: string | null) => (v ? formatTime(v) : <Typography.Text type="secondary">{t('profile.key.neverUsed')}</Typography.Text>),
    },
    {
      title: t('profile.key.status'),
      key: 'status',
      width: 200,
      render: (_, k) =>
        k.revokedAt ? (
          <Space size={4} wrap>
            <Tag>{t('profile.key.statusRevoked')}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatTime(k.revokedAt)}
            </Typography.Text>
          </Space>
        ) : k.expiresAt && dayjs(k.expiresAt).isBefore(dayjs()) ? (
          <Tag>{t('profile.key.statusExpired')}</Tag>
        ) : (
          <Tag color="green">{t('profile.key.statusActive')}</Tag>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, k) =>
        k.revokedAt ? null : (
          <Popconfirm
            title={t('profile.key.revokeConfirmTitle', { name: k.name })}
            description={t('profile.key.revokeConfirm')}
            okText={t('profile.key.revoke')}
            okButtonProps={{ danger: true }}
            cancelText={t('action.cancel')}
            onConfirm={() => revoke.mutateAsync(k).catch(() => {})}
          >
            <Button type="link" size="small" danger icon={<StopOutlined />} loading={revoke.isPending && revoke.variables?.id === k.id}>
              {t('profile.key.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title={t('profile.info.title')} loading={me.isLoading}>
        {u && (
          <Descriptions column={{ xs: 1, md: 2 }} size="middle">
            <Descriptions.Item label={t('profile.info.username')}>{u.username}</Descriptions.Item>
            <Descriptions.Item label={t('profile.info.displayName')}>{u.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('profile.info.department')}>{u.departmentName}</Descriptions.Item>
            <Descriptions.Item label={t('profile.info.roles')}>
              <Space size={[0, 4]} wrap>
                {u.roles.map((r) => (
                  <Tag key={r} color={ROLE_COLORS[r]}>
                    {t(`role.${r}`)}
                  </Tag>
                ))}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('profile.info.lastLogin')}>{u.lastLoginAt ? formatTime(u.lastLoginAt) : t('profile.info.never')}</Descriptions.Item>
            <Descriptions.Item label={t('profile.info.createdAt')}>{formatTime(u.createdAt)}</Descriptions.Item>
          </Descriptions>
        )}
        {me.isError && <Typography.Text type="danger">{(me.error as Error).message}</Typography.Text>}
      </Card>
      <Card
        title={
          <Space>
            <KeyOutlined />
            {t('profile.key.title')}
          </Space>
        }
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              setCreating(true);
            }}
          >
            {t('profile.key.create')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('profile.key.intro')}</Typography.Paragraph>
        <Table<ApiKey>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={keys.data ?? []}
          loading={keys.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={false}
          locale={{ emptyText: keys.isError ? (keys.error as Error).message : t('profile.key.empty') }}
          onRow={(k) => (k.revokedAt ? { style: { color: 'rgba(0,0,0,0.45)' } } : {})}
        />
      </Card>
      <Modal
        open={creating}
        title={t('profile.key.createTitle')}
        okText={t('profile.key.createOk')}
        cancelText={t('action.cancel')}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        confirmLoading={create.isPending}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} autoComplete="off">
          <Form.Item
            label={t('profile.key.name')}
            name="name"
            extra={t('profile.key.nameHelp')}
            rules={[
              { required: true, whitespace: true, message: t('profile.key.nameRequired') },
              { max: 50, message: t('profile.key.nameTooLong') },
            ]}
          >
            <Input maxLength={50} placeholder={t('profile.key.namePlaceholder')} />
          </Form.Item>
          <Form.Item label={t('profile.key.expiresAt')} name="expiresAt" extra={t('profile.key.expiresHelp')}>
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isBefore(dayjs(), 'day') || d.isAfter(dayjs().add(KEY_MAX_DAYS, 'day'), 'day')}
              placeholder={t('profile.key.noExpiry')}
            />
          </Form.Item>
        </Form>
      </Modal>
      <ProfileKeyCreated created={created} onClose={() => setCreated(null)} />
    </Space>
  );
}
