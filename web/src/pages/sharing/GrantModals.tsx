import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { copyText } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import type { Grant, SubscriptionCreated } from './types';

// The dialogs opened from a grant: revoke it (provider, bureau), lift the suspension a revoked
// unconditional grant holds (provider), subscribe to its resource
// (consumer; the webhook secret is shown once), raise an objection about a record (consumer).

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['sharing'] });
}

/** Lets the consumer of a revoked unconditional grant use the resource again (its next call makes a new grant). */
export function LiftButton({ grant, link }: { grant: Grant; link?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const refresh = useRefresh();
  const lift = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/sharing/grants/{id}/lift', { params: { path: { id: grant.id } } })),
    onSuccess: async (g) => {
      message.success(t('sharing.lift.done', { name: g.resourceName, consumer: g.consumerDepartmentName }));
      await refresh();
    },
    onError: (e) => onError(e),
  });
  return (
    <Popconfirm
      title={t('sharing.lift.title')}
      description={t('sharing.lift.warning', { name: grant.resourceName, consumer: grant.consumerDepartmentName })}
      okText={t('sharing.lift.ok')}
      cancelText={t('action.cancel')}
      onConfirm={() => lift.mutateAsync().catch(() => {})}
    >
      <Button type={link ? 'link' : 'default'} size={link ? 'small' : 'middle'} loading={lift.isPending}>
        {t('sharing.action.lift')}
      </Button>
    </Popconfirm>
  );
}

export function RevokeModal({ grant, onClose }: { grant: Grant | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (grant) form.resetFields();
  }, [grant, form]);
  const revoke = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/sharing/grants/{id}/revoke', { params: { path: { id } }, body: { reason: reason.trim() } })),
    onSuccess: async (g) => {
      message.success(t('sharing.revoke.done', { name: g.resourceName, consumer: g.consumerDepartmentName }));
      onClose();
      await refresh();
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Modal
      open={!!grant}
      title={t('sharing.revoke.title')}
      okText={t('sharing.revoke.ok')}
      okButtonProps={{ danger: true, loading: revoke.isPending }}
      cancelText={t('action.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      forceRender
    >
      {grant && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('sharing.revoke.warning', { name: grant.resourceName, consumer: grant.consumerDepartmentName })}
        />
      )}
      <Form form={form} layout="vertical" onFinish={(v) => grant && revoke.mutate({ id: grant.id, reason: v.reason })}>
        <Form.Item
          name="reason"
          label={t('sharing.revoke.reason')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('sharing.revoke.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The webhook's signing secret, shown this once, with a copy button and how to check a signature. */
export function SecretModal({ created, onClose }: { created: SubscriptionCreated | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new secret starts uncopied
  useEffect(() => setCopied(false), [created]);
  const copy = async () => {
    if (!created?.secret) return;
    if (await copyText(created.secret)) {
      setCopied(true);
      message.success(t('sharing.secret.copied'));
    } else message.warning(t('sharing.secret.copyFailed'));
  };
  return (
    <Modal
      open={!!created?.secret}
      title={t('sharing.secret.title', { name: created?.resourceName ?? '' })}
      onCancel={onClose}
      maskClosable={false}
      keyboard={false}
      width={600}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('sharing.secret.saved')}
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('sharing.secret.once')} />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            value={created?.secret ?? ''}
            aria-label={t('sharing.secret.value')}
            style={{ fontFamily: 'monospace' }}
            onFocus={(e) => e.target.select()}
          />
          <Button type="primary" icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={copy}>
            {copied ? t('sharing.secret.copiedShort') : t('sharing.secret.copy')}
          </Button>
        </Space.Compact>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('sharing.secret.how')} <Typography.Text code>X-Jutong-Signature = sha256=HMAC-SHA256(secret, timestamp + "." + body)</Typography.Text>
        </Typography.Paragraph>
      </Space>
    </Modal>
  );
}

/**
 * 订阅: a notification in the console for each new version or batch of the resource, and a
 * signed POST to the webhook URL when one is given. Without `grant`, the person picks one of
 * the department's active grants.
 */
export function SubscribeModal({ open, grant, onClose }: { open: boolean; grant?: Grant | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ grantId: string; webhookUrl?: string }>();
  const [created, setCreated] = useState<SubscriptionCreated | null>(null);
  const grants = useQuery({
    queryKey: ['sharing', 'grants', { side: 'consumer', state: 'active', pageSize: 200 }],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/grants', { params: { query: { side: 'consumer', state: 'active', pageSize: 200 } } })),
    enabled: open && !grant,
  });
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const subscribe = useMutation({
    mutationFn: (body: { grantId: string; webhookUrl: string | null }) => unwrap(api.POST('/api/v1/sharing/subscriptions', { body })),
    onSuccess: async (s) => {
      message.success(t('sharing.subscribe.done', { name: s.resourceName }));
      onClose();
      await refresh();
      if (s.secret) setCreated(s);
      else navigate('/sharing/subscriptions');
    },
    onError: (e) => onError(e, form),
  });
  return (
    <>
      <Modal
        open={open}
        title={t('sharing.subscribe.title')}
        okText={t('sharing.subscribe.ok')}
        okButtonProps={{ loading: subscribe.isPending }}
        cancelText={t('action.cancel')}
        onCancel={onClose}
        onOk={() => form.submit()}
        forceRender
      >
        <Typography.Paragraph type="secondary">{t('sharing.subscribe.help')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ grantId: grant?.id }}
          onFinish={(v) => subscribe.mutate({ grantId: grant?.id ?? v.grantId, webhookUrl: v.webhookUrl?.trim() || null })}
        >
          {grant ? (
            <Form.Item label={t('sharing.field.resource')}>{grant.resourceName}</Form.Item>
          ) : (
            <Form.Item name="grantId" label={t('sharing.subscribe.grant')} rules={[{ required: true, message: t('sharing.subscribe.grantRequired') }]}>
              <Select
                aria-label={t('sharing.subscribe.grant')}
                loading={grants.isLoading}
                showSearch={{ optionFilterProp: 'label' }}
                notFoundContent={t('sharing.subscribe.noGrant')}
                options={(grants.data?.items ?? []).map((g) => ({ value: g.id, label: `${g.resourceName} · ${g.providerDepartmentName}` }))}
              />
            </Form.Item>
          )}
          <Form.Item
            name="webhookUrl"
            label={t('sharing.field.webhookUrl')}
            extra={t('sharing.subscribe.webhookHelp')}
            rules={[{ type: 'url', message: t('sharing.subscribe.urlInvalid') }, { max: 2000 }]}
          >
            <Input placeholder="https://" inputMode="url" />
          </Form.Item>
        </Form>
      </Modal>
      <SecretModal
        created={created}
        onClose={() => {
          setCreated(null);
          navigate('/sharing/subscriptions');
        }}
      />
    </>
  );
}

