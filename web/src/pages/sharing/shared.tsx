import { ClockCircleOutlined, DeleteOutlined, ExclamationCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, type FormInstance, Input, Radio, Row, Select, Space, type TablePaginationConfig, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../auth/auth';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { type FilterIssue, type FilterRow, opsFor, takesValue } from './forms';
import type { Who } from './permissions';
import type { Delivery, GrantState, ItemType, ObjectionStatus, RequestStatus, RowFilter } from './types';
import { countdown, daysLeft, describeFilter, grantView } from './view';

// What the sharing pages share: tags for states and deadlines, a resource cell, the row
// filter in words and its builder, and who is looking.

export const mono = { fontFamily: 'ui-monospace, Consolas, monospace' } as const;

/** Every sharing list pages by this many rows. */
export const PAGE_SIZE = 20;

/** A sharing list's pager: a fixed page size, hidden while one page holds everything; with the total unless `t` is left out. */
export function pager(
  page: number,
  setPage: (page: number) => void,
  total: number | undefined,
  t?: (k: string, v: { total: number }) => string,
): TablePaginationConfig {
  return {
    current: page,
    pageSize: PAGE_SIZE,
    total: total ?? 0,
    onChange: setPage,
    hideOnSinglePage: true,
    showSizeChanger: false,
    ...(t ? { showTotal: (n: number) => t('common.total', { total: n }) } : {}),
  };
}
export const REQUEST_STATUSES: RequestStatus[] = ['submitted', 'checked', 'approved', 'rejected', 'returned', 'withdrawn'];
export const GRANT_STATES: GrantState[] = ['active', 'expired', 'revoked'];
export const OBJECTION_STATUSES: ObjectionStatus[] = ['raised', 'accepted', 'archived'];

export function useWho(): Who {
  const { user } = useAuth();
  return useMemo(() => ({ departmentId: user?.departmentId ?? null, roles: user?.roles ?? [] }), [user]);
}

const requestColor: Record<RequestStatus, string> = {
  submitted: 'processing',
  checked: 'gold',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  withdrawn: 'default',
};

export function RequestStatusTag({ status }: { status: RequestStatus }) {
  const t = useT();
  return <Tag color={requestColor[status]}>{t(`sharing.status.${status}`)}</Tag>;
}

/** A deadline with what is left (or how long it is past); red when overdue. */
export function DeadlineTag({ due, overdue, label }: { due: string; overdue?: boolean; label?: string }) {
  const t = useT();
  const c = countdown(due, new Date(), overdue);
  const left = t(`sharing.deadline.${c.overdue ? 'late' : 'left'}.${c.unit}`, { n: c.n });
  return (
    <Tooltip title={t('sharing.deadline.due', { time: formatTime(due) })}>
      <Space size={4} wrap>
        {label && <Typography.Text type="secondary">{label}</Typography.Text>}
        {c.overdue ? (
          <Tag color="red" icon={<ExclamationCircleOutlined aria-hidden />}>
            {t('sharing.deadline.overdue')} · {left}
          </Tag>
        ) : (
          <Tag color={c.unit === 'hour' ? 'orange' : 'blue'} icon={<ClockCircleOutlined aria-hidden />}>
            {left}
          </Tag>
        )}
      </Space>
    </Tooltip>
  );
}

const grantColor = { active: 'success', expiring: 'orange', expired: 'default', revoked: 'red' };

/** 有效 / 即将到期 / 已过期 / 已撤销; without an expiry (a subscription's grant) only the server's state. */
export function GrantStateTag({ grant }: { grant: { state: GrantState; expiresAt?: string } }) {
  const t = useT();
  const now = new Date();
  const v = grant.expiresAt ? grantView({ state: grant.state, expiresAt: grant.expiresAt }, now) : grant.state;
  const tag = <Tag color={grantColor[v]}>{t(`sharing.grant.state.${v}`)}</Tag>;
  return v === 'expiring' && grant.expiresAt ? <Tooltip title={t('sharing.grant.daysLeft', { n: daysLeft(grant.expiresAt, now) })}>{tag}</Tooltip> : tag;
}

const objectionColor: Record<ObjectionStatus, string> = { raised: 'processing', accepted: 'gold', archived: 'default' };

export function ObjectionStatusTag({ status }: { status: ObjectionStatus }) {
  const t = useT();
  return <Tag color={objectionColor[status]}>{t(`sharing.objection.status.${status}`)}</Tag>;
}

export function DeliveryTag({ via }: { via: Delivery }) {
  const t = useT();
  return <Tag color="purple">{t(`sharing.delivery.${via}`)}</Tag>;
}

/** The resource's name (to its catalog page) over its code. */
export function ResourceCell({ id, name, code }: { id: string; name: string; code: string }) {
  return (
    <div style={{ minWidth: 160, maxWidth: 300 }}>
      <Link to={`/catalog/${id}`} style={{ overflowWrap: 'anywhere' }}>
        {name}
      </Link>
      <div>
        <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }}>
          {code}
        </Typography.Text>
      </div>
    </div>
  );
}

