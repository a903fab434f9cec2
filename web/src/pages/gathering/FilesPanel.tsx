import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Progress, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import type { FileVersion, Mount } from '../../api/types';
import { type Sending, sendFile } from '../../api/upload';
import { useApiError, useQueryError } from '../../app/useApiError';
import { formatTime } from '../../components/AdminFormat';
import { useT } from '../../i18n/i18n';
import { mono, useMountAccess } from './shared';
import { formatBytes } from './upload-view';

const fileHref = (mountId: string, version: number) => `/api/v1/mounts/${mountId}/files/${version}`;

/** Sends one file as a new version, reporting upload progress. */
/** 文件版本: every version of a file mount, newest first; the provider uploads the next one. */
export function FilesPanel({ mount }: { mount: Mount }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiError();
  const { mayLoad, mayInspect } = useMountAccess(mount);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const files = useQuery({
    queryKey: ['gathering', 'mount', mount.id, 'files'],
    queryFn: () => unwrap(api.GET('/api/v1/mounts/{id}/files', { params: { path: { id: mount.id } } })),
  });
  useQueryError(files.error);

  return (
    <Flex vertical gap={12}>
      {mayLoad && (
        <Flex gap={12} align="center" wrap>
          <Upload
            showUploadList={false}
            multiple={false}
            disabled={!!progress}
            beforeUpload={(file) => {
              setProgress({ name: file.name, percent: 0 });
              const url = `/api/v1/mounts/${mount.id}/files?${new URLSearchParams({ filename: file.name })}`;
              const onProgress = (s: Sending) => setProgress({ name: file.name, percent: s.total ? Math.floor((s.loaded / s.total) * 100) : 0 });
              sendFile<{ version: number }>(url, file, file.type || 'application/octet-stream', onProgress)
                .done.then(async (out) => {
                  message.success(t('gathering.files.uploaded', { version: out.version }));
                  await qc.invalidateQueries({ queryKey: ['gathering'] });
                })
                .catch(onError)
                .finally(() => setProgress(null));
              return Upload.LIST_IGNORE;
            }}
          >
            <Button type="primary" icon={<UploadOutlined aria-hidden />} loading={!!progress}>
              {t('gathering.files.upload')}
            </Button>
          </Upload>
          {progress ? (
            <Flex vertical style={{ flex: '1 1 240px', minWidth: 0 }}>
              <Typography.Text ellipsis>{progress.name}</Typography.Text>
              <Progress percent={progress.percent} status="active" aria-label={t('gathering.upload.sendingBar')} />
            </Flex>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('gathering.files.uploadHelp')}
            </Typography.Text>
          )}
        </Flex>
      )}
      <Table<FileVersion>
        size="small"
        rowKey="version"
        aria-label={t('gathering.tab.files')}
        loading={files.isLoading}
        dataSource={files.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('gathering.files.empty') }}
        columns={[
          {
            title: t('gathering.run.version'),
            dataIndex: 'version',
            render: (v: number) => (
              <Tag color={v === mount.currentVersion ? 'blue' : undefined}>
                {t('gathering.versionN', { version: v })}
                {v === mount.currentVersion ? ` · ${t('gathering.files.current')}` : ''}
              </Tag>
            ),
          },
          { title: t('gathering.files.name'), dataIndex: 'filename' },
          { title: t('gathering.run.size'), dataIndex: 'size', align: 'right', render: (n: number) => formatBytes(n) },
          {
            title: 'SHA-256',
            dataIndex: 'sha256',
            render: (h: string) => (
              <Typography.Text copyable={{ text: h }} style={mono}>
                {h.slice(0, 12)}…
              </Typography.Text>
            ),
          },
          { title: t('gathering.files.uploadedAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
          ...(mayInspect
            ? [
                {
                  title: t('common.actions'),
                  key: 'download',
                  render: (_: unknown, f: FileVersion) => (
                    <Button
                      type="link"
                      size="small"
                      icon={<DownloadOutlined aria-hidden />}
                      href={fileHref(mount.id, f.version)}
                      download
                      aria-label={t('gathering.files.downloadVersion', { version: f.version })}
                    >
                      {t('gathering.files.download')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {!mayInspect && <Typography.Text type="secondary">{t('gathering.files.needGrant')}</Typography.Text>}
    </Flex>
  );
}
