import { Flex, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { paths } from '../api/schema';
import { useT } from '../i18n/i18n';
import { Highlight } from './SearchHighlight';
import { OpenTypeTag, ShareTypeTag, StatusTag } from './SearchTags';

export type SearchHit = paths['/api/v1/catalog/resources']['get']['responses'][200]['content']['application/json']['items'][number];

const clamp = (lines: number) =>
  ({ display: '-webkit-box', WebkitLineClamp: lines, WebkitBoxOrient: 'vertical', overflow: 'hidden', overflowWrap: 'anywhere' }) as const;

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="secondary">{label}</Typography.Text> {children}
    </span>
  );
}

/** One search hit: name (to the detail), code, provider, classification, tags, abstract and items, with the query's words marked. */
export function SearchResult({ hit, terms }: { hit: SearchHit; terms: string[] }) {
  const t = useT();
  return (
    <article style={{ padding: '14px 0', borderBottom: '1px solid #f0f0f0' }}>
      <Flex gap={8} align="baseline" wrap>
        <Link to={`/catalog/${hit.id}`} style={{ fontSize: 16, fontWeight: 500, overflowWrap: 'anywhere' }}>
          <Highlight text={hit.name} terms={terms} />
        </Link>
        {hit.status !== 'published' && <StatusTag status={hit.status} />}
      </Flex>
      <Flex gap="4px 16px" wrap style={{ fontSize: 13, margin: '4px 0 6px' }}>
        <Meta label={t('catalog.search.meta.code')}>
          <Typography.Text copyable={{ text: hit.code }} style={{ fontFamily: 'ui-monospace, Consolas, monospace', fontSize: 12 }}>
            {hit.code}
          </Typography.Text>
        </Meta>
        <Meta label={t('catalog.search.meta.provider')}>{hit.providerName}</Meta>
        <Meta label={t('catalog.search.meta.classification')}>{hit.classificationName}</Meta>
        <Meta label={t('catalog.search.meta.updateCycle')}>{t(`enum.updateCycle.${hit.updateCycle}`)}</Meta>
      </Flex>
      <Space size={[0, 4]} wrap style={{ marginBottom: 6 }}>
        <ShareTypeTag value={hit.shareType} />
        <OpenTypeTag value={hit.openType} />
        <Tag>
          {t(`enum.format.${hit.format}`)}
          {hit.formatType ? ` · ${hit.formatType}` : ''}
        </Tag>
      </Space>
      <Typography.Paragraph style={{ ...clamp(2), margin: 0, color: '#434343' }} title={hit.abstract}>
        <Highlight text={hit.abstract} terms={terms} />
      </Typography.Paragraph>
      {hit.itemNames.length > 0 && (
        <div style={{ ...clamp(1), fontSize: 13, marginTop: 4 }}>
          <Typography.Text type="secondary">{t('catalog.search.items', { count: hit.itemCount })}</Typography.Text>{' '}
          <Highlight text={hit.itemNames.join(t('catalog.search.listSep'))} terms={terms} />
        </div>
      )}
    </article>
  );
}
