import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useApiError, useQueryError } from '../../app/useApiError';
import { useDebounced } from '../../components/EditDebounce';
import { ShareTypeTag } from '../../components/SearchTags';
import { useT } from '../../i18n/i18n';
import { defaultPeriod, deliveryOf, type FilterJoin, type FilterRow, requestable, toRequestBody } from './forms';
import { DeliveryTag, FilterBuilder, markIssues, mono, useWho } from './shared';
import type { Entry, ShareRequest } from './types';

type Values = { items?: string[]; purpose?: string; legalBasis?: string; period?: [Dayjs, Dayjs]; join?: FilterJoin; rows?: FilterRow[] };

const today = () => dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD');

/** Picks a published conditional entry of another department by words in its name, code or abstract. */
function EntryPicker({
  value,
  chosen,
  onChange,
}: {
  value?: string;
  /** The entry already chosen (from the URL): shown by its name even when the search results do not hold it. */
  chosen?: { id: string; name: string; providerName: string; code: string };
  onChange: (id: string) => void;
}) {
  const t = useT();
  const who = useWho();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['sharing', 'entry-search', q],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources', { params: { query: { q: q || undefined, shareType: 'conditional', pageSize: 20 } } })),
    staleTime: 60_000,
  });
  const options = (found.data?.items ?? [])
    .filter((e) => e.providerDepartmentId !== who.departmentId)
    .map((e) => ({ value: e.id, label: `${e.name} · ${e.providerName}`, code: e.code }));
  if (chosen && !options.some((o) => o.value === chosen.id))
    options.unshift({ value: chosen.id, label: `${chosen.name} · ${chosen.providerName}`, code: chosen.code });
  return (
    <Select
      aria-label={t('sharing.new.pick')}
      style={{ width: '100%' }}
      value={value}
      placeholder={t('sharing.new.pickPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('common.loading') : t('sharing.new.noEntry')}
      options={options}
      optionRender={(o) => (
        <div>
          <div>{o.label}</div>
          <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }}>
            {o.data.code}
          </Typography.Text>
        </div>
      )}
      onChange={onChange}
    />
  );
}

/** The published version of an entry (the one a request names), whatever version its page shows. */
function usePublishedEntry(id: string | null) {
  return useQuery({
    queryKey: ['sharing', 'entry', id],
    enabled: !!id,
    queryFn: async (): Promise<Entry> => {
      const e = await unwrap(api.GET('/api/v1/catalog/resources/{id}', { params: { path: { id: id as string } } }));
      if (e.publishedVersion === null || e.publishedVersion === e.version) return e;
      return unwrap(api.GET('/api/v1/catalog/resources/{id}', { params: { path: { id: e.id }, query: { version: e.publishedVersion } } }));
    },
  });
}

