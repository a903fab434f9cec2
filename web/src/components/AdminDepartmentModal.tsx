import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Col, Form, Input, Modal, Row, TreeSelect } from 'antd';
import { useEffect, useMemo } from 'react';
import { api, unwrap } from '../api/client';
import { useApiError } from '../app/useApiError';
import { useT } from '../i18n/i18n';
import { type Department, departmentAndDescendants, departmentForest } from './AdminDepartmentTree';

type Values = { name: string; shortName?: string; code: string; creditCode: string; parentId?: string | null };

type TreeOption = { value: string; title: string; disabled?: boolean; children?: TreeOption[] };

/** Creates a department (department === null) or edits one; the bureau admin only. */
export function AdminDepartmentModal({
  open,
  department,
  departments,
  onClose,
  onSaved,
}: {
  open: boolean;
  department: Department | null;
  departments: readonly Department[];
  onClose: () => void;
  onSaved?: (d: Department) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const editing = department !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (department)
      form.setFieldsValue({
        name: department.name,
        shortName: department.shortName,
        code: department.code,
        creditCode: department.creditCode,
        parentId: department.parentId ?? undefined,
      });
  }, [open, department, form]);

  // A department cannot be placed under itself or under one of its own sub-departments.
  const parentOptions = useMemo(() => {
    const blocked = department ? departmentAndDescendants(departments, department.id) : new Set<string>();
    const toOption = ({ dept, children }: ReturnType<typeof departmentForest>[number]): TreeOption => ({
      value: dept.id,
      title: dept.name,
      disabled: blocked.has(dept.id),
      children: children.length ? children.map(toOption) : undefined,
    });
    return departmentForest(departments).map(toOption);
  }, [departments, department]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const body = {
        name: v.name.trim(),
        shortName: v.shortName?.trim() || undefined,
        code: v.code.trim(),
        creditCode: v.creditCode.trim().toUpperCase(),
        parentId: v.parentId ?? null,
      };
      if (!department) return unwrap(api.POST('/api/v1/departments', { body }));
      const patch: Partial<typeof body> = {};
      if (body.name !== department.name) patch.name = body.name;
      if (body.shortName !== undefined && body.shortName !== department.shortName) patch.shortName = body.shortName;
      if (body.code !== department.code) patch.code = body.code;
      if (body.creditCode !== department.creditCode) patch.creditCode = body.creditCode;
      if (body.parentId !== department.parentId) patch.parentId = body.parentId;
      return unwrap(api.PATCH('/api/v1/departments/{id}', { params: { path: { id: department.id } }, body: patch }));
    },
    onSuccess: async (saved) => {
      message.success(editing ? t('admin.dept.updated', { name: saved.name }) : t('admin.dept.created', { name: saved.name }));
      await qc.invalidateQueries({ queryKey: ['departments'] });
      // Users carry their department's name.
      await qc.invalidateQueries({ queryKey: ['users'] });
      onSaved?.(saved);
      onClose();
    },
    onError: (err) => onError(err, form),
  });

  return (
    <Modal
      open={open}
      title={editing ? t('admin.dept.editTitle', { name: department.name }) : t('admin.dept.createTitle')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
      width={640}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} autoComplete="off">
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              label={t('admin.dept.name')}
              name="name"
              rules={[
                { required: true, whitespace: true, message: t('admin.dept.nameRequired') },
                { min: 2, message: t('admin.dept.nameRule') },
              ]}
            >
              <Input maxLength={100} placeholder={t('admin.dept.namePlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item label={t('admin.dept.shortName')} name="shortName" extra={t('admin.dept.shortNameHelp')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              label={t('admin.dept.code')}
              name="code"
              extra={t('admin.dept.codeHelp')}
              rules={[
                { required: true, message: t('admin.dept.codeRequired') },
                { pattern: /^[0-9A-Za-z]{3,20}$/, message: t('admin.dept.codeRule') },
              ]}
            >
              <Input maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              label={t('admin.dept.creditCode')}
              name="creditCode"
              extra={t('admin.dept.creditCodeHelp')}
              normalize={(v: string) => v.toUpperCase()}
              rules={[
                { required: true, message: t('admin.dept.creditCodeRequired') },
                { len: 18, message: t('admin.dept.creditCodeLength') },
              ]}
            >
              <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label={t('admin.dept.parent')} name="parentId" extra={t('admin.dept.parentHelp')}>
              <TreeSelect
                allowClear
                showSearch
                treeNodeFilterProp="title"
                treeDefaultExpandAll
                treeData={parentOptions}
                placeholder={t('admin.dept.parentPlaceholder')}
                styles={{ popup: { root: { maxHeight: 360, overflow: 'auto' } } }}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
