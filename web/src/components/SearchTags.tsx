import { Tag } from 'antd';
import { useT } from '../i18n/i18n';

const statusColor: Record<string, string> = { draft: 'default', submitted: 'processing', published: 'success', returned: 'error', superseded: 'default' };
const shareColor: Record<string, string> = { unconditional: 'green', conditional: 'gold', none: 'default' };
const openColor: Record<string, string> = { open: 'cyan', conditional: 'purple', closed: 'default' };

export function StatusTag({ status }: { status: string }) {
  const t = useT();
  return <Tag color={statusColor[status] ?? 'default'}>{t(`enum.status.${status}`)}</Tag>;
}

export function ShareTypeTag({ value }: { value: string }) {
  const t = useT();
  return <Tag color={shareColor[value] ?? 'default'}>{t(`enum.shareType.${value}`)}</Tag>;
}

export function OpenTypeTag({ value }: { value: string }) {
  const t = useT();
  return <Tag color={openColor[value] ?? 'default'}>{t(`enum.openType.${value}`)}</Tag>;
}

/** Chart colours that match the tags. */
export const shareTypeColors: Record<string, string> = { unconditional: '#52c41a', conditional: '#faad14', none: '#bfbfbf' };
export const openTypeColors: Record<string, string> = { open: '#13c2c2', conditional: '#722ed1', closed: '#bfbfbf' };
