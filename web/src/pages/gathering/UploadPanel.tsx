import { CloudUploadOutlined, FileTextOutlined, InboxOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Progress, Radio, Row, Select, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { IngestRun, Mount, RunStartQuery } from '../../api/types';
import { type Sending, sendFile } from '../../api/upload';
import { useApiError } from '../../app/useApiError';
import { useT } from '../../i18n/i18n';
import { RunOutcome } from './QualityReport';
import {
  checkMapping,
  contentTypeOf,
  decodeHead,
  ENCODINGS,
  type Encoding,
  FORMATS,
  type Format,
  formatBytes,
  formatOf,
  headerOf,
  IGNORE,
  initialMapping,
  mappingCorrections,
  percentOf,
  SNIFF_BYTES,
} from './upload-view';

type Mode = 'replace' | 'upsert';
type Sniffed = { header: string[] | null; encoding: string | null };

const ACCEPT = '.csv,.tsv,.txt,.xlsx,.json,.jsonl,.ndjson';

/** 导入数据: choose a file, check how its columns map to the items, send it, watch it load, read the report. */
export function UploadPanel({ mount }: { mount: Mount }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiError();
  // Stable across refetches of the mount, so a refetch does not reset the user's mapping.
  const columnsKey = JSON.stringify(mount.table?.columns ?? []);
  const columns = useMemo(() => JSON.parse(columnsKey) as NonNullable<Mount['table']>['columns'], [columnsKey]);
  const keyItems = columns.filter((c) => c.key).map((c) => c.item);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format | null>(null);
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [mode, setMode] = useState<Mode>('replace');
  const [sniffed, setSniffed] = useState<Sniffed>({ header: null, encoding: null });
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<'choose' | 'sending' | 'done'>('choose');
  const [sending, setSending] = useState<Sending>({ loaded: 0, total: 0 });
  const [baseline, setBaseline] = useState<string | null>(null);
  const [result, setResult] = useState<IngestRun | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const abortRef = useRef<(() => void) | null>(null);

  // Read the start of the file for its header whenever the file, its format or encoding changes.
  useEffect(() => {
    if (!file) return;
    let live = true;
    file
      .slice(0, SNIFF_BYTES)
      .arrayBuffer()
      .then((buf) => {
        if (!live) return;
        const head = decodeHead(new Uint8Array(buf), encoding);
        const header = format === 'xlsx' ? null : headerOf(head.text, format, file.size <= SNIFF_BYTES);
        setSniffed({ header, encoding: format === 'xlsx' ? null : head.encoding });
        setMapping(header ? initialMapping(header, columns) : {});
      })
      .catch(() => live && setSniffed({ header: null, encoding: null }));
    return () => {
      live = false;
    };
  }, [file, format, encoding, columns]);

  // While the file goes up, the server's own progress: the newest run of this mount, once it is not the one before.
  const latest = useQuery({
    queryKey: ['gathering', 'mount', mount.id, 'latest-run'],
    queryFn: () => unwrap(api.GET('/api/v1/mounts/{id}/runs', { params: { path: { id: mount.id }, query: { pageSize: 1 } } })),
    enabled: phase === 'sending',
    refetchInterval: phase === 'sending' ? 1000 : false,
    gcTime: 0,
  });
  const liveRun = phase === 'sending' ? latest.data?.items.find((r) => r.id !== baseline && r.status === 'running') : undefined;

  const check = useMemo(() => checkMapping(mapping, columns), [mapping, columns]);
  const blocked = !file || (!!sniffed.header && (check.duplicates.length > 0 || check.missingKeys.length > 0));

  const choose = (f: File) => {
    setFile(f);
    setFormat(formatOf(f.name));
    setResult(null);
    setPhase('choose');
  };

  const start = async () => {
    if (!file) return;
    // The run this upload starts is the first one newer than the newest now.
    let before: string | null = null;
    try {
      before = (await unwrap(api.GET('/api/v1/mounts/{id}/runs', { params: { path: { id: mount.id }, query: { pageSize: 1 } } }))).items[0]?.id ?? null;
    } catch (e) {
      onError(e);
      return;
    }
    const query: RunStartQuery = { mode, encoding, filename: file.name };
    if (format) query.format = format;
    const fix = mappingCorrections(mapping);
    if (Object.keys(fix).length) query.mapping = JSON.stringify(fix);
    const qs = new URLSearchParams(query as Record<string, string>);
    setBaseline(before);
    setSending({ loaded: 0, total: file.size });
    setCancelling(false);
    setPhase('sending');
    const { done, abort } = sendFile<IngestRun>(`/api/v1/mounts/${mount.id}/runs?${qs}`, file, contentTypeOf(format), setSending);
    abortRef.current = abort;
    try {
      const run = await done;
      setResult(run);
      setPhase('done');
      if (run.status === 'succeeded') message.success(t('gathering.upload.doneToast', { version: run.version ?? '' }));
    } catch (e) {
      setPhase('choose');
      if (e instanceof DOMException && e.name === 'AbortError') message.info(t('gathering.upload.aborted'));
      else onError(e);
    } finally {
      abortRef.current = null;
      await qc.invalidateQueries({ queryKey: ['gathering'] });
    }
  };

  const cancel = async () => {
    setCancelling(true);
    if (!liveRun) {
      // The server has not started the run yet: stop sending.
      abortRef.current?.();
      return;
    }
    try {
      await unwrap(api.POST('/api/v1/runs/{id}/cancel', { params: { path: { id: liveRun.id } } }));
    } catch (e) {
      setCancelling(false);
      onError(e);
    }
  };

  const reset = () => {
    setFile(null);
    setResult(null);
    setPhase('choose');
    setSniffed({ header: null, encoding: null });
    setMapping({});
  };

  if (phase === 'done' && result)
    return (
      <Card
        title={t('gathering.upload.resultTitle')}
        extra={
          <Button icon={<ReloadOutlined aria-hidden />} onClick={reset}>
            {t('gathering.upload.again')}
          </Button>
        }
      >
        <RunOutcome run={result} extra={<Link to={`/gathering/runs/${result.id}`}>{t('gathering.upload.openRun')}</Link>} />
      </Card>
    );

  if (phase === 'sending' && file) {
    const sentPct = sending.total ? Math.min(100, Math.floor((sending.loaded / sending.total) * 100)) : 0;
    const serverPct = liveRun ? percentOf(liveRun.bytesRead, liveRun.bytesTotal ?? file.size) : 0;
    return (
      <Card title={t('gathering.upload.progressTitle')} role="region" aria-label={t('gathering.upload.progressTitle')}>
        <Flex vertical gap={12}>
          <Space wrap>
            <FileTextOutlined aria-hidden />
            <Typography.Text strong>{file.name}</Typography.Text>
            <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
            <Tag>{t(`gathering.mode.${mode}`)}</Tag>
          </Space>
          <div>
            <Typography.Text>{t('gathering.upload.sending', { sent: formatBytes(sending.loaded), total: formatBytes(sending.total) })}</Typography.Text>
            <Progress percent={sentPct} status={sentPct < 100 ? 'active' : 'success'} aria-label={t('gathering.upload.sendingBar')} />
          </div>
          <div>
            <Typography.Text>
              {liveRun
                ? t('gathering.upload.serverRows', { read: liveRun.rowsRead, rejected: liveRun.rowsRejected })
                : sentPct < 100
                  ? t('gathering.upload.serverWaiting')
                  : t('gathering.upload.serverFinishing')}
            </Typography.Text>
            <Progress percent={serverPct} status="active" aria-label={t('gathering.upload.serverBar')} />
          </div>
          <div>
            <Button danger icon={<StopOutlined aria-hidden />} loading={cancelling} onClick={cancel}>
              {cancelling ? t('gathering.upload.cancelling') : t('gathering.upload.cancel')}
            </Button>
          </div>
        </Flex>
      </Card>
    );
  }

  const itemOptions = [
    { value: IGNORE, label: t('gathering.mapping.ignore') },
    ...columns.map((c) => ({ value: c.item, label: c.key ? `${c.item}（${t('gathering.mapping.key')}）` : c.item })),
  ];
  const mappingRows = (sniffed.header ?? []).filter((h, i, all) => all.indexOf(h) === i);

  return (
    <Card title={t('gathering.upload.title')}>
      <Flex vertical gap={16}>
        <Upload.Dragger
          accept={ACCEPT}
          multiple={false}
          maxCount={1}
          showUploadList={false}
          aria-label={t('gathering.upload.drop')}
          beforeUpload={(f) => {
            choose(f);
            return Upload.LIST_IGNORE;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined aria-hidden />
          </p>
          {file ? (
            <p className="ant-upload-text">
              {file.name} <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
            </p>
          ) : (
            <p className="ant-upload-text">{t('gathering.upload.drop')}</p>
          )}
          <p className="ant-upload-hint">{file ? t('gathering.upload.replaceHint') : t('gathering.upload.hint')}</p>
        </Upload.Dragger>

        <Row gutter={[16, 12]}>
          <Col xs={24} md={10}>
            <Typography.Text id="gathering-mode" strong>
              {t('gathering.upload.mode')}
            </Typography.Text>
            <div style={{ marginTop: 6 }}>
              <Radio.Group aria-labelledby="gathering-mode" value={mode} onChange={(e) => setMode(e.target.value)}>
                <Radio value="replace">{t('gathering.mode.replace')}</Radio>
                <Tooltip title={keyItems.length ? undefined : t('gathering.upload.upsertNeedsKey')}>
                  <Radio value="upsert" disabled={!keyItems.length}>
                    {t('gathering.mode.upsert')}
                  </Radio>
                </Tooltip>
              </Radio.Group>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {mode === 'upsert' ? t('gathering.upload.upsertHelp', { keys: keyItems.join(t('gathering.listSep')) }) : t('gathering.upload.replaceHelp')}
            </Typography.Text>
          </Col>
          <Col xs={12} md={7}>
            <label htmlFor="gathering-encoding">
              <Typography.Text strong>{t('gathering.upload.encoding')}</Typography.Text>
            </label>
            <Select<Encoding>
              id="gathering-encoding"
              aria-label={t('gathering.upload.encoding')}
              style={{ width: '100%', marginTop: 6 }}
              value={encoding}
              onChange={setEncoding}
              options={ENCODINGS.map((e) => ({ value: e, label: t(`gathering.encoding.${e}`) }))}
            />
          </Col>
          <Col xs={12} md={7}>
            <label htmlFor="gathering-format">
              <Typography.Text strong>{t('gathering.upload.format')}</Typography.Text>
            </label>
            <Select<Format | ''>
              id="gathering-format"
              aria-label={t('gathering.upload.format')}
              style={{ width: '100%', marginTop: 6 }}
              value={format ?? ''}
              onChange={(v) => setFormat(v || null)}
              options={[{ value: '', label: t('gathering.format.auto') }, ...FORMATS.map((f) => ({ value: f, label: t(`gathering.format.${f}`) }))]}
            />
          </Col>
        </Row>

        {file && format === 'xlsx' && <Alert type="info" showIcon title={t('gathering.mapping.xlsx')} />}
        {file && format !== 'xlsx' && !sniffed.header && <Alert type="warning" showIcon title={t('gathering.mapping.unreadable')} />}
        {file && sniffed.header && (
          <div>
            <Flex justify="space-between" align="baseline" wrap gap={8}>
              <Typography.Title level={5} style={{ margin: 0 }}>
                {t('gathering.mapping.title')}
              </Typography.Title>
              {sniffed.encoding && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('gathering.mapping.readAs', { encoding: sniffed.encoding.toUpperCase() })}
                </Typography.Text>
              )}
            </Flex>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 8px' }}>
              {t('gathering.mapping.help')}
            </Typography.Paragraph>
            <Table<{ header: string }>
              size="small"
              rowKey="header"
              aria-label={t('gathering.mapping.title')}
              pagination={false}
              scroll={{ x: 'max-content', y: 360 }}
              dataSource={mappingRows.map((header) => ({ header }))}
              columns={[
                {
                  title: t('gathering.mapping.fileColumn'),
                  dataIndex: 'header',
                  render: (h: string) => h || <Typography.Text type="secondary">—</Typography.Text>,
                },
                {
                  title: t('gathering.mapping.item'),
                  key: 'item',
                  width: 260,
                  render: (_, { header }) => (
                    <Select
                      aria-label={t('gathering.mapping.itemFor', { column: header })}
                      style={{ width: 240 }}
                      value={mapping[header] ?? IGNORE}
                      onChange={(v) => setMapping((m) => ({ ...m, [header]: v }))}
                      options={itemOptions}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  ),
                },
                {
                  title: t('gathering.mapping.state'),
                  key: 'state',
                  render: (_, { header }) => {
                    const v = mapping[header] ?? IGNORE;
                    if (v === IGNORE) return <Tag>{t('gathering.mapping.ignored')}</Tag>;
                    if (check.duplicates.includes(v)) return <Tag color="red">{t('gathering.mapping.duplicate')}</Tag>;
                    return v === header ? <Tag color="green">{t('gathering.mapping.same')}</Tag> : <Tag color="blue">{t('gathering.mapping.mapped')}</Tag>;
                  },
                },
              ]}
            />
            <Flex vertical gap={8} style={{ marginTop: 8 }}>
              {check.missingKeys.length > 0 && (
                <Alert type="error" showIcon title={t('gathering.mapping.missingKeys', { list: check.missingKeys.join(t('gathering.listSep')) })} />
              )}
              {check.duplicates.length > 0 && (
                <Alert type="error" showIcon title={t('gathering.mapping.duplicates', { list: check.duplicates.join(t('gathering.listSep')) })} />
              )}
              {check.autoMatched.length > 0 && (
                <Alert type="info" showIcon title={t('gathering.mapping.autoMatched', { list: check.autoMatched.join(t('gathering.listSep')) })} />
              )}
              {check.missing.length > 0 && check.missingKeys.length === 0 && (
                <Alert type="warning" showIcon title={t('gathering.mapping.missing', { list: check.missing.join(t('gathering.listSep')) })} />
              )}
            </Flex>
          </div>
        )}

        <Flex gap={12} align="center" wrap>
          <Button type="primary" icon={<CloudUploadOutlined aria-hidden />} disabled={blocked} onClick={start}>
            {t('gathering.upload.start')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('gathering.upload.threshold', { pct: Math.round((mount.table?.rejectThreshold ?? 0) * 1000) / 10 })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
