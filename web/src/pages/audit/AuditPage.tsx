import { FilterOutlined, QuestionCircleOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Card, Col, DatePicker, Descriptions, Form, Grid, Input, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { AuditRecord as AuditRow } from '../../api/types';
import { formatTime, fromIso, toIsoWithOffset } from '../../components/AdminFormat';
import { AuditChainStatus } from '../../components/AuditChainStatus';
import { useT } from '../../i18n/i18n';
import { AUDIT_ACTION_PREFIXES, AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from './messages';

type Filters = { actor?: string; action?: string; targetType?: string; targetId?: string; range?: [Dayjs | null, Dayjs | null] | null };

const FILTER_KEYS = ['actor', 'action', 'targetType', 'targetId', 'from', 'to'] as const;

/** A label from the page's messages, or undefined when the page has none for this key. */
function useLabel() {
  const t = useT();
  return (key: string) => {
    const s = t(key);
    return s === key ? undefined : s;
  };
}

export default function AuditPage() {
  const t = useT();
  const label = useLabel();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Filters>();
  const screens = Grid.useBreakpoint();

  // The URL holds the filters, so that a search can be bookmarked or sent to a colleague.
  const query = useMemo(() => {
    const q: Record<string, string> = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) q[k] = v;
    }
    return q as Partial<Record<(typeof FILTER_KEYS)[number], string>>;
  }, [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = Math.min(200, Math.max(1, Number(params.get('pageSize')) || 20));

  useEffect(() => {
    form.setFieldsValue({
      actor: query.actor,
      action: query.action,
      targetType: query.targetType,
      targetId: query.targetId,
      range: query.from || query.to ? [query.from ? fromIso(query.from) : null, query.to ? fromIso(query.to) : null] : null,
    });
  }, [query, form]);

  const list = useQuery({
    queryKey: ['audit', 'list', query, page, pageSize],
    queryFn: () => unwrap(api.GET('/api/v1/audit', { params: { query: { ...query, page, pageSize } } })),
    placeholderData: keepPreviousData,
  });

  const actionLabel = (action: string) => label(`audit.action.${action}`);
  const targetLabel = (type: string) => label(`audit.target.${type}`) ?? type;

  const go = (next: Record<string, string | undefined>, nextPage = 1, nextSize = pageSize) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v);
    if (nextPage > 1) p.set('page', String(nextPage));
    if (nextSize !== 20) p.set('pageSize', String(nextSize));
    setParams(p);
  };

  const onSearch = (v: Filters) => {
    const typed = v.action?.trim();
    // Someone who typed the Chinese name of an action means that action.
    const action = typed ? (Object.keys(AUDIT_ACTIONS).find((a) => actionLabel(a) === typed) ?? typed) : undefined;
    const [from, to] = v.range ?? [];
    go({
      actor: v.actor?.trim(),
      action,
      targetType: v.targetType?.trim(),
      targetId: v.targetId?.trim(),
      from: from ? toIsoWithOffset(from) : undefined,
      to: to ? toIsoWithOffset(to) : undefined,
    });
  };

  const actionOptions = useMemo(
    () => [
      {
        label: t('audit.filter.byModule'),
        options: AUDIT_ACTION_PREFIXES.map((p) => ({ value: p, text: `${p} ${t(`audit.prefix.${p}`)}`, label: optionLabel(t(`audit.prefix.${p}`), p) })),
      },
      {
        label: t('audit.filter.byAction'),
        options: Object.keys(AUDIT_ACTIONS).map((a) => ({ value: a, text: `${a} ${t(`audit.action.${a}`)}`, label: optionLabel(t(`audit.action.${a}`), a) })),
      },
    ],
    [t],
  );
  const targetOptions = useMemo(
    () => AUDIT_TARGET_TYPES.map((k) => ({ value: k, text: `${k} ${t(`audit.target.${k}`)}`, label: optionLabel(t(`audit.target.${k}`), k) })),
    [t],
  );

  const columns: ColumnsType<AuditRow> = [
    { title: t('audit.col.seq'), dataIndex: 'seq', width: 80, align: 'right' },
    { title: t('audit.col.at'), dataIndex: 'at', width: 170, render: (v: string) => formatTime(v, true) },
    {
      title: t('audit.col.actor'),
      dataIndex: 'actor',
      width: 140,
      render: (actor: string, r) => {
        // A login is recorded before there is a session: the actor is anonymous and the username is in the details.
        const named = r.action.startsWith('auth.login') && actor === 'anonymous' ? (r.details as { username?: unknown } | null)?.username : undefined;
        return typeof named === 'string' ? (
          <Space orientation="vertical" size={0}>
            <span>{named}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('audit.col.recordedAs', { actor })}
            </Typography.Text>
          </Space>
        ) : (
          actor
        );
      },
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      width: 220,
      render: (a: string) => {
        const l = actionLabel(a);
        const failed = a.endsWith('.failed');
        return l ? (
          <Space size={4} wrap>
            <Tag color={failed ? 'red' : 'blue'}>{l}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {a}
            </Typography.Text>
          </Space>
        ) : (
          <Typography.Text code>{a}</Typography.Text>
        );
      },
    },
    {
      title: t('audit.col.target'),
      key: 'target',
      width: 240,
      render: (_, r) =>
        r.targetType ? (
          <Space size={4} wrap>
            <span>{targetLabel(r.targetType)}</span>
            {r.targetId && (
              <Tooltip title={r.targetId}>
                {r.targetType === 'catalog_resource' ? (
                  <Link to={`/catalog/${r.targetId}`}>
                    <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, color: 'inherit' }}>{short(r.targetId)}</Typography.Text>
                  </Link>
                ) : (
                  <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                    {short(r.targetId)}
                  </Typography.Text>
                )}
              </Tooltip>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('audit.col.ip'), dataIndex: 'ip', width: 130, responsive: ['md'], render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <AuditChainStatus />
      <Card size="small" title={t('audit.filter.title')}>
        <Form form={form} layout="vertical" onFinish={onSearch}>
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6} xl={4}>
              <Form.Item
                label={t('audit.filter.actor')}
                name="actor"
                tooltip={{ title: t('audit.filter.actorHelp'), icon: <QuestionCircleOutlined aria-hidden /> }}
              >
                <Input allowClear placeholder={t('audit.filter.actorPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6} xl={5}>
              <Form.Item
                label={t('audit.filter.action')}
                name="action"
                tooltip={{ title: t('audit.filter.actionHelp'), icon: <QuestionCircleOutlined aria-hidden /> }}
              >
                <AutoComplete
                  allowClear
                  options={actionOptions}
                  placeholder={t('audit.filter.actionPlaceholder')}
                  showSearch={{
                    filterOption: (input, option) => {
                      const text = (option as { text?: string } | undefined)?.text;
                      return !text || text.toLowerCase().includes(input.trim().toLowerCase());
                    },
                  }}
                  popupMatchSelectWidth={320}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6} xl={4}>
              <Form.Item label={t('audit.filter.targetType')} name="targetType">
                <AutoComplete
                  allowClear
                  options={targetOptions}
                  placeholder={t('audit.filter.targetTypePlaceholder')}
                  showSearch={{
                    filterOption: (input, option) => {
                      const text = (option as { text?: string } | undefined)?.text;
                      return !text || text.toLowerCase().includes(input.trim().toLowerCase());
                    },
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6} xl={4}>
              <Form.Item label={t('audit.filter.targetId')} name="targetId">
                <Input allowClear placeholder={t('audit.filter.targetIdPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12} xl={7}>
              <Form.Item label={t('audit.filter.range')} name="range">
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  allowEmpty={[true, true]}
                  style={{ width: '100%' }}
                  placeholder={[t('audit.filter.from'), t('audit.filter.to')]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12} xl={24}>
              <Space wrap style={{ paddingTop: screens.lg && !screens.xl ? 30 : 0 }}>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                  {t('action.search')}
                </Button>
                <Button
                  onClick={() => {
                    form.resetFields();
                    go({});
                  }}
                >
                  {t('action.reset')}
                </Button>
                <Typography.Text type="secondary">{t('audit.filter.timeZone')}</Typography.Text>
              </Space>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card size="small" title={t('audit.list.title')}>
        <Table<AuditRow>
          rowKey="seq"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isError ? (list.error as Error).message : t('common.empty') }}
          expandable={{
            columnWidth: 48,
            expandedRowRender: (r) => (
              <Descriptions size="small" column={1} bordered styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}>
                <Descriptions.Item label={t('audit.detail.details')}>
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12, maxHeight: 320, overflow: 'auto' }}>
                    {r.details === null || r.details === undefined ? t('common.none') : JSON.stringify(r.details, null, 2)}
                  </pre>
                </Descriptions.Item>
                {r.targetId && (
                  <Descriptions.Item label={t('audit.detail.target')}>
                    <Space wrap>
                      <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
                        {`${r.targetType ?? ''} ${r.targetId}`.trim()}
                      </Typography.Text>
                      <Button
                        size="small"
                        icon={<FilterOutlined />}
                        onClick={() => go({ targetType: r.targetType ?? undefined, targetId: r.targetId ?? undefined })}
                      >
                        {t('audit.detail.sameTarget')}
                      </Button>
                    </Space>
                  </Descriptions.Item>
                )}
                {r.actorId && (
                  <Descriptions.Item label={t('audit.detail.actorId')}>
                    <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{r.actorId}</Typography.Text>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('audit.detail.hash')}>
                  <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                    {r.hash}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
            ),
          }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, s) => go(query, s !== pageSize ? 1 : p, s),
          }}
        />
      </Card>
    </Space>
  );
}

function optionLabel(name: string, code: string) {
  return (
    <Space size={8} style={{ justifyContent: 'space-between', width: '100%' }}>
      <span>{name}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {code}
      </Typography.Text>
    </Space>
  );
}

const short = (id: string) => (id.length > 13 ? `${id.slice(0, 8)}…` : id);
