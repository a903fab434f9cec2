import { useQuery } from '@tanstack/react-query';
import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client';
import { useT } from '../i18n/i18n';
import { classificationOptions } from '../pages/catalog/form-rules';

type Props = Omit<TreeSelectProps<string>, 'treeData' | 'onChange'> & {
  /** The department whose own branch of 部门信息资源 is offered. */
  departmentId: string | null | undefined;
  onChange?: (code: string | undefined) => void;
};

/** The classification tree: only 项 or deeper may be chosen, and of 部门信息资源 only one's own department. */
export function ClassificationPicker({ departmentId, ...rest }: Props) {
  const t = useT();
  const tree = useQuery({ queryKey: ['catalog', 'classifications'], queryFn: () => unwrap(api.GET('/api/v1/catalog/classifications')), staleTime: 300_000 });
  const treeData = useMemo(() => classificationOptions(tree.data ?? [], departmentId), [tree.data, departmentId]);
  return (
    <TreeSelect<string>
      {...rest}
      treeData={treeData}
      loading={tree.isLoading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      treeLine
      treeExpandAction="click"
      treeDefaultExpandedKeys={rest.value ? [rest.value.slice(0, 1), rest.value.slice(0, 3)] : []}
      placeholder={t('catalog.edit.classification.placeholder')}
      styles={{ popup: { root: { maxHeight: 420, overflow: 'auto' } } }}
      notFoundContent={tree.isError ? t('error.network') : t('common.empty')}
    />
  );
}
