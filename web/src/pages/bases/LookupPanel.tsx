import { AuditOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, Form, Input, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { ApiError } from '../../api/errors';
import type { BaseName, BaseRecord, BaseRecordField, BaseSource } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { MaskedTag, mono, NeedsGrant, refusalOf, useFieldLabel } from './shared';

const KEY_FIELD: Record<BaseName, string> = { population: 'id_number', legal_entity: 'credit_code', license: 'license_no' };

/**
 * 按主键查询: one golden record, field by field with its source. A lookup is a mutation, not a
 * cached query: every one is audited, so nothing here refetches on its own.
 */
export function LookupPanel({ base, resourceId }: { base: BaseName; resourceId?: string | null }) {
  const t = useT();
  const onError = useApiError();
  const label = useFieldLabel(base);
  const [form] = Form.useForm<{ key: string }>();
  const [missing, setMissing] = useState(false);
  const [denied, setDenied] = useState<string | null>(null);
  const keyLabel = label(KEY_FIELD[base]);

  const lookup = useMutation({
    mutationFn: (key: string) => unwrap(api.GET('/api/v1/bases/{base}/records/{key}', { params: { path: { base, key } } })),
    onMutate: () => {
      setMissing(false);
      setDenied(null);
    },
    onError: (e) => {
      // A key that fails its check: the server's reason under the input. No record: said in place.
      if (e instanceof ApiError && e.status === 400) form.setFields([{ name: 'key', errors: [e.message] }]);
      else if (e instanceof ApiError && e.status === 404) setMissing(true);
      else if (refusalOf(e)) setDenied(refusalOf(e));
      else onError(e);
    },
  });
  const record = lookup.data;

  return (
    <Card title={t('bases.lookup.title')} styles={{ body: { padding: 16 } }}>
      <Flex vertical gap={12}>
        <Alert type="info" showIcon icon={<AuditOutlined aria-hidden />} title={t('bases.lookup.audit')} />
        <Form form={form} layout="inline" onFinish={({ key }) => lookup.mutate(key.trim())} onValuesChange={() => setMissing(false)} style={{ rowGap: 8 }}>
          <Form.Item
            name="key"
            label={keyLabel}
            rules={[{ required: true, whitespace: true, message: t('bases.lookup.required', { field: keyLabel }) }]}
            style={{ minWidth: 280, flex: '1 1 360px', maxWidth: 560 }}
          >
            <Input allowClear maxLength={100} placeholder={t(`bases.lookup.placeholder.${base}`)} style={mono} autoComplete="off" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined aria-hidden />} loading={lookup.isPending}>
              {t('bases.lookup.submit')}
            </Button>
          </Form.Item>
        </Form>
        {denied && <NeedsGrant message={denied} resourceId={resourceId} />}
        {missing && <Empty description={t('bases.lookup.notFound', { base: t(`bases.name.${base}`) })} />}
        {record && <RecordTable base={base} record={record} />}
      </Flex>
    </Card>
  );
}

function RecordTable({ base, record }: { base: BaseName; record: BaseRecord }) {
  const t = useT();
  const label = useFieldLabel(base);
  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Text strong>
          {t('bases.record.title')} <span style={mono}>{record.key}</span>
        </Typography.Text>
        <Typography.Text type="secondary">{t('bases.record.updatedAt', { time: formatTime(record.updatedAt) })}</Typography.Text>
      </Flex>
      <Table<BaseRecordField>
        size="small"
        bordered
        rowKey="field"
        aria-label={t('bases.record.table')}
        dataSource={record.fields}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('bases.record.field'), dataIndex: 'field', width: 180, render: (name: string, f) => label(name, f.label) },
          {
            title: t('bases.record.value'),
            dataIndex: 'value',
            render: (v: string | null, f) => (
              <span>
                {v === null ? <Typography.Text type="secondary">—</Typography.Text> : <span style={f.masked ? mono : undefined}>{v}</span>}
                {f.masked && v !== null && (
                  <Tooltip title={t('bases.maskedHelp')}>
                    <span>
                      <MaskedTag />
                    </span>
                  </Tooltip>
                )}
              </span>
            ),
          },
          { title: t('bases.record.source'), dataIndex: 'source', render: (s: BaseSource | null) => <SourceCell source={s} /> },
        ]}
      />
    </Flex>
  );
}

function SourceCell({ source: s }: { source: BaseSource | null }) {
  const t = useT();
  if (!s) return <Typography.Text type="secondary">{t('bases.record.noSource')}</Typography.Text>;
  return (
    <div style={{ minWidth: 220 }}>
      <div>
        <Typography.Text strong>{s.departmentName}</Typography.Text>
        {' · '}
        <Link to={`/catalog/${s.resourceId}`}>{s.resourceName}</Link>
      </div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <span style={mono}>{s.resourceCode}</span>
        {' · '}
        {t('bases.source.run', { run: s.run })}
        {' · '}
        {formatTime(s.at)}
      </Typography.Text>
    </div>
  );
}
