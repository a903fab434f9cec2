import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, AutoComplete, Button, Card, Col, DatePicker, Form, Grid, Input, Result, Row, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { formats, openTypes, shareChannels, shareTypes, shareVias, updateCycles } from '../../../../src/modules/catalog/schema';
import { api, unwrap } from '../../api/client';
import { ApiError, errorAction } from '../../api/errors';
import type { components } from '../../api/schema';
import { useApiError } from '../../app/useApiError';
import { useAuth } from '../../auth/auth';
import { ClassificationPicker } from '../../components/ClassificationPicker';
import { EditItemsTable } from '../../components/EditItemsTable';
import { EditRelatedCodes } from '../../components/EditRelatedCodes';
import { useT } from '../../i18n/i18n';
import { applicable, changedPaths, checkForm, FORM_FIELDS, type FormValues, fieldsToClear, remapServerFields } from './form-rules';

type Resource = components['schemas']['Resource'];

// Common 格式类型 per 格式分类, offered as suggestions (anything may be typed).
const FORMAT_TYPES: Record<string, string[]> = {
  file: ['pdf', 'ofd', 'docx', 'wps', 'txt'],
  spreadsheet: ['xlsx', 'xls', 'et', 'csv'],
  database: ['KingbaseES', 'DM', 'GaussDB', 'Oracle', 'MySQL', 'PostgreSQL'],
  image: ['jpg', 'png', 'tif', 'shp'],
  stream: ['mp4', 'flv', 'rtsp'],
  'self-describing': ['json', 'xml'],
  other: [],
};

/** The form's values from a loaded entry: only the form's fields. */
function valuesOf(r: Resource): FormValues {
  const v = Object.fromEntries(FORM_FIELDS.map((f) => [f, (r as Record<string, unknown>)[f] ?? undefined])) as FormValues;
  v.items = r.items.map((i) => ({
    name: i.name,
    dataElement: (i.dataElement as string | null) ?? undefined,
    type: i.type,
    length: (i.length as number | null) ?? undefined,
    description: (i.description as string | null) ?? undefined,
  }));
  return v;
}

const half = { xs: 24, md: 12 };
const third = { xs: 24, md: 8 };

export default function EditPage() {
  const { id } = useParams();
  const t = useT();
  const { user } = useAuth();
  const resource = useQuery({
    queryKey: ['catalog', 'resource', id],
    queryFn: () => unwrap(api.GET('/api/v1/catalog/resources/{id}', { params: { path: { id: id as string } } })),
    enabled: !!id,
  });
  if (id && resource.isLoading) return <Spin style={{ display: 'block', margin: 48 }} description={t('common.loading')} />;
  if (id && !resource.data) {
    const notFound = resource.error instanceof ApiError && resource.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? t('catalog.edit.notFound') : t('error.network')} />;
  }
  return (
    <EditForm
      key={resource.data ? `${resource.data.id}:${resource.data.version}` : 'new'}
      resource={resource.data}
      departmentId={user?.departmentId}
      departmentName={user?.departmentName}
    />
  );
}

