import { SendOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, Row, Space, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import type { ApiCallResult, Mount, MountApi } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n/i18n';
import { mono, useMountAccess } from './shared';
import { formatBytes } from './upload-view';

type Param = MountApi['params'][number];
type Field = MountApi['responseFields'][number];

function show(body: unknown): string {
  if (typeof body === 'string') return body;
  try {
    return JSON.stringify(body, null, 2);
  } catch {
    return String(body);
  }
}

function CallResult({ out }: { out: ApiCallResult }) {
  const t = useT();
  const ok = out.status >= 200 && out.status < 300;
  return (
    <Flex vertical gap={8} role="region" aria-label={t('gathering.api.response')}>
      <Space wrap>
        <Tag color={ok ? 'success' : 'error'}>HTTP {out.status}</Tag>
        <Typography.Text type="secondary">{t('gathering.api.took', { ms: Math.round(out.ms), size: formatBytes(out.bytes) })}</Typography.Text>
      </Space>
      <pre
        style={{
          ...mono,
          fontSize: 12,
          background: '#f6f8fa',
          border: '1px solid #f0f0f0',
          borderRadius: 4,
          padding: 12,
          margin: 0,
          maxHeight: 420,
          overflow: 'auto',
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
        }}
      >
        {show(out.body)}
      </pre>
    </Flex>
  );
}

/** 接口: the upstream address and its parameters and fields; the provider and the bureau try a call through the platform. */
export function ApiPanel({ mount }: { mount: Mount }) {
  const t = useT();
  const onError = useApiError();
  const [form] = Form.useForm<Record<string, string>>();
  const { mayLoad, mayInspect } = useMountAccess(mount);
  const cfg = mount.api;
  const call = useMutation({
    mutationFn: (params: Record<string, string>) => unwrap(api.POST('/api/v1/mounts/{id}/call', { params: { path: { id: mount.id } }, body: { params } })),
    onError: (e) => onError(e),
  });
  if (!cfg) return <Empty />;
  const mayCall = mayLoad || mayInspect;

  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        items={[
          {
            key: 'url',
            label: t('gathering.api.url'),
            span: 'filled',
            children: cfg.url ? (
              <Typography.Text copyable style={{ ...mono, overflowWrap: 'anywhere' }}>
                {cfg.url}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('gathering.api.urlHidden')}</Typography.Text>
            ),
          },
          { key: 'method', label: t('gathering.api.method'), children: <Tag>{cfg.method}</Tag> },
          { key: 'timeout', label: t('gathering.api.timeout'), children: t('gathering.api.ms', { ms: cfg.timeoutMs }) },
        ]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('gathering.api.params')}>
            <Table<Param>
              size="small"
              rowKey="name"
              aria-label={t('gathering.api.params')}
              pagination={false}
              dataSource={cfg.params}
              locale={{ emptyText: t('gathering.api.noParams') }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('gathering.api.paramName'), dataIndex: 'name', render: (n: string) => <span style={mono}>{n}</span> },
                { title: t('gathering.api.paramIn'), dataIndex: 'in', render: (v: string) => t(`gathering.api.in.${v}`) },
                { title: t('gathering.api.required'), dataIndex: 'required', render: (r: boolean) => (r ? t('common.yes') : t('common.no')) },
                { title: t('gathering.api.description'), dataIndex: 'description', render: (d?: string) => d || '—' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('gathering.api.fields')}>
            <Table<Field>
              size="small"
              rowKey="name"
              aria-label={t('gathering.api.fields')}
              pagination={false}
              dataSource={cfg.responseFields}
              locale={{ emptyText: t('gathering.api.noFields') }}
              scroll={{ x: 'max-content' }}
              columns={[
                { title: t('gathering.api.fieldName'), dataIndex: 'name', render: (n: string) => <span style={mono}>{n}</span> },
                { title: t('gathering.api.fieldType'), dataIndex: 'type', render: (v: string) => t(`enum.itemType.${v}`) },
                { title: t('gathering.api.description'), dataIndex: 'description', render: (d?: string) => d || '—' },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('gathering.api.test')}>
        {mayCall ? (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Form
                form={form}
                layout="vertical"
                onFinish={(v) => call.mutate(Object.fromEntries(Object.entries(v).filter(([, x]) => typeof x === 'string' && x !== '')))}
              >
                {cfg.params.map((p) => (
                  <Form.Item
                    key={p.name}
                    name={p.name}
                    label={
                      <Space size={4}>
                        <span style={mono}>{p.name}</span>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t(`gathering.api.in.${p.in}`)}
                          {p.description ? ` · ${p.description}` : ''}
                        </Typography.Text>
                      </Space>
                    }
                    rules={p.required ? [{ required: true, message: t('gathering.api.paramRequired', { name: p.name }) }] : []}
                  >
                    <Input maxLength={2000} />
                  </Form.Item>
                ))}
                {cfg.params.length === 0 && <Typography.Paragraph type="secondary">{t('gathering.api.noParams')}</Typography.Paragraph>}
                <Button type="primary" htmlType="submit" icon={<SendOutlined aria-hidden />} loading={call.isPending}>
                  {t('gathering.api.send')}
                </Button>
              </Form>
            </Col>
            <Col xs={24} lg={14}>
              {call.data ? <CallResult out={call.data} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('gathering.api.noResponse')} />}
            </Col>
          </Row>
        ) : (
          <Alert type="info" showIcon title={t('gathering.api.needGrant')} />
        )}
      </Card>
    </Flex>
  );
}
