import { useT } from '../../i18n/i18n';

export default function ImportPage() {
  const t = useT();
  return <div>{t('common.loading')}</div>;
}