type RaiseValues = { by: 'key' | 'ref'; record: string; items: string[]; reason: string };

/** 数据异议: which record (by its key, or the share API's reference when the key is masked), which items are wrong, and why. */
export function RaiseObjectionModal({ grant, onClose }: { grant: Grant | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const refresh = useRefresh();
  const navigate = useNavigate();
  const [form] = Form.useForm<RaiseValues>();
  const by = Form.useWatch('by', form) ?? 'key';
  useEffect(() => {
    if (grant) form.resetFields();
  }, [grant, form]);
  const raise = useMutation({
    mutationFn: (v: RaiseValues) =>
      unwrap(
        api.POST('/api/v1/sharing/objections', {
          body: {
            resourceId: grant?.resourceId as string,
            ...(v.by === 'key' ? { key: v.record.trim() } : { ref: v.record.trim() }),
            items: v.items,
            reason: v.reason.trim(),
          },
        }),
      ),
    onSuccess: async (o) => {
      message.success(t('sharing.objection.raised', { name: o.resourceName }));
      onClose();
      await refresh();
      navigate('/sharing/objections');
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Modal
      open={!!grant}
      title={t('sharing.objection.raiseTitle', { name: grant?.resourceName ?? '' })}
      okText={t('sharing.objection.raise')}
      okButtonProps={{ loading: raise.isPending }}
      cancelText={t('action.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={640}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('sharing.objection.raiseHelp')}</Typography.Paragraph>
      <Form<RaiseValues> form={form} layout="vertical" initialValues={{ by: 'key', items: [] }} onFinish={(v) => raise.mutate(v)}>
        <Form.Item name="by" label={t('sharing.objection.by')}>
          <Radio.Group
            options={[
              { value: 'key', label: t('sharing.objection.byKey') },
              { value: 'ref', label: t('sharing.objection.byRef') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="record"
          label={t(by === 'key' ? 'sharing.objection.key' : 'sharing.objection.ref')}
          extra={t(by === 'key' ? 'sharing.objection.keyHelp' : 'sharing.objection.refHelp')}
          rules={[{ required: true, whitespace: true, message: t('sharing.objection.recordRequired') }]}
        >
          {by === 'key' ? <Input maxLength={200} /> : <Input.TextArea rows={2} maxLength={4096} style={{ fontFamily: 'monospace' }} />}
        </Form.Item>
        <Form.Item name="items" label={t('sharing.objection.items')} rules={[{ type: 'array', min: 1, message: t('sharing.objection.itemsRequired') }]}>
          <Select mode="multiple" aria-label={t('sharing.objection.items')} options={(grant?.items ?? []).map((i) => ({ value: i, label: i }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('sharing.objection.reason')}
          rules={[{ required: true, whitespace: true, min: 5, message: t('sharing.objection.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
