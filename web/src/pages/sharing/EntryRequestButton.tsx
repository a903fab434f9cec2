import { FormOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n';
import { requestable } from './forms';
import { mayConsume } from './permissions';
import { useWho } from './shared';
import type { Entry } from './types';

/**
 * 申请共享 on a catalog entry's page: opens the request form for this entry. Shown only to a
 * department's members, on a published conditional entry of another department.
 */
export function EntryRequestButton({ resource }: { resource: Pick<Entry, 'id' | 'shareType' | 'providerDepartmentId' | 'publishedVersion'> }) {
  const t = useT();
  const who = useWho();
  const navigate = useNavigate();
  if (!mayConsume(who) || requestable(resource, who.departmentId)) return null;
  return (
    <Button icon={<FormOutlined aria-hidden />} onClick={() => navigate(`/sharing/requests/new?resourceId=${resource.id}`)}>
      {t('sharing.entry.request')}
    </Button>
  );
}
