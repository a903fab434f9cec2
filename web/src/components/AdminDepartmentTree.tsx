import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { type Key, useMemo, useState } from 'react';
import type { Department } from '../api/types';
import { useT } from '../i18n/i18n';

export type { Department };

export const ALL_DEPARTMENTS = '__all__';

/** The departments as a forest by parentId: the bureau first, then by provider code; an orphan (parent not listed) is a root. */
export function departmentForest(list: readonly Department[]): { dept: Department; children: ReturnType<typeof departmentForest> }[] {
  const ids = new Set(list.map((d) => d.id));
  const byParent = new Map<string | null, Department[]>();
  for (const d of list) {
    const p = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), d]);
  }
  const order = (a: Department, b: Department) => Number(b.isBureau) - Number(a.isBureau) || a.code.localeCompare(b.code);
  const build = (parent: string | null): { dept: Department; children: ReturnType<typeof departmentForest> }[] =>
    (byParent.get(parent) ?? []).sort(order).map((dept) => ({ dept, children: build(dept.id) }));
  return build(null);
}

/** The ids of a department and everything under it (a department cannot move under itself). */
export function departmentAndDescendants(list: readonly Department[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of list) {
      if (d.parentId && out.has(d.parentId) && !out.has(d.id)) {
        out.add(d.id);
        grew = true;
      }
    }
  }
  return out;
}

const matches = (d: Department, q: string) => [d.name, d.shortName, d.code].some((s) => s.toLowerCase().includes(q));

export function AdminDepartmentTree({
  departments,
  selectedId,
  onSelect,
  showAll,
  height,
}: {
  departments: readonly Department[];
  selectedId: string;
  onSelect: (id: string) => void;
  /** Offer a first node "all departments" (the bureau admin). */
  showAll: boolean;
  height: number;
}) {
  const t = useT();
  const [filter, setFilter] = useState('');
  const q = filter.trim().toLowerCase();

  const { treeData, keys } = useMemo(() => {
    const all: string[] = [];
    const toNode = ({ dept, children }: ReturnType<typeof departmentForest>[number]): DataNode | null => {
      const kids = children.map(toNode).filter((n): n is DataNode => n !== null);
      if (q && !matches(dept, q) && kids.length === 0) return null;
      all.push(dept.id);
      return {
        key: dept.id,
        title: (
          <span>
            {dept.name}
            {dept.isBureau && (
              <Tag color="blue" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                {t('admin.dept.bureauTag')}
              </Tag>
            )}
          </span>
        ),
        children: kids.length ? kids : undefined,
      };
    };
    const nodes = departmentForest(departments)
      .map(toNode)
      .filter((n): n is DataNode => n !== null);
    if (showAll && !q) nodes.unshift({ key: ALL_DEPARTMENTS, title: t('admin.dept.all', { count: departments.length }) });
    return { treeData: nodes, keys: all };
  }, [departments, q, showAll, t]);

  const [expanded, setExpanded] = useState<Key[] | null>(null);

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      {departments.length > 1 && (
        <Input
          prefix={<SearchOutlined aria-hidden />}
          allowClear
          aria-label={t('admin.dept.filter')}
          placeholder={t('admin.dept.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      {treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<Typography.Text type="secondary">{t('admin.dept.noMatch')}</Typography.Text>} />
      ) : (
        <Tree
          aria-label={t('admin.dept.tree')}
          blockNode
          height={height}
          treeData={treeData}
          selectedKeys={[selectedId]}
          // Filtering expands everything so that the matches show; otherwise the user decides.
          expandedKeys={q ? keys : (expanded ?? keys)}
          onExpand={(k) => setExpanded(k)}
          onSelect={(k) => {
            // Clicking the selected node again would clear the selection: keep it.
            if (k.length) onSelect(String(k[0]));
          }}
        />
      )}
    </Space>
  );
}
