import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Grid,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { useApiError, useQueryError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { objectionActions, seesAll } from './permissions';
import { DeadlineTag, ItemTags, mono, OBJECTION_STATUSES, ObjectionStatusTag, PAGE_SIZE, pager, ResourceCell, useWho } from './shared';
import type { Objection, ObjectionBox, ObjectionStatus, Resolution } from './types';

function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['sharing'] });
}

/** The record an objection names: its key item and key, masked for everyone but the provider. */
function RecordCell({ o }: { o: Objection }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <Typography.Text type="secondary">{o.keyItem}</Typography.Text>
      <Typography.Text style={mono}>{o.record}</Typography.Text>
      {o.recordMasked && <Tag>{t('sharing.objection.masked')}</Tag>}
    </Space>
  );
}

/** The deadline while open; the resolution once answered. */
function DueCell({ o }: { o: Objection }) {
  const t = useT();
  if (o.status !== 'archived') return <DeadlineTag due={o.dueAt} overdue={o.overdue} />;
  return <Tag color={o.resolution === 'corrected' ? 'green' : 'blue'}>{t(`sharing.objection.resolution.${o.resolution}`)}</Tag>;
}

function AnswerModal({ objection, onClose }: { objection: Objection | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const refresh = useRefresh();
  const [form] = Form.useForm<{ resolution: Resolution; answer: string }>();
  useEffect(() => {
    if (objection) form.resetFields();
  }, [objection, form]);
  const answer = useMutation({
    mutationFn: ({ id, ...body }: { id: string; resolution: Resolution; answer: string }) =>
      unwrap(api.POST('/api/v1/sharing/objections/{id}/answer', { params: { path: { id } }, body })),
    onSuccess: async () => {
      message.success(t('sharing.objection.answered'));
      onClose();
      await refresh();
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Modal
      open={!!objection}
      title={t('sharing.objection.answerTitle')}
      okText={t('sharing.objection.answer')}
      okButtonProps={{ loading: answer.isPending }}
      cancelText={t('action.cancel')}
      onCancel={onClose}
      onOk={() => form.submit()}
      forceRender
    >
      {objection && (
        <Descriptions
          size="small"
          column={1}
          style={{ marginBottom: 12 }}
          items={[
            { key: 'r', label: t('sharing.objection.record'), children: <RecordCell o={objection} /> },
            { key: 'i', label: t('sharing.objection.items'), children: <ItemTags items={objection.items} /> },
            { key: 'w', label: t('sharing.objection.reason'), children: objection.reason },
          ]}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ resolution: 'corrected' }}
        onFinish={(v) => objection && answer.mutate({ id: objection.id, resolution: v.resolution, answer: v.answer.trim() })}
      >
        <Form.Item name="resolution" label={t('sharing.objection.resolution')}>
          <Radio.Group
            options={[
              { value: 'corrected', label: t('sharing.objection.resolution.corrected') },
              { value: 'not_error', label: t('sharing.objection.resolution.not_error') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="answer"
          label={t('sharing.objection.answerText')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('sharing.objection.answerRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ObjectionDrawer({ objection, onClose }: { objection: Objection | null; onClose: () => void }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const o = objection;
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Drawer open={!!o} onClose={onClose} size={screens.md ? 600 : '100%'} title={o ? t('sharing.objection.detailOf', { name: o.resourceName }) : ''}>
      {o && (
        <Descriptions
          bordered
          size="small"
          column={1}
          styles={{ label: { width: 120 } }}
          items={[
            { key: 'resource', label: t('sharing.field.resource'), children: <ResourceCell id={o.resourceId} name={o.resourceName} code={o.resourceCode} /> },
            { key: 'status', label: t('sharing.field.status'), children: <ObjectionStatusTag status={o.status} /> },
            {
              key: 'due',
              label: t('sharing.objection.dueAt'),
              children: (
                <Space wrap>
                  {formatTime(o.dueAt)} <DueCell o={o} />
                </Space>
              ),
            },
            { key: 'record', label: t('sharing.objection.record'), children: <RecordCell o={o} /> },
            { key: 'items', label: t('sharing.objection.items'), children: <ItemTags items={o.items} /> },
            { key: 'reason', label: t('sharing.objection.reason'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{o.reason}</span> },
            { key: 'consumer', label: t('sharing.objection.raisedBy'), children: `${o.consumerDepartmentName}${o.raisedBy ? ` · ${o.raisedBy}` : ''}` },
            { key: 'provider', label: t('sharing.field.provider'), children: o.providerDepartmentName },
            { key: 'raisedAt', label: t('sharing.objection.raisedAt'), children: formatTime(o.raisedAt) },
            { key: 'acceptedAt', label: t('sharing.objection.acceptedAt'), children: formatTime(o.acceptedAt) || none },
            { key: 'answeredAt', label: t('sharing.objection.answeredAt'), children: formatTime(o.answeredAt) || none },
            { key: 'answer', label: t('sharing.objection.answerText'), children: o.answer ? <span style={{ whiteSpace: 'pre-wrap' }}>{o.answer}</span> : none },
          ]}
        />
      )}
    </Drawer>
  );
}

function ObjectionList({ box }: { box: ObjectionBox }) {
  const t = useT();
  const who = useWho();
  const onError = useApiError();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<ObjectionStatus | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [open, setOpen] = useState<Objection | null>(null);
  const [answering, setAnswering] = useState<Objection | null>(null);
  const query = { box, page, pageSize: PAGE_SIZE, status: status || undefined, overdue: overdue ? true : undefined };
  const list = useQuery({
    queryKey: ['sharing', 'objections', query],
    queryFn: () => unwrap(api.GET('/api/v1/sharing/objections', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  useQueryError(list.error);
  const accept = useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/sharing/objections/{id}/accept', { params: { path: { id } } })),
    onSuccess: async () => {
      message.success(t('sharing.objection.accepted'));
      await refresh();
    },
    onError: (e) => onError(e),
  });

  const columns: TableColumnsType<Objection> = [
    { title: t('sharing.field.resource'), key: 'resource', render: (_, o) => <ResourceCell id={o.resourceId} name={o.resourceName} code={o.resourceCode} /> },
    { title: t('sharing.objection.record'), key: 'record', render: (_, o) => <RecordCell o={o} /> },
    { title: t('sharing.objection.items'), dataIndex: 'items', render: (items: string[]) => <ItemTags items={items} /> },
    ...(box !== 'mine' ? [{ title: t('sharing.objection.raisedBy'), dataIndex: 'consumerDepartmentName' }] : []),
    ...(box !== 'provider' ? [{ title: t('sharing.field.provider'), dataIndex: 'providerDepartmentName' }] : []),
    { title: t('sharing.field.status'), dataIndex: 'status', render: (s: ObjectionStatus) => <ObjectionStatusTag status={s} /> },
    { title: t('sharing.objection.dueAt'), key: 'due', render: (_, o) => <DueCell o={o} /> },
    { title: t('sharing.objection.raisedAt'), dataIndex: 'raisedAt', render: (v: string) => formatTime(v) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, o) => {
        const may = objectionActions(who, o);
        return (
          <Space size={4} wrap>
            {may.accept && (
              <Popconfirm
                title={t('sharing.objection.acceptConfirm')}
                onConfirm={() => accept.mutate(o.id)}
                okText={t('action.confirm')}
                cancelText={t('action.cancel')}
              >
                <Button type="primary" size="small" loading={accept.isPending && accept.variables === o.id}>
                  {t('sharing.objection.accept')}
                </Button>
              </Popconfirm>
            )}
            {may.answer && (
              <Button type="primary" size="small" onClick={() => setAnswering(o)}>
                {t('sharing.objection.answer')}
              </Button>
            )}
            <Button type="link" size="small" onClick={() => setOpen(o)}>
              {t('sharing.action.detail')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Select<ObjectionStatus | ''>
            aria-label={t('sharing.field.status')}
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setPage(1);
              setStatus(v);
            }}
            options={[
              { value: '', label: t('sharing.status.any') },
              ...OBJECTION_STATUSES.map((s) => ({ value: s, label: t(`sharing.objection.status.${s}`) })),
            ]}
          />
          <Checkbox
            checked={overdue}
            onChange={(e) => {
              setPage(1);
              setOverdue(e.target.checked);
            }}
          >
            {t('sharing.queue.overdueOnly')}
          </Checkbox>
        </Space>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => list.refetch()} loading={list.isFetching}>
          {t('action.refresh')}
        </Button>
      </Flex>
      <Table<Objection>
        rowKey="id"
        aria-label={t(`sharing.objections.box.${box}`)}
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t(`sharing.objections.empty.${box}`) }}
        pagination={pager(page, setPage, list.data?.total, t)}
      />
      <ObjectionDrawer objection={open} onClose={() => setOpen(null)} />
      <AnswerModal objection={answering} onClose={() => setAnswering(null)} />
    </Flex>
  );
}

/** 数据异议: objections my department raised, those about its resources (to accept and answer), and (bureau, auditors) all. */
export default function ObjectionsPage() {
  const t = useT();
  const who = useWho();
  const boxes: ObjectionBox[] = ['mine', 'provider', ...(seesAll(who) ? (['all'] as const) : [])];
  const [sp, setSp] = useSearchParams();
  const wanted = sp.get('box') as ObjectionBox | null;
  const active = wanted && boxes.includes(wanted) ? wanted : 'mine';
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('menu.sharingObjections')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('sharing.objections.intro')} <Link to="/sharing/grants">{t('sharing.objections.fromGrant')}</Link>
      </Typography.Paragraph>
      <Tabs
        activeKey={active}
        onChange={(k) => setSp({ box: k }, { replace: true })}
        destroyOnHidden
        items={boxes.map((b) => ({ key: b, label: t(`sharing.objections.box.${b}`), children: <ObjectionList box={b} /> }))}
      />
    </Card>
  );
}
