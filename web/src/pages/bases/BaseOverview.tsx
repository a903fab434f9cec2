import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Descriptions, Flex, Radio, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Base, BaseFeed, ConflictRule } from '../../api/types';
import { useApiError } from '../../app/useApiError';
import { useAuth } from '../../auth/auth';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { mono, useFieldLabel } from './shared';

const RULES: ConflictRule[] = ['newest', 'authority'];

/** One base at a glance: size, key, conflict rule (switchable by the bureau) and its feeds. */
export function BaseOverview({ base }: { base: Base }) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const { user } = useAuth();
  const label = useFieldLabel(base.name);
  const isBureau = !!user?.roles.includes('admin');
  const keyField = base.fields.find((f) => f.key);

  const setRule = useMutation({
    mutationFn: (rule: ConflictRule) => unwrap(api.PATCH('/api/v1/bases/{base}', { params: { path: { base: base.name } }, body: { rule } })),
    onSuccess: (b) => {
      qc.setQueryData<Base[]>(['bases'], (all) => all?.map((x) => (x.name === b.name ? b : x)));
      message.success(t('bases.rule.saved', { base: t(`bases.name.${b.name}`), rule: t(`bases.rule.${b.rule}`) }));
    },
    onError: (e) => onError(e),
  });

  return (
    <Flex vertical gap={16}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: 'records', label: t('bases.records'), children: t('bases.recordsN', { n: base.records.toLocaleString() }) },
          { key: 'key', label: t('bases.keyField'), children: keyField ? label(keyField.name, keyField.label) : base.key },
          {
            key: 'rule',
            label: t('bases.rule'),
            children: isBureau ? (
              <Radio.Group
                aria-label={t('bases.rule.switch')}
                size="small"
                optionType="button"
                buttonStyle="solid"
                value={base.rule}
                disabled={setRule.isPending}
                onChange={(e) => setRule.mutate(e.target.value)}
                options={RULES.map((r) => ({ value: r, label: <Tooltip title={t(`bases.rule.${r}.help`)}>{t(`bases.rule.${r}`)}</Tooltip> }))}
              />
            ) : (
              <Tooltip title={t(`bases.rule.${base.rule}.help`)}>
                <Tag color="blue">{t(`bases.rule.${base.rule}`)}</Tag>
              </Tooltip>
            ),
          },
          { key: 'merge', label: t('bases.lastMerge'), children: formatTime(base.lastMergeAt) || t('bases.neverMerged') },
        ]}
      />
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('bases.feeds')}
        </Typography.Title>
        <Table<BaseFeed>
          size="small"
          rowKey="id"
          aria-label={t('bases.feeds')}
          dataSource={base.feeds}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('bases.feeds.empty') }}
          columns={[
            {
              title: t('bases.feed.department'),
              dataIndex: 'departmentName',
              render: (name: string, f) => (
                <span>
                  {name}
                  {!f.enabled && <Tag style={{ marginInlineStart: 6 }}>{t('bases.feed.disabled')}</Tag>}
                </span>
              ),
            },
            {
              title: t('bases.feed.resource'),
              key: 'resource',
              render: (_, f) => (
                <div style={{ minWidth: 160 }}>
                  <Link to={`/catalog/${f.resourceId}`}>{f.resourceName}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }}>
                      {f.resourceCode}
                    </Typography.Text>
                  </div>
                </div>
              ),
            },
            {
              title: t('bases.feed.priority'),
              dataIndex: 'priority',
              align: 'right',
              sorter: (a, b) => a.priority - b.priority,
              defaultSortOrder: 'descend',
            },
            { title: t('bases.feed.mergedAt'), dataIndex: 'mergedAt', render: (v: string | null) => formatTime(v) || t('bases.neverMerged') },
            {
              title: t('bases.feed.counts'),
              key: 'counts',
              render: (_, f) =>
                f.lastMerge ? (
                  <Typography.Text style={{ fontSize: 12 }}>
                    {t('bases.feed.countsText', {
                      inserted: f.lastMerge.inserted.toLocaleString(),
                      updated: f.lastMerge.updated.toLocaleString(),
                      unchanged: f.lastMerge.unchanged.toLocaleString(),
                      skipped: f.lastMerge.skipped.toLocaleString(),
                    })}
                  </Typography.Text>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </div>
    </Flex>
  );
}
