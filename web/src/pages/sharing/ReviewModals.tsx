import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Checkbox, Col, Descriptions, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../api/client';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n/i18n';
import { type FilterJoin, type FilterRow, toReviewBody } from './forms';
import { FilterBuilder, FilterText, ItemTags, markIssues } from './shared';
import type { ShareRequest } from './types';

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['sharing'] });
}

/** The bureau's 符合性审查: pass to the provider, or return with a reason. */
export function CheckModal({ request, decision, onClose }: { request: ShareRequest | null; decision: 'pass' | 'return'; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ reason?: string }>();
  useEffect(() => {
    if (request) form.resetFields();
  }, [request, form]);
  const check = useMutation({
    mutationFn: ({ id, reason }: { id: string; reason?: string }) =>
      unwrap(api.POST('/api/v1/sharing/requests/{id}/check', { params: { path: { id } }, body: { decision, reason: reason?.trim() || undefined } })),
    onSuccess: async (r) => {
      message.success(t(decision === 'pass' ? 'sharing.check.passed' : 'sharing.check.returned', { name: r.resourceName }));
      onClose();
      await refresh();
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Modal
      open={!!request}
      title={t(decision === 'pass' ? 'sharing.check.passTitle' : 'sharing.check.returnTitle')}
      okText={t(decision === 'pass' ? 'sharing.check.pass' : 'sharing.check.return')}
      okButtonProps={{ danger: decision === 'return', loading: check.isPending }}
      cancelText={t('action.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      forceRender
    >
      {request && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'r', label: t('sharing.field.resource'), children: request.resourceName },
            { key: 'c', label: t('sharing.field.consumer'), children: request.consumerDepartmentName },
            { key: 'p', label: t('sharing.field.purpose'), children: request.purpose },
            { key: 'b', label: t('sharing.field.legalBasis'), children: request.legalBasis },
            { key: 'i', label: t('sharing.field.items'), children: <ItemTags items={request.items} /> },
          ]}
        />
      )}
      <Typography.Paragraph type="secondary">{t('sharing.check.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => request && check.mutate({ id: request.id, reason: v.reason })}>
        <Form.Item
          name="reason"
          label={t(decision === 'pass' ? 'sharing.check.note' : 'sharing.field.returnReason')}
          rules={decision === 'return' ? [{ required: true, whitespace: true, min: 2, message: t('sharing.check.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ReviewValues = {
  decision: 'approve' | 'reject';
  items: string[];
  unmasked: string[];
  callsPerDay: number;
  callsPerMinute: number;
  reason?: string;
  join: FilterJoin;
  rows: FilterRow[];
};

/**
 * The provider's 审核: approve with fewer items, a narrower filter (added to the requested
 * one), items delivered unmasked and quotas; or refuse with a reason.
 */
export function ReviewModal({ request, onClose }: { request: ShareRequest | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const refresh = useRefresh();
  const [form] = Form.useForm<ReviewValues>();
  const decision = Form.useWatch('decision', form) ?? 'approve';
  const approved = (Form.useWatch('items', form) as string[] | undefined) ?? [];
  const entry = useQuery({
    queryKey: ['sharing', 'entry', request?.resourceId],
    enabled: !!request,
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources/{id}', { params: { path: { id: request?.resourceId as string } } })),
  });
  useEffect(() => {
    if (request) form.resetFields();
  }, [request, form]);
  const review = useMutation({
    mutationFn: ({ id, body }: { id: string; body: NonNullable<ReturnType<typeof toReviewBody>['body']> }) =>
      unwrap(api.POST('/api/v1/sharing/requests/{id}/review', { params: { path: { id } }, body })),
    onSuccess: async (r) => {
      message.success(t(r.status === 'approved' ? 'sharing.review.approved' : 'sharing.review.rejected', { name: r.resourceName }));
      onClose();
      await refresh();
    },
    onError: (e) => onError(e, form),
  });
  const submit = (v: ReviewValues) => {
    if (!request) return;
    const { body, issues } = toReviewBody(v, request, entry.data?.items ?? []);
    if (body) review.mutate({ id: request.id, body });
    else markIssues(form, issues, t);
  };
  // An item no longer approved cannot stay unmasked.
  useEffect(() => {
    const unmasked = (form.getFieldValue('unmasked') as string[] | undefined) ?? [];
    const kept = unmasked.filter((i) => approved.includes(i));
    if (kept.length !== unmasked.length) form.setFieldValue('unmasked', kept);
  }, [approved, form]);

  return (
    <Modal
      open={!!request}
      title={request ? t('sharing.review.title', { name: request.resourceName }) : ''}
      okText={t(decision === 'approve' ? 'sharing.review.approve' : 'sharing.review.reject')}
      okButtonProps={{ danger: decision === 'reject', loading: review.isPending }}
      cancelText={t('action.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={760}
      forceRender
    >
      {request && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'c',
              label: t('sharing.field.consumer'),
              children: `${request.consumerDepartmentName}${request.requester ? ` · ${request.requester}` : ''}`,
            },
            { key: 'p', label: t('sharing.field.purpose'), children: request.purpose },
            { key: 'b', label: t('sharing.field.legalBasis'), children: request.legalBasis },
            { key: 'f', label: t('sharing.field.rowFilter'), children: <FilterText filter={request.rowFilter} /> },
            { key: 'd', label: t('sharing.field.period'), children: t('sharing.period', { from: request.useFrom, to: request.useTo }) },
          ]}
        />
      )}
      <Form<ReviewValues>
        form={form}
        layout="vertical"
        initialValues={{ decision: 'approve', items: request?.items ?? [], unmasked: [], callsPerDay: 10_000, callsPerMinute: 600, join: 'and', rows: [] }}
        onFinish={submit}
      >
        <Form.Item name="decision" label={t('sharing.review.decision')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'approve', label: t('sharing.review.decision.approve') },
              { value: 'reject', label: t('sharing.review.decision.reject') },
            ]}
          />
        </Form.Item>
        {decision === 'approve' && (
          <>
            <Form.Item
              name="items"
              label={t('sharing.review.items')}
              extra={t('sharing.review.itemsHelp')}
              rules={[{ type: 'array', min: 1, message: t('sharing.review.itemsRequired') }]}
            >
              <Checkbox.Group options={(request?.items ?? []).map((i) => ({ value: i, label: i }))} />
            </Form.Item>
            <Form.Item name="unmasked" label={t('sharing.review.unmasked')} extra={t('sharing.review.unmaskedHelp')}>
              <Select mode="multiple" allowClear aria-label={t('sharing.review.unmasked')} options={approved.map((i) => ({ value: i, label: i }))} />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="callsPerDay" label={t('sharing.field.callsPerDay')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={10_000_000} step={1000} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <Form.Item name="callsPerMinute" label={t('sharing.field.callsPerMinute')} rules={[{ required: true }]}>
                  <InputNumber min={1} max={100_000} step={10} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Divider titlePlacement="start" plain>
              {t('sharing.review.filter')}
            </Divider>
            {entry.data ? (
              <FilterBuilder items={entry.data.items} hint={t('sharing.review.filterHelp')} />
            ) : (
              entry.error && <Alert type="warning" showIcon title={t('sharing.review.noEntry')} />
            )}
            <Divider />
          </>
        )}
        <Form.Item
          name="reason"
          label={t(decision === 'approve' ? 'sharing.review.note' : 'sharing.field.rejectReason')}
          rules={decision === 'reject' ? [{ required: true, whitespace: true, min: 2, message: t('sharing.review.reasonRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
