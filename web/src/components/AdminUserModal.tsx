import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../api/client';
import { ApiError } from '../api/errors';
import type { ManagedUser } from '../api/types';
import type { Role } from '../app/access';
import { useApiError } from '../app/useApiError';
import { useAuth } from '../auth/auth';
import { useT } from '../i18n/i18n';
import type { Department } from './AdminDepartmentTree';

export type { ManagedUser };

const ALL_ROLES: Role[] = ['admin', 'dept_admin', 'dept_user', 'auditor'];
export const DEPT_ROLES: Role[] = ['dept_admin', 'dept_user'];

type Values = { username: string; displayName: string; departmentId: string; roles: Role[]; password?: string };

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/** Creates a user (user === null) or edits one. A department admin works only in their department and grants only department roles. */
export function AdminUserModal({
  open,
  user,
  departments,
  defaultDepartmentId,
  onClose,
}: {
  open: boolean;
  user: ManagedUser | null;
  departments: readonly Department[];
  defaultDepartmentId?: string;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const { user: me } = useAuth();
  const [form] = Form.useForm<Values>();
  const isBureau = !!me?.roles.includes('admin');
  const editing = user !== null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      user
        ? { username: user.username, displayName: user.displayName, departmentId: user.departmentId, roles: user.roles }
        : { departmentId: isBureau ? defaultDepartmentId : me?.departmentId, roles: ['dept_user'] },
    );
  }, [open, user, form, isBureau, defaultDepartmentId, me]);

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (!user) {
        return unwrap(
          api.POST('/api/v1/users', {
            body: { username: v.username.trim(), displayName: v.displayName.trim(), departmentId: v.departmentId, roles: v.roles, password: v.password ?? '' },
          }),
        );
      }
      // Only what changed: a department admin resending roles they may not grant would be refused.
      const body: { displayName?: string; departmentId?: string; roles?: Role[]; password?: string } = {};
      if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
      if (v.departmentId !== user.departmentId) body.departmentId = v.departmentId;
      if (!sameRoles(v.roles, user.roles)) body.roles = v.roles;
      if (v.password) body.password = v.password;
      return unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body }));
    },
    onSuccess: async (saved) => {
      message.success(editing ? t('admin.user.updated', { name: saved.displayName }) : t('admin.user.created', { name: saved.displayName }));
      await qc.invalidateQueries({ queryKey: ['users'] });
      if (saved.id === me?.id) await qc.invalidateQueries({ queryKey: ['me'] });
      onClose();
    },
    onError: (err) => {
      // A taken username is a conflict, not a field error on the server's side; it belongs on the field all the same.
      if (!user && err instanceof ApiError && err.status === 409) form.setFields([{ name: 'username', errors: [err.message] }]);
      onError(err, form);
    },
  });

  const grantable = isBureau ? ALL_ROLES : DEPT_ROLES;
  // A role the user already holds stays visible even when this admin may not grant it.
  const roleOptions = [...new Set([...grantable, ...(user?.roles ?? [])])].map((r) => ({ value: r, label: t(`role.${r}`), disabled: !grantable.includes(r) }));
  const deptOptions = (isBureau ? departments : departments.filter((d) => d.id === me?.departmentId)).map((d) => ({ value: d.id, label: d.name }));

  return (
    <Modal
      open={open}
      title={editing ? t('admin.user.editTitle', { name: user.username }) : t('admin.user.createTitle')}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      forceRender
      width={560}
    >
      {!isBureau && <Alert type="info" showIcon title={t('admin.user.deptAdminHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark autoComplete="off">
        <Form.Item
          label={t('admin.user.username')}
          name="username"
          extra={editing ? undefined : t('admin.user.usernameHelp')}
          rules={
            editing
              ? []
              : [
                  { required: true, message: t('admin.user.usernameRequired') },
                  { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: t('admin.user.usernameRule') },
                ]
          }
        >
          <Input disabled={editing} autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          label={t('admin.user.displayName')}
          name="displayName"
          rules={[{ required: true, whitespace: true, message: t('admin.user.displayNameRequired') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item label={t('admin.user.department')} name="departmentId" rules={[{ required: true, message: t('admin.user.departmentRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={deptOptions} disabled={!isBureau} placeholder={t('admin.user.departmentPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('admin.user.roles')} name="roles" rules={[{ required: true, message: t('admin.user.rolesRequired') }]}>
          <Select mode="multiple" options={roleOptions} placeholder={t('admin.user.rolesPlaceholder')} />
        </Form.Item>
        <Form.Item
          label={editing ? t('admin.user.newPassword') : t('admin.user.password')}
          name="password"
          extra={editing ? t('admin.user.newPasswordHelp') : t('admin.user.passwordHelp')}
          rules={[
            { required: !editing, message: t('admin.user.passwordRequired') },
            { pattern: /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/, message: t('admin.user.passwordRule') },
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