function EditForm({ resource, departmentId, departmentName }: { resource?: Resource; departmentId?: string; departmentName?: string }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiError();
  const [form] = Form.useForm<FormValues>();
  const screens = Grid.useBreakpoint();
  const [submitting, setSubmitting] = useState<'save' | 'submit' | null>(null);
  const inReview = resource?.status === 'submitted';
  // Only the providing department edits an entry (the server says so too); others see why not.
  const foreign = !!resource && !!departmentId && resource.providerDepartmentId !== departmentId;
  const locked = inReview || foreign;

  const initialValues = useMemo<FormValues>(() => (resource ? valuesOf(resource) : { items: [{}], keywords: [], relatedCodes: [] }), [resource]);
  const shareType = Form.useWatch('shareType', form);
  const shareChannel = Form.useWatch('shareChannel', form);
  const openType = Form.useWatch('openType', form);
  const format = Form.useWatch('format', form) as string | undefined;
  const shows = applicable({ shareType, shareChannel, openType });

  const save = useMutation({
    mutationFn: async ({ payload, andSubmit }: { payload: NonNullable<ReturnType<typeof checkForm>['payload']>; andSubmit: boolean }) => {
      const saved = resource
        ? await unwrap(api.PATCH('/api/v1/catalog/resources/{id}', { params: { path: { id: resource.id } }, body: payload }))
        : await unwrap(api.POST('/api/v1/catalog/resources', { body: payload }));
      let submitError: unknown = null;
      if (andSubmit) {
        try {
          await unwrap(api.POST('/api/v1/catalog/resources/{id}/submit', { params: { path: { id: saved.id } } }));
        } catch (e) {
          submitError = e;
        }
      }
      return { saved, submitError };
    },
    onSuccess: ({ saved, submitError }, { andSubmit }) => {
      // Marks the lists stale and moves on: waiting for every open catalog query to refetch
      // first only delayed the page change (by many seconds on a busy server).
      void qc.invalidateQueries({ queryKey: ['catalog'] });
      if (submitError) {
        onError(submitError);
        message.warning(t('catalog.edit.savedNotSubmitted'));
      } else message.success(andSubmit ? t('catalog.edit.submitted') : t('catalog.edit.saved'));
      navigate(`/catalog/${saved.id}`);
    },
    onError: (err) => {
      const a = errorAction(err, '');
      if (a.kind === 'fields') {
        const issues = remapServerFields(a.fields, form.getFieldsValue(true));
        form.setFields(issues);
        if (issues[0]) form.scrollToField(issues[0].name, { block: 'center' });
        onError(err);
      } else onError(err, form);
    },
    onSettled: () => setSubmitting(null),
  });

  const run = (andSubmit: boolean) => {
    const values = form.getFieldsValue(true) as FormValues;
    // Clear what was marked last time, then mark what is wrong now.
    form.setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length)
        .map((f) => ({ name: f.name, errors: [] })),
    );
    const checked = checkForm(values);
    if (!checked.ok) {
      form.setFields(checked.issues);
      form.scrollToField(checked.issues[0].name, { block: 'center' });
      message.error(t('catalog.edit.fixErrors', { count: checked.issues.reduce((n, i) => n + i.errors.length, 0) }));
      return;
    }
    setSubmitting(andSubmit ? 'submit' : 'save');
    save.mutate({ payload: checked.payload, andSubmit });
  };

  const cancel = () => {
    if ((window.history.state as { idx?: number } | null)?.idx) navigate(-1);
    else navigate(resource ? `/catalog/${resource.id}` : '/catalog');
  };

  const option = (kind: string, values: readonly string[]) => values.map((v) => ({ value: v, label: t(`enum.${kind}.${v}`) }));
  const required = (label: string): { label: ReactNode; required: true } => ({ label, required: true });

  return (
    <div style={{ maxWidth: 1200, margin: '0 auto' }}>
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={cancel}>
          {t('action.back')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {resource ? t('catalog.edit.titleEdit') : t('catalog.edit.titleNew')}
        </Typography.Title>
        {resource && <Typography.Text type="secondary">{`${resource.code} · ${resource.name}`}</Typography.Text>}
      </Space>

      {resource?.status === 'published' && !foreign && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('catalog.edit.publishedNotice')}
          description={t('catalog.edit.publishedNoticeDetail', { version: resource.version + 1 })}
        />
      )}
      {resource?.status === 'draft' && resource.publishedVersion != null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('catalog.edit.newVersionNotice', { version: resource.version, published: resource.publishedVersion })}
        />
      )}
      {resource?.status === 'returned' && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('catalog.edit.returnedNotice')} description={resource.reviewReason ?? undefined} />
      )}
      {foreign && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('catalog.edit.foreignNotice', { provider: resource.providerName })} />}
      {inReview && !foreign && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('catalog.edit.inReviewNotice')} />}

      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        disabled={locked}
        scrollToFirstError
        onValuesChange={(changed) => {
          const marked = new Set(
            form
              .getFieldsError()
              .filter((f) => f.errors.length)
              .map((f) => f.name.join('.')),
          );
          const touched = changedPaths(changed).filter((n) => marked.has(n.join('.')));
          if (touched.length) form.setFields(touched.map((name) => ({ name, errors: [] })));
          if ('shareType' in changed || 'shareChannel' in changed || 'openType' in changed) {
            const clear = fieldsToClear(form.getFieldsValue(true));
            if (clear.length) form.setFields(clear.map((f) => ({ name: [f], value: undefined, errors: [] })));
          }
        }}
        onFinish={() => run(false)}
      >
        <Card title={t('catalog.edit.section.basic')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="classification" {...required(t('catalog.edit.classification'))} extra={t('catalog.edit.classification.help')}>
                <ClassificationPicker departmentId={resource?.providerDepartmentId ?? departmentId} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="name" {...required(t('catalog.edit.name'))}>
                <Input maxLength={200} showCount placeholder={t('catalog.edit.name.placeholder')} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label={t('catalog.edit.code')}>
                <Typography.Text type={resource ? undefined : 'secondary'} copyable={resource ? { text: resource.code } : false}>
                  {resource ? resource.code : t('catalog.edit.code.generated')}
                </Typography.Text>
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item label={t('catalog.edit.provider')}>
                <Typography.Text>{resource ? `${resource.providerName}（${resource.providerCode}）` : (departmentName ?? '')}</Typography.Text>
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item name="abstract" {...required(t('catalog.edit.abstract'))}>
                <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} showCount placeholder={t('catalog.edit.abstract.placeholder')} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name="format" {...required(t('catalog.edit.format'))}>
                <Select options={option('format', formats)} placeholder={t('catalog.edit.choose')} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name="formatType" {...required(t('catalog.edit.formatType'))}>
                <AutoComplete
                  options={(FORMAT_TYPES[format ?? ''] ?? Object.values(FORMAT_TYPES).flat()).map((v) => ({ value: v }))}
                  placeholder={t('catalog.edit.formatType.placeholder')}
                  showSearch={{
                    filterOption: (input, o) =>
                      String(o?.value ?? '')
                        .toLowerCase()
                        .includes(input.toLowerCase()),
                  }}
                />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name="keywords" label={t('catalog.edit.keywords')}>
                <Select
                  mode="tags"
                  tokenSeparators={[',', '，', ';', '；', ' ']}
                  open={false}
                  suffixIcon={null}
                  placeholder={t('catalog.edit.keywords.placeholder')}
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card
          title={t('catalog.edit.section.items')}
          style={{ marginBottom: 12 }}
          extra={screens.md ? <Typography.Text type="secondary">{t('catalog.edit.items.help')}</Typography.Text> : undefined}
        >
          <EditItemsTable form={form} disabled={locked} />
        </Card>

        <Card title={t('catalog.edit.section.share')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name="shareType" {...required(t('catalog.edit.shareType'))}>
                <Select options={option('shareType', shareTypes)} placeholder={t('catalog.edit.choose')} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="shareChannel" {...required(t('catalog.edit.shareChannel'))}>
                <Select options={option('shareChannel', shareChannels)} placeholder={t('catalog.edit.choose')} />
              </Form.Item>
            </Col>
            {shows.shareCondition && (
              <Col {...half}>
                <Form.Item name="shareCondition" {...required(t('catalog.edit.shareCondition'))} extra={t('catalog.edit.shareCondition.help')}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
                </Form.Item>
              </Col>
            )}
            {shows.shareBasis && (
              <Col {...half}>
                <Form.Item name="shareBasis" {...required(t('catalog.edit.shareBasis'))} extra={t('catalog.edit.shareBasis.help')}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
                </Form.Item>
              </Col>
            )}
            {shows.shareVia && (
              <Col {...half}>
                <Form.Item name="shareVia" {...required(t('catalog.edit.shareVia'))}>
                  <Select options={option('shareVia', shareVias)} placeholder={t('catalog.edit.choose')} />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>

        <Card title={t('catalog.edit.section.open')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                name="openType"
                {...required(t('catalog.edit.openType'))}
                extra={shareType === 'none' ? t('catalog.edit.openType.closedOnly') : undefined}
              >
                <Select options={option('openType', openTypes)} placeholder={t('catalog.edit.choose')} />
              </Form.Item>
            </Col>
            {shows.openCondition && (
              <Col {...half}>
                <Form.Item name="openCondition" {...required(t('catalog.edit.openCondition'))}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>

        <Card title={t('catalog.edit.section.update')} style={{ marginBottom: 12 }}>
          <Row gutter={16}>
            <Col {...third}>
              <Form.Item name="updateCycle" {...required(t('catalog.edit.updateCycle'))}>
                <Select options={option('updateCycle', updateCycles)} placeholder={t('catalog.edit.choose')} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item
                name="publishedAt"
                label={t('catalog.edit.publishedAt')}
                extra={t('catalog.edit.publishedAt.help')}
                getValueProps={(v: string | null | undefined) => ({ value: v ? dayjs(v) : null })}
                normalize={(d: dayjs.Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null)}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name="relatedCodes" label={t('catalog.edit.relatedCodes')}>
                <EditRelatedCodes exclude={resource?.code} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="contact" label={t('catalog.edit.contact')}>
                <Input maxLength={200} placeholder={t('catalog.edit.contact.placeholder')} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="owner" label={t('catalog.edit.owner')}>
                <Input maxLength={200} placeholder={t('catalog.edit.owner.placeholder')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <div
          style={{
            position: 'sticky',
            bottom: 0,
            zIndex: 10,
            background: '#fff',
            borderTop: '1px solid #f0f0f0',
            padding: '12px 16px',
            display: 'flex',
            justifyContent: 'flex-end',
            flexWrap: 'wrap',
            gap: 8,
            boxShadow: '0 -2px 8px rgba(0,0,0,0.04)',
          }}
        >
          <Button onClick={cancel} disabled={false}>
            {t('action.cancel')}
          </Button>
          <Button
            icon={<SaveOutlined aria-hidden />}
            htmlType="submit"
            loading={submitting === 'save'}
            disabled={locked || (save.isPending && submitting !== 'save')}
          >
            {t('action.save')}
          </Button>
          <Button
            type="primary"
            icon={<SendOutlined aria-hidden />}
            onClick={() => run(true)}
            loading={submitting === 'submit'}
            disabled={locked || (save.isPending && submitting !== 'submit')}
          >
            {t('catalog.edit.saveAndSubmit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}