function RequestForm({ entry }: { entry: Entry }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiError();
  const chosen = Form.useWatch('items', form) ?? [];
  const [from, to] = defaultPeriod(today());
  const create = useMutation({
    mutationFn: (body: NonNullable<ReturnType<typeof toRequestBody>['body']>) => unwrap(api.POST('/api/v1/sharing/requests', { body })),
    onSuccess: async (r: ShareRequest) => {
      message.success(t('sharing.new.done', { name: r.resourceName }));
      await qc.invalidateQueries({ queryKey: ['sharing'] });
      navigate('/sharing/requests');
    },
    onError: (e) => onError(e, form),
  });
  const submit = (v: Values) => {
    const { body, issues } = toRequestBody(
      { ...v, period: v.period ? [v.period[0].format('YYYY-MM-DD'), v.period[1].format('YYYY-MM-DD')] : undefined },
      entry,
    );
    if (body) create.mutate(body);
    else markIssues(form, issues, t);
  };
  const names = entry.items.map((i) => i.name);

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ items: [], join: 'and', rows: [], period: [dayjs(from), dayjs(to)] }}
      onFinish={submit}
      scrollToFirstError
    >
      <Form.Item label={t('sharing.field.delivery')} extra={t('sharing.new.deliveryHelp')}>
        <DeliveryTag via={deliveryOf(entry)} />
      </Form.Item>
      <Form.Item
        name="items"
        label={
          <Space size={8}>
            {t('sharing.new.items')}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('sharing.new.itemsChosen', { n: chosen.length, total: names.length })}
            </Typography.Text>
          </Space>
        }
        extra={t('sharing.new.itemsHelp')}
        rules={[{ type: 'array', min: 1, message: t('sharing.new.itemsRequired') }]}
      >
        <Checkbox.Group style={{ width: '100%' }}>
          <Row gutter={[8, 4]}>
            {entry.items.map((i) => (
              <Col key={i.name} xs={24} sm={12} lg={8}>
                <Checkbox value={i.name}>
                  {i.name}
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
                    {t(`enum.itemType.${i.type}`)}
                    {i.dataElement ? ` · ${i.dataElement}` : ''}
                  </Typography.Text>
                </Checkbox>
              </Col>
            ))}
          </Row>
        </Checkbox.Group>
      </Form.Item>
      <Space size={4} style={{ marginTop: -16, marginBottom: 16 }}>
        <Button size="small" type="link" onClick={() => form.setFieldValue('items', names)}>
          {t('sharing.new.all')}
        </Button>
        <Button size="small" type="link" onClick={() => form.setFieldValue('items', [])}>
          {t('sharing.new.none')}
        </Button>
      </Space>
      <Form.Item
        name="purpose"
        label={t('sharing.field.purpose')}
        extra={t('sharing.new.purposeHelp')}
        rules={[{ required: true, whitespace: true, min: 5, message: t('sharing.new.purposeRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      <Form.Item
        name="legalBasis"
        label={t('sharing.field.legalBasis')}
        extra={t('sharing.new.basisHelp')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('sharing.new.basisRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
      <Form.Item name="period" label={t('sharing.field.period')} rules={[{ required: true, message: t('sharing.new.periodRequired') }]}>
        <DatePicker.RangePicker
          aria-label={t('sharing.field.period')}
          allowClear={false}
          disabledDate={(d) => d.format('YYYY-MM-DD') < today()}
          style={{ maxWidth: 320, width: '100%' }}
        />
      </Form.Item>
      <Divider titlePlacement="start" plain>
        {t('sharing.new.filter')}
      </Divider>
      <FilterBuilder items={entry.items} hint={t('sharing.new.filterHelp')} />
      <Divider />
      <Space wrap>
        <Button type="primary" htmlType="submit" icon={<SendOutlined aria-hidden />} loading={create.isPending}>
          {t('sharing.new.submit')}
        </Button>
        <Button onClick={() => navigate(-1)}>{t('action.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** 新建申请 (/sharing/requests/new?resourceId=): pick an entry (or come from its page), then ask for what is needed and no more. */
export default function RequestNewPage() {
  const t = useT();
  const who = useWho();
  const [sp, setSp] = useSearchParams();
  const id = sp.get('resourceId');
  const entry = usePublishedEntry(id);
  useQueryError(entry.error);
  const e = entry.data;
  const refusal = useMemo(() => (e ? requestable(e, who.departmentId) : null), [e, who.departmentId]);

  return (
    <Flex vertical gap={16}>
      <Breadcrumb items={[{ title: <Link to="/sharing/requests">{t('menu.sharingRequests')}</Link> }, { title: t('sharing.new.title') }]} />
      <Card title={t('sharing.new.title')}>
        <Typography.Paragraph type="secondary">{t('sharing.new.intro')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('sharing.new.pick')} required>
            <EntryPicker value={e?.id ?? id ?? undefined} chosen={e} onChange={(v) => setSp({ resourceId: v }, { replace: true })} />
          </Form.Item>
        </Form>
        {id && !e && entry.isLoading && <Skeleton active paragraph={{ rows: 6 }} />}
        {e && (
          <>
            <Card size="small" style={{ marginBottom: 16 }}>
              <Flex gap={8} wrap align="center">
                <Link to={`/catalog/${e.id}`} style={{ fontWeight: 500 }}>
                  {e.name}
                </Link>
                <Typography.Text type="secondary" style={mono}>
                  {e.code}
                </Typography.Text>
                <Tag>{e.providerName}</Tag>
                <ShareTypeTag value={e.shareType} />
              </Flex>
              {e.shareCondition && (
                <Typography.Paragraph style={{ margin: '8px 0 0' }}>
                  <Typography.Text type="secondary">{t('sharing.new.condition')}</Typography.Text>
                  {e.shareCondition}
                </Typography.Paragraph>
              )}
            </Card>
            {refusal ? (
              <Alert
                type={refusal === 'sharing.new.unconditional' ? 'info' : 'warning'}
                showIcon
                title={t(refusal)}
                description={
                  refusal === 'sharing.new.unconditional' ? (
                    <span>
                      {t('sharing.new.unconditionalHow')} <Typography.Text code>{`GET /api/v1/share/${encodeURIComponent(e.code)}/records`}</Typography.Text>{' '}
                      <Link to="/profile">{t('sharing.apiKeys')}</Link>
                    </span>
                  ) : undefined
                }
              />
            ) : (
              <RequestForm key={e.id} entry={e} />
            )}
          </>
        )}
      </Card>
    </Flex>
  );
}
