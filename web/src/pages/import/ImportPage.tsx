import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Progress, Radio, Result, Row, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../../api/client';
import { sendFile } from '../../api/upload';
import { useApiError, useQueryError } from '../../app/useApiError';
import { useAuth } from '../../auth/auth';
import { useT } from '../../i18n/i18n';
import { importedListLink, issuesCsv, jobView, PHASES, type SheetIssue } from './job-view';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MAX_BYTES = 50 * 1024 * 1024;
type Stage = 'draft' | 'submit' | 'publish';

/** Sends the workbook as the raw request body; the server answers with the job to poll. */
async function startImport(file: File, stage: Stage): Promise<string> {
  const qs = new URLSearchParams({ fileName: file.name, stage });
  return (await sendFile<{ jobId: string }>(`/api/v1/catalog/imports?${qs}`, file, XLSX).done).jobId;
}

function downloadCsv(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const formatSize = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

export default function ImportPage() {
  const t = useT();
  const { user } = useAuth();
  const { message } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage>('draft');
  const [upload, setUpload] = useState<{ file: File; stage: Stage; jobId: string | null } | null>(null);
  const [uploading, setUploading] = useState(false);
  const isBureau = !!user?.roles.includes('admin');

  const job = useQuery({
    queryKey: ['jobs', upload?.jobId],
    queryFn: () => unwrap(api.GET('/api/v1/jobs/{id}', { params: { path: { id: upload?.jobId as string } } })),
    enabled: !!upload?.jobId,
    refetchInterval: (q) => (q.state.data && jobView(q.state.data).finished ? false : q.state.error ? false : 500),
  });
  const view = job.data ? jobView(job.data) : null;
  const working = uploading || (!!upload?.jobId && !view?.finished && !job.isError);

  useQueryError(job.error);
  useEffect(() => {
    // New entries exist: every catalog list is stale.
    if (view?.outcome === 'succeeded') void qc.invalidateQueries({ queryKey: ['catalog'] });
  }, [view?.outcome, qc]);

  const reset = () => setUpload(null);
  const stageLabel = (s: Stage) => t(`import.stage.${s}`);
  const issueHeader: [string, string, string, string] = [t('import.col.sheet'), t('import.col.row'), t('import.col.column'), t('import.col.message')];

  const step = !upload ? 1 : view?.finished ? 3 : 2;

  return (
    <div style={{ maxWidth: 1100, margin: '0 auto' }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
      <Steps
        current={step - 1}
        status={view?.outcome === 'failed' ? 'error' : view?.outcome === 'succeeded' ? 'finish' : 'process'}
        size="small"
        style={{ marginBottom: 16 }}
        items={[{ title: t('import.step.template') }, { title: t('import.step.upload') }, { title: t('import.step.result') }]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9}>
          <Card title={t('import.template.title')} style={{ height: '100%' }}>
            <Typography.Paragraph>{t('import.template.desc')}</Typography.Paragraph>
            <ul style={{ paddingInlineStart: 20, color: 'rgba(0,0,0,0.65)' }}>
              <li>{t('import.template.tip1')}</li>
              <li>{t('import.template.tip2')}</li>
              <li>{t('import.template.tip3')}</li>
            </ul>
            <Button href="/api/v1/catalog/import-template" download icon={<DownloadOutlined aria-hidden />}>
              {t('import.template.download')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <Card title={t('import.upload.title')}>
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <div>
                <Typography.Text id="import-stage-label" strong>
                  {t('import.stage.label')}
                </Typography.Text>
                <div style={{ marginTop: 8 }}>
                  <Radio.Group aria-labelledby="import-stage-label" value={stage} onChange={(e) => setStage(e.target.value)} disabled={working}>
                    <Radio value="draft">{stageLabel('draft')}</Radio>
                    <Radio value="submit">{stageLabel('submit')}</Radio>
                    {isBureau && <Radio value="publish">{stageLabel('publish')}</Radio>}
                  </Radio.Group>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`import.stage.${stage}.help`)}
                </Typography.Text>
              </div>
              <Upload.Dragger
                accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                multiple={false}
                maxCount={1}
                showUploadList={false}
                disabled={working}
                aria-label={t('import.upload.drop')}
                beforeUpload={(file) => {
                  if (!/\.xlsx$/i.test(file.name)) {
                    message.error(t('import.upload.notXlsx'));
                    return Upload.LIST_IGNORE;
                  }
                  if (file.size > MAX_BYTES) {
                    message.error(t('import.upload.tooLarge'));
                    return Upload.LIST_IGNORE;
                  }
                  return true;
                }}
                customRequest={({ file, onSuccess, onError: fail }) => {
                  const f = file as File;
                  setUploading(true);
                  setUpload({ file: f, stage, jobId: null });
                  startImport(f, stage)
                    .then((jobId) => {
                      setUpload({ file: f, stage, jobId });
                      onSuccess?.({ jobId });
                    })
                    .catch((e) => {
                      setUpload(null);
                      onError(e);
                      fail?.(e as Error);
                    })
                    .finally(() => setUploading(false));
                }}
              >
                <p className="ant-upload-drag-icon">
                  <InboxOutlined aria-hidden />
                </p>
                <p className="ant-upload-text">{t('import.upload.drop')}</p>
                <p className="ant-upload-hint">{t('import.upload.hint')}</p>
              </Upload.Dragger>
            </Space>
          </Card>
        </Col>

        {upload && (
          <Col span={24}>
            <Card
              title={t('import.progress.title')}
              extra={
                view?.finished ? (
                  <Button icon={<ReloadOutlined aria-hidden />} onClick={reset}>
                    {t('import.again')}
                  </Button>
                ) : undefined
              }
            >
              <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                <Space wrap>
                  <FileExcelOutlined style={{ color: '#1d6f42', fontSize: 18 }} aria-hidden />
                  <Typography.Text strong>{upload.file.name}</Typography.Text>
                  <Typography.Text type="secondary">{formatSize(upload.file.size)}</Typography.Text>
                  <Tag>{stageLabel(upload.stage)}</Tag>
                </Space>
                <div>
                  <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                    <Typography.Text>
                      {uploading ? t('import.phase.uploading') : view ? t(view.phaseKey) : t('import.phase.queued')}
                      {view?.counts && !view.finished ? ` · ${t('import.progress.counts', { done: view.counts.done, total: view.counts.total })}` : ''}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {PHASES.filter((p) => p !== 'done')
                        .map((p) => t(`import.phase.${p}`))
                        .join(' → ')}
                    </Typography.Text>
                  </Space>
                  <Progress
                    percent={view?.percent ?? 0}
                    status={view?.barStatus ?? 'active'}
                    aria-label={t('import.progress.title')}
                    aria-valuenow={view?.percent ?? 0}
                    aria-valuemin={0}
                    aria-valuemax={100}
                  />
                </div>

                {view?.outcome === 'succeeded' && view.imported && (
                  <Result
                    status="success"
                    icon={<CheckCircleFilled aria-hidden />}
                    style={{ padding: '16px 0' }}
                    title={t('import.success.title', { count: view.imported.count })}
                    subTitle={t(`import.success.${upload.stage}`)}
                    extra={[
                      <Button key="list" type="primary" onClick={() => navigate(importedListLink(upload.stage))}>
                        {t('import.success.view')}
                      </Button>,
                      <Button key="again" onClick={reset}>
                        {t('import.again')}
                      </Button>,
                    ]}
                  >
                    {view.imported.codes.length > 0 && (
                      <div>
                        <Typography.Text type="secondary">{t('import.success.codes')}</Typography.Text>
                        <div style={{ marginTop: 8, maxHeight: 160, overflow: 'auto' }}>
                          {view.imported.codes.slice(0, 50).map((c) => (
                            <Tag key={c} style={{ marginBottom: 4 }}>
                              {c}
                            </Tag>
                          ))}
                          {view.imported.codes.length > 50 && (
                            <Typography.Text type="secondary">{t('import.success.more', { n: view.imported.codes.length - 50 })}</Typography.Text>
                          )}
                        </div>
                      </div>
                    )}
                  </Result>
                )}

                {view?.outcome === 'failed' && (
                  <>
                    <Alert
                      type="error"
                      showIcon
                      icon={<CloseCircleFilled aria-hidden />}
                      role="alert"
                      title={<span style={{ fontSize: 16, fontWeight: 600 }}>{t('import.failed.title')}</span>}
                      description={view.issues.length ? t('import.failed.count', { count: view.issues.length }) : (view.message ?? t('error.server'))}
                    />
                    {view.issues.length > 0 && (
                      <ImportIssues
                        issues={view.issues}
                        header={issueHeader}
                        onExport={() =>
                          downloadCsv(issuesCsv(view.issues, issueHeader), t('import.failed.csvName', { file: upload.file.name.replace(/\.xlsx$/i, '') }))
                        }
                      />
                    )}
                  </>
                )}
              </Space>
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}

function ImportIssues({ issues, header, onExport }: { issues: SheetIssue[]; header: [string, string, string, string]; onExport: () => void }) {
  const t = useT();
  return (
    <div>
      <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Text strong>{t('import.failed.listTitle')}</Typography.Text>
        <Button size="small" icon={<DownloadOutlined aria-hidden />} onClick={onExport}>
          {t('import.failed.export')}
        </Button>
      </Space>
      <Table<SheetIssue & { key: number }>
        size="small"
        bordered
        aria-label={t('import.failed.listTitle')}
        dataSource={issues.map((i, key) => ({ ...i, key }))}
        pagination={issues.length > 20 ? { pageSize: 20, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) } : false}
        scroll={{ x: true }}
        columns={[
          {
            title: header[0],
            dataIndex: 'sheet',
            width: 100,
            filters: [...new Set(issues.map((i) => i.sheet))].map((s) => ({ text: s, value: s })),
            onFilter: (v, r) => r.sheet === v,
          },
          { title: header[1], dataIndex: 'row', width: 80, align: 'right' },
          { title: header[2], dataIndex: 'column', width: 140 },
          { title: header[3], dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
        ]}
      />
    </div>
  );
}
