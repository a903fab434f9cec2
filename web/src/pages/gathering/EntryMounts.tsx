import { DeleteOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Col, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Mount, MountCreate, MountKind, MountListed, Resource } from '../../api/types';
import { useApiError, useQueryError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { KindTag, listedHref, listedKey, MOUNT_KINDS, OverdueTag } from './shared';

const CYCLES = ['realtime', 'daily', 'weekly', 'monthly', 'quarterly', 'halfyearly', 'yearly', 'irregular'] as const;
const ITEM_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean', 'binary'] as const;
type Cycle = (typeof CYCLES)[number];

type FormValues = {
  kind: MountKind;
  name?: string;
  updateCycle: Cycle;
  keyItems?: string[];
  /** In percent on the form; the API takes a fraction. */
  rejectThreshold?: number;
  api?: {
    url: string;
    method: 'GET' | 'POST';
    timeoutMs: number;
    params?: { name: string; in: 'query' | 'header' | 'body'; required?: boolean; description?: string }[];
    responseFields?: { name: string; type: (typeof ITEM_TYPES)[number]; description?: string }[];
  };
};

function toBody(v: FormValues): MountCreate {
  const base = { name: v.name?.trim() || undefined, updateCycle: v.updateCycle };
  if (v.kind === 'table')
    return { kind: 'table', ...base, keyItems: v.keyItems?.length ? v.keyItems : undefined, rejectThreshold: (v.rejectThreshold ?? 5) / 100 };
  if (v.kind === 'file') return { kind: 'file', ...base };
  const a = v.api as NonNullable<FormValues['api']>;
  return {
    kind: 'api',
    ...base,
    api: {
      url: a.url.trim(),
      method: a.method,
      timeoutMs: a.timeoutMs,
      params: (a.params ?? []).map((p) => ({ name: p.name, in: p.in, required: !!p.required, description: p.description || undefined })),
      responseFields: (a.responseFields ?? []).map((f) => ({ name: f.name, type: f.type, description: f.description || undefined })),
    },
  };
}

/** 挂载 form: kind, and per kind the key items and quality threshold, or the upstream API. */
function MountModal({ resource, open, hasTable, onClose }: { resource: Resource; open: boolean; hasTable: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form) ?? 'table';
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const onError = useApiError();
  const create = useMutation({
    mutationFn: (v: FormValues) => unwrap(api.POST('/api/v1/catalog/resources/{id}/mounts', { params: { path: { id: resource.id } }, body: toBody(v) })),
    onSuccess: async (m) => {
      message.success(t('gathering.create.done'));
      await qc.invalidateQueries({ queryKey: ['gathering'] });
      onClose();
      navigate(`/gathering/mounts/${(m as Mount).id}${(m as Mount).kind === 'table' ? '?tab=upload' : ''}`);
    },
    onError: (e) => onError(e, form),
  });
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const itemOptions = resource.items.map((i) => ({ value: i.name, label: i.name }));

  return (
    <Modal
      open={open}
      title={t('gathering.create.title', { name: resource.name })}
      onCancel={onClose}
      okText={t('gathering.create.ok')}
      cancelText={t('action.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      width={720}
      destroyOnHidden
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          kind: hasTable ? 'file' : 'table',
          updateCycle: resource.updateCycle,
          keyItems: [],
          rejectThreshold: 5,
          api: { method: 'GET', timeoutMs: 10_000, params: [], responseFields: [] },
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item name="kind" label={t('gathering.field.kind')} rules={[{ required: true }]} extra={hasTable ? t('gathering.create.oneTable') : undefined}>
          <Radio.Group>
            {MOUNT_KINDS.map((k) => (
              <Radio key={k} value={k} disabled={k === 'table' && hasTable}>
                {t(`gathering.kind.${k}`)}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginTop: -12, fontSize: 12 }}>
          {t(`gathering.create.kindHelp.${kind}`)}
        </Typography.Paragraph>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label={t('gathering.create.name')} rules={[{ max: 100 }]}>
              <Input placeholder={`${resource.name}（${t(`gathering.kind.${kind}`)}）`} maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="updateCycle" label={t('gathering.field.updateCycle')} extra={t('gathering.create.cycleHelp')}>
              <Select options={CYCLES.map((c) => ({ value: c, label: t(`enum.updateCycle.${c}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'table' && (
          <Row gutter={16}>
            <Col xs={24} md={14}>
              <Form.Item name="keyItems" label={t('gathering.field.keyItems')} extra={t('gathering.create.keyHelp')} rules={[{ type: 'array', max: 5 }]}>
                <Select mode="multiple" allowClear options={itemOptions} maxCount={5} placeholder={t('gathering.create.keyPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="rejectThreshold" label={t('gathering.field.threshold')} extra={t('gathering.create.thresholdHelp')} rules={[{ required: true }]}>
                <InputNumber min={0} max={100} step={1} precision={1} suffix="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        {kind === 'api' && (
          <>
            <Row gutter={16}>
              <Col xs={24} md={14}>
                <Form.Item
                  name={['api', 'url']}
                  label={t('gathering.api.url')}
                  rules={[
                    { required: true, message: t('gathering.create.urlRequired') },
                    { type: 'url', message: t('gathering.create.urlInvalid') },
                  ]}
                >
                  <Input placeholder="https://" inputMode="url" />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name={['api', 'method']} label={t('gathering.api.method')}>
                  <Select options={['GET', 'POST'].map((m) => ({ value: m, label: m }))} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={['api', 'timeoutMs']} label={t('gathering.api.timeout')}>
                  <InputNumber min={100} max={60_000} step={1000} suffix="ms" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Divider titlePlacement="start" plain>
              {t('gathering.api.params')}
            </Divider>
            <Form.List name={['api', 'params']}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Row key={f.key} gutter={8} align="top">
                      <Col xs={24} sm={7}>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('gathering.create.paramName') }]}>
                          <Input placeholder={t('gathering.api.paramName')} aria-label={t('gathering.api.paramName')} />
                        </Form.Item>
                      </Col>
                      <Col xs={10} sm={5}>
                        <Form.Item name={[f.name, 'in']} initialValue="query">
                          <Select
                            aria-label={t('gathering.api.paramIn')}
                            options={['query', 'header', 'body'].map((x) => ({ value: x, label: t(`gathering.api.in.${x}`) }))}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={10} sm={4}>
                        <Form.Item name={[f.name, 'required']} valuePropName="checked">
                          <Checkbox>{t('gathering.api.required')}</Checkbox>
                        </Form.Item>
                      </Col>
                      <Col xs={20} sm={6}>
                        <Form.Item name={[f.name, 'description']}>
                          <Input placeholder={t('gathering.api.description')} aria-label={t('gathering.api.description')} maxLength={200} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} sm={2}>
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} onClick={() => remove(f.name)} />
                      </Col>
                    </Row>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ in: 'query', required: false })} block>
                    {t('gathering.create.addParam')}
                  </Button>
                </>
              )}
            </Form.List>
            <Divider titlePlacement="start" plain>
              {t('gathering.api.fields')}
            </Divider>
            <Form.List name={['api', 'responseFields']}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Row key={f.key} gutter={8} align="top">
                      <Col xs={24} sm={8}>
                        <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('gathering.create.fieldName') }]}>
                          <Input placeholder={t('gathering.api.fieldName')} aria-label={t('gathering.api.fieldName')} />
                        </Form.Item>
                      </Col>
                      <Col xs={10} sm={6}>
                        <Form.Item name={[f.name, 'type']} initialValue="string">
                          <Select aria-label={t('gathering.api.fieldType')} options={ITEM_TYPES.map((x) => ({ value: x, label: t(`enum.itemType.${x}`) }))} />
                        </Form.Item>
                      </Col>
                      <Col xs={10} sm={8}>
                        <Form.Item name={[f.name, 'description']}>
                          <Input placeholder={t('gathering.api.description')} aria-label={t('gathering.api.description')} maxLength={200} />
                        </Form.Item>
                      </Col>
                      <Col xs={4} sm={2}>
                        <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} onClick={() => remove(f.name)} />
                      </Col>
                    </Row>
                  ))}
                  <Space wrap>
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'string' })}>
                      {t('gathering.create.addField')}
                    </Button>
                    {resource.items.length > 0 && (
                      <Button
                        type="link"
                        onClick={() =>
                          form.setFieldValue(
                            ['api', 'responseFields'],
                            resource.items.map((i) => ({ name: i.name, type: i.type, description: i.description ?? undefined })),
                          )
                        }
                      >
                        {t('gathering.create.fieldsFromItems')}
                      </Button>
                    )}
                  </Space>
                </>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Modal>
  );
}

/**
 * 挂载资源 on the catalog entry's page: what is mounted under it and, for the provider of a
 * published entry, the button to mount a table, a file or an API.
 */
export function EntryMounts({ resource, provider }: { resource: Resource; provider: boolean }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const published = resource.publishedVersion !== null;
  const mounts = useQuery({
    queryKey: ['gathering', 'mounts', { resourceId: resource.id }],
    queryFn: () => unwrap(api.GET('/api/v1/mounts', { params: { query: { resourceId: resource.id, pageSize: 50 } } })),
    enabled: published,
  });
  useQueryError(mounts.error);
  if (!published) return null;
  const items = mounts.data?.items ?? [];
  const hasTable = items.some((m) => m.kind === 'table');

  return (
    <Card
      title={t('gathering.entry.title')}
      size="small"
      extra={
        provider && (
          <Button type="primary" size="small" icon={<LinkOutlined aria-hidden />} onClick={() => setOpen(true)}>
            {t('gathering.entry.mount')}
          </Button>
        )
      }
    >
      {resource.status !== 'published' && provider && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('gathering.entry.publishedOnly', { version: resource.publishedVersion ?? '' })} />
      )}
      <Table<MountListed>
        size="small"
        rowKey={listedKey}
        aria-label={t('gathering.entry.title')}
        loading={mounts.isLoading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: provider ? t('gathering.entry.emptyProvider') : t('gathering.entry.empty') }}
        columns={[
          { title: t('gathering.field.kind'), dataIndex: 'kind', render: (k: MountKind) => <KindTag kind={k} /> },
          { title: t('gathering.create.name'), dataIndex: 'name', render: (n: string, m) => <Link to={listedHref(m)}>{n}</Link> },
          { title: t('gathering.field.version'), dataIndex: 'currentVersion', render: (v: number) => (v ? t('gathering.versionN', { version: v }) : '—') },
          { title: t('gathering.field.rows'), dataIndex: 'rowCount', align: 'right', render: (n: number | null) => n ?? '—' },
          {
            title: t('gathering.field.lastSuccess'),
            dataIndex: 'lastSuccessAt',
            render: (v: string | null, m) => (
              <Space size={4} wrap>
                {formatTime(v) || t('gathering.never')}
                <OverdueTag mount={m} />
              </Space>
            ),
          },
        ]}
      />
      {provider && <MountModal resource={resource} open={open} hasTable={hasTable} onClose={() => setOpen(false)} />}
    </Card>
  );
}
