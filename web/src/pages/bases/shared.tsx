import { EyeInvisibleOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Tag } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../../api/errors';
import type { BaseName } from '../../api/types';
import { useT } from '../../i18n/i18n';

// What the base databases page shares: the bases in order, field labels in the console's
// language (the server's labels are Chinese), and the 已脱敏 tag.

export const BASE_NAMES: BaseName[] = ['population', 'legal_entity', 'license'];
export const mono = { fontFamily: 'ui-monospace, Consolas, monospace' } as const;

/** A field's label in the current language; the server's label if the console does not know the field. */
export function useFieldLabel(base: BaseName) {
  const t = useT();
  return useCallback(
    (field: string, fallback?: string) => {
      const key = `bases.field.${base}.${field}`;
      const text = t(key);
      return text === key ? (fallback ?? field) : text;
    },
    [t, base],
  );
}

export function MaskedTag() {
  const t = useT();
  return (
    <Tag color="orange" icon={<EyeInvisibleOutlined aria-hidden />} style={{ marginInlineStart: 6 }}>
      {t('bases.masked')}
    </Tag>
  );
}

/** The server's refusal (403) when the caller neither feeds the base nor holds a grant on its entry. */
export const refusalOf = (e: unknown) => (e instanceof ApiError && e.status === 403 ? e.message : null);

/** 需要授权: shown in place of records the caller may not read, with the way to ask for them. */
export function NeedsGrant({ message, resourceId }: { message: string; resourceId?: string | null }) {
  const t = useT();
  return (
    <Alert
      type="warning"
      showIcon
      icon={<LockOutlined aria-hidden />}
      title={t('bases.needsGrant')}
      description={message}
      action={resourceId ? <Link to={`/catalog/${resourceId}`}>{t('bases.needsGrant.request')}</Link> : undefined}
    />
  );
}
