import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { BaseName } from '../../api/types';
import { useQueryError } from '../../app/useApiError';
import { useT } from '../../i18n/i18n';
import { BaseOverview } from './BaseOverview';
import { LookupPanel } from './LookupPanel';
import { RecordsPanel } from './RecordsPanel';
import { BASE_NAMES } from './shared';

/** 基础库: the three base databases, a lookup by key with each field's source, and a paged list. */
export default function BasesPage() {
  const t = useT();
  const [sp, setSp] = useSearchParams();
  const asked = sp.get('base') as BaseName | null;
  const active: BaseName = asked && BASE_NAMES.includes(asked) ? asked : 'population';

  const bases = useQuery({ queryKey: ['bases'], queryFn: () => unwrap(api.GET('/api/v1/bases')) });
  useQueryError(bases.error);
  const base = bases.data?.find((b) => b.name === active);

  return (
    <Flex vertical gap={16}>
      <Card styles={{ body: { padding: 16 } }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('menu.bases')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('bases.intro')}</Typography.Text>
          </div>
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => bases.refetch()} loading={bases.isFetching}>
            {t('action.refresh')}
          </Button>
        </Flex>
        <Tabs
          activeKey={active}
          onChange={(k) => setSp(k === 'population' ? {} : { base: k })}
          style={{ marginTop: 8, marginBottom: -16 }}
          items={BASE_NAMES.map((name) => {
            const b = bases.data?.find((x) => x.name === name);
            return {
              key: name,
              label: (
                <span>
                  {t(`bases.name.${name}`)}
                  {b && (
                    <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
                      {b.records.toLocaleString()}
                    </Typography.Text>
                  )}
                </span>
              ),
            };
          })}
        />
      </Card>
      <Card loading={bases.isLoading} styles={{ body: { padding: 16 } }}>
        {base && <BaseOverview base={base} />}
      </Card>
      {/* Keyed by base: a lookup or filter never carries over to another base. */}
      <LookupPanel key={`lookup-${active}`} base={active} resourceId={base?.resourceId} />
      {base && <RecordsPanel key={`list-${active}`} base={base} />}
    </Flex>
  );
}
