import { useT } from '../../i18n/i18n';

export default function EditPage() {
  const t = useT();
  return <div>{t('common.loading')}</div>;
}
