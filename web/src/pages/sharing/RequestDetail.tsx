import { Descriptions, type DescriptionsProps, Drawer, Grid, Typography } from 'antd';
import { Link } from 'react-router';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { DeadlineTag, DeliveryTag, FilterText, ItemTags, RequestStatusTag, ResourceCell } from './shared';
import type { ShareRequest } from './types';
import { pendingStep } from './view';

type Item = NonNullable<DescriptionsProps['items']>[number];

/** Every field of one request, in a drawer: what was asked, for what, and where it stands. */
export function RequestDrawer({ request, onClose, extra }: { request: ShareRequest | null; onClose: () => void; extra?: React.ReactNode }) {
  const t = useT();
  const screens = Grid.useBreakpoint();
  const r = request;
  const step = r && pendingStep(r);
  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const items: Item[] = r
    ? [
        { key: 'resource', label: t('sharing.field.resource'), children: <ResourceCell id={r.resourceId} name={r.resourceName} code={r.resourceCode} /> },
        { key: 'status', label: t('sharing.field.status'), children: <RequestStatusTag status={r.status} /> },
        ...(step
          ? [
              {
                key: 'due',
                label: t(`sharing.field.due.${step.step}`),
                children: (
                  <span>
                    {formatTime(step.due)} <DeadlineTag due={step.due} overdue={r.overdue} />
                  </span>
                ),
              },
            ]
          : []),
        { key: 'provider', label: t('sharing.field.provider'), children: r.providerDepartmentName },
        { key: 'consumer', label: t('sharing.field.consumer'), children: `${r.consumerDepartmentName}${r.requester ? ` · ${r.requester}` : ''}` },
        { key: 'items', label: t('sharing.field.items'), children: <ItemTags items={r.items} /> },
        { key: 'purpose', label: t('sharing.field.purpose'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.purpose}</span> },
        { key: 'legalBasis', label: t('sharing.field.legalBasis'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{r.legalBasis}</span> },
        { key: 'filter', label: t('sharing.field.rowFilter'), children: <FilterText filter={r.rowFilter} /> },
        { key: 'delivery', label: t('sharing.field.delivery'), children: <DeliveryTag via={r.delivery} /> },
        { key: 'period', label: t('sharing.field.period'), children: t('sharing.period', { from: r.useFrom, to: r.useTo }) },
        { key: 'submitted', label: t('sharing.field.submittedAt'), children: formatTime(r.submittedAt) },
        { key: 'checked', label: t('sharing.field.checkedAt'), children: formatTime(r.checkedAt) || none },
        { key: 'decided', label: t('sharing.field.decidedAt'), children: formatTime(r.decidedAt) || none },
        ...(r.reason
          ? [
              {
                key: 'reason',
                label: t('sharing.field.reason'),
                children: <Typography.Text type={r.status === 'approved' ? undefined : 'danger'}>{r.reason}</Typography.Text>,
              },
            ]
          : []),
        ...(r.grantId
          ? [{ key: 'grant', label: t('sharing.field.grant'), children: <Link to={`/sharing/grants/${r.grantId}`}>{t('sharing.request.viewGrant')}</Link> }]
          : []),
      ]
    : [];
  return (
    <Drawer
      open={!!r}
      onClose={onClose}
      title={r ? t('sharing.request.detailOf', { name: r.resourceName }) : ''}
      size={screens.md ? 640 : '100%'}
      extra={extra}
    >
      <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 120 } }} />
    </Drawer>
  );
}