export function FilterText({ filter }: { filter: RowFilter | null | undefined }) {
  const t = useT();
  if (!filter) return <Typography.Text type="secondary">{t('sharing.filter.none')}</Typography.Text>;
  return <span style={{ overflowWrap: 'anywhere' }}>{describeFilter(filter, t)}</span>;
}

export function ItemTags({ items, unmasked = [] }: { items: readonly string[]; unmasked?: readonly string[] }) {
  const t = useT();
  return (
    <Space size={[4, 4]} wrap>
      {items.map((i) => (
        <Tooltip key={i} title={unmasked.includes(i) ? t('sharing.item.unmasked') : undefined}>
          <Tag color={unmasked.includes(i) ? 'volcano' : undefined}>{i}</Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

/** Marks the builder's issues on the form's fields, in the page's language. */
export function markIssues(form: FormInstance, issues: FilterIssue[], t: (k: string) => string) {
  form.setFields(issues.map((i) => ({ name: i.name, errors: [t(i.error)] })));
}

/**
 * The row filter builder inside an antd Form: `join` (and/or) and `rows` of item / operator /
 * value. An empty list means every row. The page turns the values into a RowFilter with toRowFilter.
 */
export function FilterBuilder({ items, hint }: { items: readonly { name: string; type: ItemType }[]; hint?: string }) {
  const t = useT();
  const form = Form.useFormInstance();
  const rows = (Form.useWatch('rows', form) as FilterRow[] | undefined) ?? [];
  const typeOf = (field?: string) => items.find((i) => i.name === field)?.type;
  return (
    <div>
      {hint && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {hint}
        </Typography.Paragraph>
      )}
      {rows.length > 1 && (
        <Form.Item name="join" label={t('sharing.filter.join')} style={{ marginBottom: 8 }}>
          <Radio.Group
            optionType="button"
            size="small"
            options={[
              { value: 'and', label: t('sharing.filter.joinAnd') },
              { value: 'or', label: t('sharing.filter.joinOr') },
            ]}
          />
        </Form.Item>
      )}
      <Form.List name="rows">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => {
              const row = rows[f.name] ?? {};
              const type = typeOf(row.field);
              return (
                <Row key={f.key} gutter={8} align="top" wrap>
                  <Col xs={24} sm={8}>
                    <Form.Item name={[f.name, 'field']} style={{ marginBottom: 8 }}>
                      <Select
                        aria-label={t('sharing.filter.field')}
                        placeholder={t('sharing.filter.field')}
                        options={items.map((i) => ({ value: i.name, label: `${i.name}（${t(`enum.itemType.${i.type}`)}）` }))}
                        onChange={() => form.setFieldValue(['rows', f.name, 'op'], 'eq')}
                        showSearch={{ optionFilterProp: 'label' }}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={10} sm={5}>
                    <Form.Item name={[f.name, 'op']} style={{ marginBottom: 8 }}>
                      <Select aria-label={t('sharing.filter.op')} options={opsFor(type).map((op) => ({ value: op, label: t(`sharing.filter.op.${op}`) }))} />
                    </Form.Item>
                  </Col>
                  <Col xs={11} sm={9}>
                    {takesValue(row.op) && (
                      <Form.Item name={[f.name, 'value']} style={{ marginBottom: 8 }}>
                        <Input
                          aria-label={t('sharing.filter.value')}
                          placeholder={t(row.op === 'in' ? 'sharing.filter.valueList' : type === 'date' ? 'sharing.filter.valueDate' : 'sharing.filter.value')}
                        />
                      </Form.Item>
                    )}
                  </Col>
                  <Col xs={3} sm={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('sharing.filter.remove')} onClick={() => remove(f.name)} />
                  </Col>
                </Row>
              );
            })}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ op: 'eq' })}>
              {t('sharing.filter.add')}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );
}
