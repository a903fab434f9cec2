import { useT } from '../../i18n/i18n';

export default function ReviewPage() {
  const t = useT();
  return <div>{t('common.loading')}</div>;
}
