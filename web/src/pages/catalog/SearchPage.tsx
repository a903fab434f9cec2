import { CloseOutlined, DownloadOutlined, FilterOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Collapse, Empty, Flex, Grid, Input, Pagination, Row, Segmented, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { AUTHORS, type Role } from '../../app/access';
import { useQueryError } from '../../app/useApiError';
import { useAuth } from '../../auth/auth';
import { ENUM_FACETS, FACETS, type FacetName, SearchFacets } from '../../components/SearchFacets';
import { SearchResult } from '../../components/SearchResult';
import { useT } from '../../i18n/i18n';

type ClassificationNode = components['schemas']['ClassificationNode'];
type Query = NonNullable<paths['/api/v1/catalog/resources']['get']['parameters']['query']>;
type Scope = NonNullable<Query['scope']>;
type Sort = NonNullable<Query['sort']>;
type Status = NonNullable<Query['status']>;

const SORTS: Sort[] = ['relevance', 'updated', 'name', 'code'];
const STATUSES: Status[] = ['draft', 'submitted', 'returned', 'published'];
const PAGE_SIZES = [10, 20, 50];

/** The scopes a user may search: the published catalog; their department's; everything (bureau admin, auditor). */
function scopesFor(roles: readonly Role[]): Scope[] {
  const s: Scope[] = ['published'];
  if (roles.some((r) => AUTHORS.includes(r))) s.push('mine');
  if (roles.includes('admin') || roles.includes('auditor')) s.push('all');
  return s;
}

/** The search lives in the URL, so back/forward, reload and shared links all work. Unknown values fall back to defaults. */
function readQuery(sp: URLSearchParams, scopes: Scope[]): Query {
  const pick = <T extends string>(v: string | null, allowed: readonly T[]) => (v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined);
  const int = (v: string | null) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : undefined);
  const q: Query = {
    q: sp.get('q')?.trim() || undefined,
    scope: pick(sp.get('scope'), scopes) ?? 'published',
    sort: pick(sp.get('sort'), SORTS) ?? 'relevance',
    page: int(sp.get('page')) ?? 1,
    pageSize: pick(sp.get('pageSize'), PAGE_SIZES.map(String)) ? Number(sp.get('pageSize')) : 20,
  };
  if (q.scope !== 'published') q.status = pick(sp.get('status'), STATUSES);
  for (const f of FACETS) {
    const v = sp.get(f);
    if (v) (q as Record<string, unknown>)[f] = v;
  }
  return q;
}

function toParams(q: Query): URLSearchParams {
  const defaults: Record<string, unknown> = { scope: 'published', sort: 'relevance', page: 1, pageSize: 20 };
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && defaults[k] !== v) sp.set(k, String(v));
  return sp;
}

