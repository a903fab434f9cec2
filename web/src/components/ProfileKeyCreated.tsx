import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../i18n/i18n';
import { copyText } from './AdminFormat';

/** Shows a new API key once, with a copy button; closing the dialog forgets it. */
export function ProfileKeyCreated({ created, onClose }: { created: { name: string; key: string } | null; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key starts uncopied
  useEffect(() => setCopied(false), [created]);

  const copy = async () => {
    if (!created) return;
    if (await copyText(created.key)) {
      setCopied(true);
      message.success(t('profile.key.copied'));
    } else message.warning(t('profile.key.copyFailed'));
  };

  return (
    <Modal
      open={created !== null}
      title={t('profile.key.createdTitle', { name: created?.name ?? '' })}
      onCancel={onClose}
      maskClosable={false}
      keyboard={false}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('profile.key.savedIt')}
        </Button>
      }
      width={600}
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('profile.key.onceWarning')} description={t('profile.key.onceDetail')} />
        <Space.Compact style={{ width: '100%' }}>
          <Input
            readOnly
            value={created?.key ?? ''}
            aria-label={t('profile.key.value')}
            style={{ fontFamily: 'monospace' }}
            onFocus={(e) => e.target.select()}
          />
          <Button type="primary" icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={copy}>
            {copied ? t('profile.key.copiedShort') : t('profile.key.copy')}
          </Button>
        </Space.Compact>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('profile.key.usage')}
          <Typography.Text code>Authorization: Bearer {created ? `${created.key.slice(0, 10)}…` : ''}</Typography.Text>
        </Typography.Paragraph>
      </Space>
    </Modal>
  );
}
