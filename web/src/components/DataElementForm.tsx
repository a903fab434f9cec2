import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { itemTypes } from '../../../src/modules/catalog/schema';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useApiError } from '../app/useApiError';
import { useT } from '../i18n/i18n';
import {
  DERIVED_MASKINGS,
  DOMAIN_KINDS,
  duplicateCodes,
  type ElementFormValues,
  emptyFormValues,
  formValuesOf,
  IDENTIFIER_KINDS,
  MASKING_RULES,
  maskExample,
  toElementPayload,
  VALIDATORS,
  validPattern,
} from '../pages/data-elements/element-form';

type DataElement = components['schemas']['DataElement'];

/** Create or edit a data element (the bureau): definition, type, value domain and masking rule. */
export function DataElementForm({
  open,
  element,
  onClose,
  onSaved,
}: {
  open: boolean;
  element: DataElement | null;
  onClose: () => void;
  onSaved: (e: DataElement) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const [form] = Form.useForm<ElementFormValues>();
  const creating = !element;
  const kind = Form.useWatch(['valueDomain', 'kind'], form);
  const masking = Form.useWatch('masking', form) as string | undefined;
  const derivedFrom = Form.useWatch('derivedFrom', form) as string | undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(element ? formValuesOf(element) : emptyFormValues());
  }, [open, element, form]);

  const save = useMutation({
    mutationFn: (values: ElementFormValues) => {
      const body = toElementPayload(values, creating);
      return element
        ? unwrap(api.PATCH('/api/v1/catalog/data-elements/{identifier}', { params: { path: { identifier: element.identifier } }, body }))
        : unwrap(api.POST('/api/v1/catalog/data-elements', { body }));
    },
    onSuccess: async (saved) => {
      await qc.invalidateQueries({ queryKey: ['catalog', 'data-elements'] });
      message.success(creating ? t('dataElements.created', { id: saved.identifier }) : t('dataElements.saved'));
      onSaved(saved);
    },
    onError: (err) => onError(err, form),
  });

  const example = masking ? maskExample(masking) : null;
  const req = (msg: string) => [{ required: true, whitespace: true, message: msg }];

  return (
    <Modal
      open={open}
      title={creating ? t('dataElements.create') : t('dataElements.editTitle', { id: element?.identifier ?? '' })}
      onCancel={onClose}
      width={760}
      zIndex={1100}
      okText={t('action.save')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      forceRender
    >
      <Form<ElementFormValues> form={form} layout="vertical" onFinish={() => save.mutate(form.getFieldsValue(true) as ElementFormValues)} scrollToFirstError>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('dataElements.col.name')}
              rules={[...req(t('dataElements.rule.name')), { max: 50, message: t('dataElements.rule.max', { n: 50 }) }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="identifier"
              label={t('dataElements.col.identifier')}
              extra={creating ? t('dataElements.field.identifier.help') : undefined}
              rules={creating ? [{ pattern: /^DE\d{5}$/, message: t('dataElements.rule.identifier') }] : []}
            >
              <Input disabled={!creating} placeholder={creating ? t('dataElements.field.identifier.placeholder') : undefined} maxLength={7} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="definition"
              label={t('dataElements.field.definition')}
              rules={[
                ...req(t('dataElements.rule.definition')),
                { min: 2, message: t('dataElements.rule.definition') },
                { max: 1000, message: t('dataElements.rule.max', { n: 1000 }) },
              ]}
            >
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="dataType" label={t('dataElements.col.dataType')} rules={[{ required: true, message: t('dataElements.rule.dataType') }]}>
              <Select options={itemTypes.map((v) => ({ value: v, label: t(`enum.itemType.${v}`) }))} placeholder={t('dataElements.choose')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="length" label={t('dataElements.col.length')} extra={t('dataElements.field.length.help')}>
              <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name={['valueDomain', 'kind']} label={t('dataElements.field.domainKind')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={DOMAIN_KINDS.map((k) => ({ value: k, label: t(`dataElements.domain.kind.${k}`) }))}
              />
            </Form.Item>
          </Col>
          {kind === 'enum' && (
            <Col span={24}>
              <EnumEditor />
            </Col>
          )}
          {kind === 'pattern' && (
            <Col span={24}>
              <Form.Item
                name={['valueDomain', 'pattern']}
                label={t('dataElements.field.pattern')}
                extra={t('dataElements.field.pattern.help')}
                rules={[
                  ...req(t('dataElements.rule.pattern')),
                  { validator: async (_, v: string) => (!v || validPattern(v) ? undefined : Promise.reject(new Error(t('dataElements.rule.patternInvalid')))) },
                ]}
              >
                <Input maxLength={200} style={{ fontFamily: 'monospace' }} placeholder="^\d{6}$" />
              </Form.Item>
            </Col>
          )}
          {kind === 'validator' && (
            <Col xs={24} md={12}>
              <Form.Item
                name={['valueDomain', 'name']}
                label={t('dataElements.field.validator')}
                rules={[{ required: true, message: t('dataElements.rule.validator') }]}
              >
                <Select options={VALIDATORS.map((v) => ({ value: v, label: t(`dataElements.validator.${v}`) }))} placeholder={t('dataElements.choose')} />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item
              name="masking"
              label={t('dataElements.col.masking')}
              rules={[{ required: true }]}
              extra={
                example && masking !== 'none'
                  ? t('dataElements.masking.example', { before: example.before, after: example.after })
                  : t('dataElements.field.masking.help')
              }
            >
              <Select options={MASKING_RULES.map((m) => ({ value: m, label: t(`dataElements.masking.${m}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="derivedFrom" label={t('dataElements.field.derivedFrom')} extra={t('dataElements.field.derivedFrom.help')}>
              <Select
                options={[
                  { value: '', label: t('dataElements.derivedFrom.none') },
                  ...IDENTIFIER_KINDS.map((k) => ({ value: k, label: t(`dataElements.derivedFrom.${k}`) })),
                ]}
              />
            </Form.Item>
          </Col>
          {derivedFrom && (
            <Col xs={24} md={12}>
              <Form.Item name="derivedMasking" label={t('dataElements.field.derivedMasking')} rules={[{ required: true }]}>
                <Select options={DERIVED_MASKINGS.map((m) => ({ value: m, label: t(`dataElements.masking.${m}`) }))} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Form>
    </Modal>
  );
}

/** The enum values of a value domain: code + label rows. */
function EnumEditor() {
  const t = useT();
  return (
    <Form.List
      name={['valueDomain', 'values']}
      rules={[
        {
          validator: async (_, rows: { code?: string }[] | undefined) => {
            if (!rows?.length) throw new Error(t('dataElements.rule.enumEmpty'));
            const dup = duplicateCodes(rows);
            if (dup.length) throw new Error(t('dataElements.rule.enumDuplicate', { code: rows[dup[0]].code?.trim() ?? '' }));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div style={{ marginBottom: 16 }}>
          <Typography.Text strong>{t('dataElements.field.enumValues', { n: fields.length })}</Typography.Text>
          <div style={{ maxHeight: 300, overflow: 'auto', marginTop: 8 }}>
            {fields.map((f, i) => (
              <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item
                  name={[f.name, 'code']}
                  style={{ marginBottom: 4 }}
                  rules={[
                    { required: true, whitespace: true, message: t('dataElements.rule.enumCode') },
                    { max: 20, message: t('dataElements.rule.max', { n: 20 }) },
                  ]}
                >
                  <Input
                    placeholder={t('dataElements.field.enumCode')}
                    aria-label={t('dataElements.field.enumRow', { n: i + 1, field: t('dataElements.field.enumCode') })}
                    style={{ width: 120 }}
                  />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'label']}
                  style={{ marginBottom: 4 }}
                  rules={[
                    { required: true, whitespace: true, message: t('dataElements.rule.enumLabel') },
                    { max: 50, message: t('dataElements.rule.max', { n: 50 }) },
                  ]}
                >
                  <Input
                    placeholder={t('dataElements.field.enumLabel')}
                    aria-label={t('dataElements.field.enumRow', { n: i + 1, field: t('dataElements.field.enumLabel') })}
                    style={{ width: 260 }}
                  />
                </Form.Item>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('dataElements.field.enumRemove', { n: i + 1 })}
                  onClick={() => remove(f.name)}
                  disabled={fields.length <= 1}
                />
              </Space>
            ))}
          </div>
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({})} style={{ marginTop: 4 }}>
            {t('dataElements.field.enumAdd')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