/** 目录检索: Chinese full text, facets, paging and sort, every bit of it in the query string. */
export default function SearchPage() {
  const t = useT();
  const { user } = useAuth();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [sp, setSp] = useSearchParams();
  const roles = user?.roles ?? [];
  const scopes = scopesFor(roles);
  const query = readQuery(sp, scopes);
  const [text, setText] = useState(query.q ?? '');
  // Back/forward changes the URL under the box: follow it.
  useEffect(() => setText(query.q ?? ''), [query.q]);

  const result = useQuery({
    queryKey: ['catalog', 'search', query],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources', { params: { query } })),
    placeholderData: (prev) => prev,
  });
  useQueryError(result.error);

  // Facet labels seen so far, so a picked value keeps its name when nothing matches any more;
  // classification names come from the tree, for a 类 picked on the home page's chart.
  const tree = useQuery({
    queryKey: ['catalog', 'classifications'],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/classifications')),
    staleTime: 10 * 60_000,
  });
  const seen = useRef(new Map<string, string>());
  const walk = (nodes: ClassificationNode[]) => {
    for (const n of nodes) {
      seen.current.set(`classification:${n.code}`, n.name);
      walk(n.children);
    }
  };
  walk(tree.data ?? []);
  for (const f of FACETS) for (const v of result.data?.facets[f] ?? []) seen.current.set(`${f}:${v.value}`, v.label);
  const labelOf = (name: FacetName, value: string, fallback?: string) =>
    ENUM_FACETS.has(name) ? t(`enum.${name}.${value}`) : fallback && fallback !== value ? fallback : (seen.current.get(`${name}:${value}`) ?? value);

  const update = (patch: Partial<Query>, keepPage = false) => {
    const next = { ...query, ...patch };
    if (!keepPage) next.page = 1;
    setSp(toParams(next));
  };
  const picked = FACETS.filter((f) => query[f]);
  const clearAll = () => update({ ...Object.fromEntries(FACETS.map((f) => [f, undefined])), status: undefined });

  const exportHref = useMemo(() => {
    const { page: _p, pageSize: _s, ...rest } = query;
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== '') s.set(k, String(v));
    return `/api/v1/catalog/export?${s}`;
  }, [query]);

  const data = result.data;
  const terms = data?.terms ?? [];
  const narrow = !screens.lg;

  const facets = (
    <SearchFacets
      facets={data?.facets}
      selected={Object.fromEntries(picked.map((f) => [f, String(query[f])]))}
      labelOf={labelOf}
      onPick={(name, value) => update({ [name]: value })}
    />
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: narrow ? 12 : 20 } }}>
        <Flex vertical gap={12}>
          <Flex gap={12} wrap align="center">
            <Typography.Title level={4} style={{ margin: 0, flex: 'none' }}>
              {t('catalog.search.title')}
            </Typography.Title>
            {scopes.length > 1 && (
              <Segmented<Scope>
                aria-label={t('catalog.search.scope')}
                value={query.scope}
                onChange={(scope) => update({ scope, status: undefined })}
                options={scopes.map((s) => ({ value: s, label: t(`catalog.search.scope.${s}`) }))}
              />
            )}
          </Flex>
          <Input.Search
            aria-label={t('catalog.search.box')}
            placeholder={t('catalog.search.placeholder')}
            enterButton={t('action.search')}
            size="large"
            allowClear
            value={text}
            maxLength={200}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            loading={result.isFetching && !!query.q}
          />
          <Flex gap={12} wrap align="center" justify="space-between">
            <Space wrap size={12}>
              <Space size={6}>
                <label htmlFor="catalog-sort">{t('catalog.search.sort')}</label>
                <Select<Sort>
                  id="catalog-sort"
                  aria-label={t('catalog.search.sort')}
                  value={query.sort}
                  onChange={(sort) => update({ sort })}
                  style={{ width: 120 }}
                  options={SORTS.map((s) => ({ value: s, label: t(`catalog.search.sort.${s}`) }))}
                />
              </Space>
              {query.scope !== 'published' && (
                <Space size={6}>
                  <label htmlFor="catalog-status">{t('catalog.search.status')}</label>
                  <Select<Status | ''>
                    id="catalog-status"
                    aria-label={t('catalog.search.status')}
                    value={query.status ?? ''}
                    onChange={(status) => update({ status: status || undefined })}
                    style={{ width: 130 }}
                    options={[{ value: '', label: t('catalog.search.status.any') }, ...STATUSES.map((s) => ({ value: s, label: t(`enum.status.${s}`) }))]}
                  />
                </Space>
              )}
            </Space>
            <Space wrap>
              <Button icon={<DownloadOutlined />} href={exportHref} disabled={!data?.total}>
                {t('catalog.search.export')}
              </Button>
              {roles.some((r) => AUTHORS.includes(r)) && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/catalog/new')}>
                  {t('catalog.search.new')}
                </Button>
              )}
            </Space>
          </Flex>
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={6}>
          {narrow ? (
            <Collapse
              items={[
                {
                  key: 'f',
                  label: (
                    <Space>
                      <FilterOutlined />
                      {t('catalog.search.filters')}
                      {picked.length > 0 && <Typography.Text type="secondary">({picked.length})</Typography.Text>}
                    </Space>
                  ),
                  children: facets,
                },
              ]}
            />
          ) : (
            <Card title={t('catalog.search.filters')} size="small" styles={{ body: { paddingBottom: 0 } }}>
              {facets}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={18}>
          <Card
            size="small"
            aria-busy={result.isFetching}
            title={
              <span role="status">
                {data
                  ? query.q
                    ? t('catalog.search.foundFor', { q: query.q, total: data.total })
                    : t('catalog.search.found', { total: data.total })
                  : t('common.loading')}
              </span>
            }
          >
            {(picked.length > 0 || query.status) && (
              <Flex gap={6} wrap align="center" style={{ marginBottom: 8 }}>
                <Typography.Text type="secondary">{t('catalog.search.filtersShown')}</Typography.Text>
                {picked.map((f) => {
                  const label = t('catalog.search.filterChip', { facet: t(`catalog.search.facet.${f}`), value: labelOf(f, String(query[f])) });
                  return (
                    <Button
                      key={f}
                      size="small"
                      icon={<CloseOutlined />}
                      iconPlacement="end"
                      aria-label={t('catalog.search.removeFilter', { label })}
                      onClick={() => update({ [f]: undefined })}
                    >
                      {label}
                    </Button>
                  );
                })}
                {query.status && (
                  <Button
                    size="small"
                    icon={<CloseOutlined />}
                    iconPlacement="end"
                    aria-label={t('catalog.search.removeFilter', { label: t(`enum.status.${query.status}`) })}
                    onClick={() => update({ status: undefined })}
                  >
                    {t('catalog.search.filterChip', { facet: t('catalog.search.status'), value: t(`enum.status.${query.status}`) })}
                  </Button>
                )}
                <Button size="small" type="link" onClick={clearAll}>
                  {t('catalog.search.clearFilters')}
                </Button>
              </Flex>
            )}
            <Spin spinning={result.isFetching}>
              {data && data.items.length === 0 ? (
                <Empty
                  style={{ padding: '32px 0' }}
                  description={
                    <Space orientation="vertical" size={0}>
                      <Typography.Text>{t('catalog.search.empty')}</Typography.Text>
                      <Typography.Text type="secondary">{t('catalog.search.emptyHint')}</Typography.Text>
                    </Space>
                  }
                />
              ) : (
                <ol aria-label={t('catalog.search.results')} style={{ listStyle: 'none', margin: 0, padding: 0, minHeight: data ? undefined : 200 }}>
                  {data?.items.map((hit) => (
                    <li key={hit.id}>
                      <SearchResult hit={hit} terms={terms} />
                    </li>
                  ))}
                </ol>
              )}
            </Spin>
            {data && data.total > 0 && (
              <Flex justify="end" style={{ marginTop: 16 }}>
                <Pagination
                  current={query.page}
                  pageSize={query.pageSize}
                  total={data.total}
                  showSizeChanger
                  pageSizeOptions={PAGE_SIZES}
                  showTotal={(total) => t('common.total', { total })}
                  size={narrow ? 'small' : undefined}
                  simple={!screens.sm}
                  onChange={(page, pageSize) => {
                    update({ page, pageSize }, pageSize === query.pageSize);
                    window.scrollTo({ top: 0 });
                  }}
                />
              </Flex>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
