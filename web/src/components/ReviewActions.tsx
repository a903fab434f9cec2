import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../api/client';
import { useApiError } from '../app/useApiError';
import { useT } from '../i18n/i18n';

type Target = { id: string; name: string };

/** Approve a submitted entry (publishes it); every catalog query is refreshed after. */
export function useApprove(onDone?: () => void) {
  const t = useT();
  const qc = useQueryClient();
  const onError = useApiError();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/catalog/resources/{id}/review', { params: { path: { id } }, body: { decision: 'approve' } })),
    onSuccess: async (r) => {
      message.success(t('review.approve.done', { name: r.name }));
      await qc.invalidateQueries({ queryKey: ['catalog'] });
      onDone?.();
    },
    onError: (err) => onError(err),
  });
}

/** The 退回 dialog: a reason is required; the provider sees it on the entry. */
export function ReviewReturnModal({ target, onClose, onDone }: { target: Target | null; onClose: () => void; onDone?: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const onError = useApiError();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  useEffect(() => {
    if (target) form.resetFields();
  }, [target, form]);
  const ret = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      unwrap(api.POST('/api/v1/catalog/resources/{id}/review', { params: { path: { id } }, body: { decision: 'return', reason } })),
    onSuccess: async (r) => {
      message.success(t('review.return.done', { name: r.name }));
      onClose();
      await qc.invalidateQueries({ queryKey: ['catalog'] });
      onDone?.();
    },
    onError: (err) => onError(err, form),
  });
  return (
    <Modal
      open={!!target}
      title={t('review.return.title')}
      okText={t('review.return.ok')}
      okButtonProps={{ danger: true, loading: ret.isPending }}
      cancelText={t('action.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      forceRender
    >
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('review.return.entry')}</Typography.Text>
        <Typography.Text strong>{target?.name}</Typography.Text>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => target && ret.mutate({ id: target.id, reason: v.reason.trim() })}>
        <Form.Item
          label={t('review.return.reason')}
          name="reason"
          rules={[{ required: true, whitespace: true, message: t('review.return.required') }, { max: 1000 }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('review.return.placeholder')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
