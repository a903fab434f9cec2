import { EyeInvisibleOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useCallback } from 'react';
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
