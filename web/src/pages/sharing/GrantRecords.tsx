import { EyeOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useQueryError } from '../../app/useApiError';
import { useT } from '../../i18n/i18n';
import { mono } from './shared';
import type { Grant } from './types';

const PAGE = 20;

/**
 * 数据浏览: the grant's records in the console, page by page, through the share API itself — the
 * grant's items, rows and masks, each page a logged call counted against the quota, which is why
 * nothing is read until the user asks.
 */
export function GrantRecords({ grant }: { grant: Grant }) {
  const t = useT();
  const [cursors, setCursors] = useState<(string | undefined)[] | null>(null);
  const after = cursors?.at(-1);
  const page = useQuery({
    queryKey: ['sharing', 'grant', grant.id, 'records', after ?? ''],
    enabled: cursors !== null,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/share/{resource}/records', {
          params: { path: { resource: grant.resourceCode }, query: { limit: PAGE, ...(after ? { after } : {}) } },
        }),
      ),
    staleTime: Number.POSITIVE_INFINITY,
  });
  useQueryError(page.error);
  const p = page.data;

  return (
    <Card
      size="small"
      title={t('sharing.records.title')}
      extra={
        cursors === null && (
          <Button icon={<EyeOutlined aria-hidden />} onClick={() => setCursors([undefined])}>
            {t('sharing.records.show', { n: PAGE })}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('sharing.records.help')}</Typography.Paragraph>
      {cursors !== null && (
        <Flex vertical gap={8}>
          {p?.fields.some((f) => f.masked) && <Alert type="info" showIcon title={t('sharing.records.masked')} />}
          <Table<{ key: string; values: Record<string, string | null> }>
            size="small"
            bordered
            aria-label={t('sharing.records.title')}
            loading={page.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={(p?.records ?? []).map((r, i) => ({ key: r.ref ?? String(i), values: r.values }))}
            columns={(p?.fields ?? []).map((f) => ({
              key: f.item,
              title: (
                <Space size={4}>
                  {f.item}
                  {f.masked && (
                    <Tooltip title={t('sharing.records.maskedColumn')}>
                      <LockOutlined aria-label={t('sharing.records.maskedColumn')} style={{ color: '#d46b08' }} />
                    </Tooltip>
                  )}
                </Space>
              ),
              render: (_: unknown, row: { values: Record<string, string | null> }) => {
                const v = row.values[f.item];
                return v === null || v === undefined ? <Typography.Text type="secondary">—</Typography.Text> : <span style={mono}>{v}</span>;
              },
            }))}
          />
          <Flex justify="space-between" align="center">
            <Space>
              {p && <Tag>{t('sharing.versionN', { version: p.version })}</Tag>}
              <Typography.Text type="secondary">{t('sharing.records.page', { n: cursors.length })}</Typography.Text>
            </Space>
            <Space>
              <Button disabled={cursors.length < 2 || page.isFetching} onClick={() => setCursors(cursors.slice(0, -1))}>
                {t('sharing.records.prev')}
              </Button>
              <Button disabled={!p?.next || page.isFetching} onClick={() => p?.next && setCursors([...cursors, p.next])}>
                {t('sharing.records.next')}
              </Button>
            </Space>
          </Flex>
        </Flex>
      )}
    </Card>
  );
}
