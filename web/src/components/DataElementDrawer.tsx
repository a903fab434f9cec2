import { Descriptions, Drawer, Empty, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { maskExample } from '../pages/data-elements/element-form';
import { formatTime } from './AdminFormat';

type DataElement = components['schemas']['DataElement'];

/** One data element: its definition, value domain and masking rule. */
export function DataElementDrawer({ element, open, onClose, extra }: { element: DataElement | null; open: boolean; onClose: () => void; extra?: ReactNode }) {
  const t = useT();
  const e = element;
  const vd = e?.valueDomain;
  const example = e ? maskExample(e.masking) : null;
  return (
    <Drawer open={open} onClose={onClose} size={560} title={e ? `${e.identifier} ${e.name}` : t('dataElements.view.title')} extra={extra} destroyOnHidden>
      {e && vd && (
        <>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 120 } }}>
            <Descriptions.Item label={t('dataElements.col.identifier')}>
              <Typography.Text copyable>{e.identifier}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('dataElements.col.name')}>{e.name}</Descriptions.Item>
            <Descriptions.Item label={t('dataElements.field.definition')}>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{e.definition}</Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('dataElements.col.dataType')}>{t(`enum.itemType.${e.dataType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('dataElements.col.length')}>{e.length ?? t('dataElements.length.unbounded')}</Descriptions.Item>
            <Descriptions.Item label={t('dataElements.field.domainKind')}>
              <Tag color="blue">{t(`dataElements.domain.kind.${vd.kind}`)}</Tag>
            </Descriptions.Item>
            {vd.kind === 'pattern' && (
              <Descriptions.Item label={t('dataElements.field.pattern')}>
                <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                  {vd.pattern}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {vd.kind === 'validator' && (
              <Descriptions.Item label={t('dataElements.field.validator')}>{t(`dataElements.validator.${vd.name}`)}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('dataElements.col.masking')}>
              <div>{t(`dataElements.masking.${e.masking}`)}</div>
              {example && e.masking !== 'none' && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('dataElements.masking.example', { before: example.before, after: example.after })}
                </Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('dataElements.field.updatedAt')}>{formatTime(e.updatedAt)}</Descriptions.Item>
          </Descriptions>
          {vd.kind === 'enum' && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('dataElements.field.enumValues', { n: vd.values.length })}
              </Typography.Title>
              <Table
                size="small"
                bordered
                rowKey="code"
                pagination={vd.values.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                dataSource={vd.values}
                locale={{ emptyText: <Empty description={t('common.empty')} /> }}
                columns={[
                  { title: t('dataElements.field.enumCode'), dataIndex: 'code', width: 120 },
                  { title: t('dataElements.field.enumLabel'), dataIndex: 'label' },
                ]}
              />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
