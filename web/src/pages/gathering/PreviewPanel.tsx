import { EyeInvisibleOutlined, KeyOutlined, LockOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { Mount } from '../../api/types';
import { useQueryError } from '../../app/useApiError';
import { useT } from '../../i18n/i18n';
import { mono } from './shared';

const LIMITS = [20, 50, 100];

/** 数据预览: the first rows of the current version; masked by data element for anyone but the provider. */
export function PreviewPanel({ mount }: { mount: Mount }) {
  const t = useT();
  const [limit, setLimit] = useState(20);
  const preview = useQuery({
    queryKey: ['gathering', 'mount', mount.id, 'preview', limit],
    queryFn: () => unwrap(api.GET('/api/v1/mounts/{id}/preview', { params: { path: { id: mount.id }, query: { limit } } })),
    placeholderData: (prev) => prev,
  });
  useQueryError(preview.error);
  const p = preview.data;
  const keys = new Set((mount.table?.columns ?? []).filter((c) => c.key).map((c) => c.item));

  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          {p && p.version > 0 && <Tag>{t('gathering.versionN', { version: p.version })}</Tag>}
          {p && <Typography.Text type="secondary">{t('gathering.preview.showing', { shown: p.rows.length, total: p.total })}</Typography.Text>}
          {p?.masked && (
            <Tag color="orange" icon={<EyeInvisibleOutlined aria-hidden />}>
              {t('gathering.preview.masked')}
            </Tag>
          )}
        </Space>
        <Space size={6}>
          <label htmlFor="gathering-preview-limit">{t('gathering.preview.limit')}</label>
          <Select<number>
            id="gathering-preview-limit"
            aria-label={t('gathering.preview.limit')}
            value={limit}
            onChange={setLimit}
            style={{ width: 100 }}
            options={LIMITS.map((n) => ({ value: n, label: t('gathering.preview.rows', { n }) }))}
          />
        </Space>
      </Flex>
      {p?.masked && <Alert type="info" showIcon title={t('gathering.preview.maskedHelp')} />}
      {p && p.version === 0 ? (
        <Empty description={t('gathering.preview.noData')} />
      ) : (
        <Table<{ key: number; cells: (string | null)[] }>
          size="small"
          bordered
          aria-label={t('gathering.tab.preview')}
          loading={preview.isLoading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={(p?.rows ?? []).map((cells, key) => ({ key, cells }))}
          columns={(p?.columns ?? []).map((c, j) => ({
            key: c.item,
            title: (
              <Space size={4}>
                {c.item}
                {keys.has(c.item) && (
                  <Tooltip title={t('gathering.mapping.key')}>
                    <KeyOutlined aria-label={t('gathering.mapping.key')} style={{ color: '#d48806' }} />
                  </Tooltip>
                )}
                {p?.masked && c.masking !== 'none' && (
                  <Tooltip title={t('gathering.preview.maskedColumn')}>
                    <LockOutlined aria-label={t('gathering.preview.maskedColumn')} style={{ color: '#d46b08' }} />
                  </Tooltip>
                )}
              </Space>
            ),
            render: (_: unknown, row: { cells: (string | null)[] }) => {
              const v = row.cells[j];
              return v === null ? <Typography.Text type="secondary">—</Typography.Text> : <span style={c.masking !== 'none' ? mono : undefined}>{v}</span>;
            },
          }))}
        />
      )}
    </Flex>
  );
}
