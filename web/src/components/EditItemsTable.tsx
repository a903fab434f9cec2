import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance, Input, InputNumber, Select, Space, Table, Tooltip } from 'antd';
import { itemTypes } from '../../../src/modules/catalog/schema';
import { useT } from '../i18n/i18n';
import { fillFromElement, type ItemRow } from '../pages/catalog/form-rules';
import { DataElementPicker } from './DataElementPicker';

/**
 * The 信息项 of an entry as an editable table inside the entry's form: add, remove and
 * reorder rows; choosing a data element fills the row's type and length when empty.
 */
export function EditItemsTable({ form, disabled }: { form: FormInstance; disabled?: boolean }) {
  const t = useT();
  const typeOptions = itemTypes.map((v) => ({ value: v, label: t(`enum.itemType.${v}`) }));
  return (
    <Form.List name="items">
      {(fields, { add, remove, move }, { errors }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('catalog.edit.items.empty') }}
            columns={[
              { title: '#', key: 'n', width: 44, render: (_, f) => f.name + 1 },
              {
                title: t('catalog.edit.item.name'),
                key: 'name',
                width: 200,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'name']} style={{ margin: 0 }}>
                    <Input
                      aria-label={t('catalog.edit.item.rowLabel', { n: f.name + 1, field: t('catalog.edit.item.name') })}
                      maxLength={100}
                      style={{ minWidth: 160 }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('catalog.edit.item.dataElement'),
                key: 'dataElement',
                width: 240,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'dataElement']} style={{ margin: 0 }}>
                    <DataElementPicker
                      aria-label={t('catalog.edit.item.rowLabel', { n: f.name + 1, field: t('catalog.edit.item.dataElement') })}
                      disabled={disabled}
                      style={{ width: 240 }}
                      onPick={(e) => {
                        if (!e) return;
                        const row = (form.getFieldValue(['items', f.name]) ?? {}) as ItemRow;
                        const filled = fillFromElement(row, e);
                        form.setFields([
                          { name: ['items', f.name, 'type'], value: filled.type, errors: [] },
                          { name: ['items', f.name, 'length'], value: filled.length },
                          ...(row.name ? [] : [{ name: ['items', f.name, 'name'], value: e.name, errors: [] }]),
                        ]);
                      }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('catalog.edit.item.type'),
                key: 'type',
                width: 130,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'type']} style={{ margin: 0 }}>
                    <Select
                      aria-label={t('catalog.edit.item.rowLabel', { n: f.name + 1, field: t('catalog.edit.item.type') })}
                      options={typeOptions}
                      style={{ minWidth: 116 }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('catalog.edit.item.length'),
                key: 'length',
                width: 100,
                render: (_, f) => (
                  <Form.Item name={[f.name, 'length']} style={{ margin: 0 }}>
                    <InputNumber
                      aria-label={t('catalog.edit.item.rowLabel', { n: f.name + 1, field: t('catalog.edit.item.length') })}
                      min={1}
                      max={1_000_000}
                      precision={0}
                      style={{ width: 90 }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('catalog.edit.item.description'),
                key: 'description',
                render: (_, f) => (
                  <Form.Item name={[f.name, 'description']} style={{ margin: 0 }}>
                    <Input
                      aria-label={t('catalog.edit.item.rowLabel', { n: f.name + 1, field: t('catalog.edit.item.description') })}
                      maxLength={500}
                      style={{ minWidth: 160 }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('common.actions'),
                key: 'actions',
                width: 120,
                fixed: 'right',
                render: (_, f) => (
                  <Space size={0}>
                    <Tooltip title={t('catalog.edit.items.up')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        aria-label={t('catalog.edit.items.upRow', { n: f.name + 1 })}
                        disabled={disabled || f.name === 0}
                        onClick={() => move(f.name, f.name - 1)}
                      />
                    </Tooltip>
                    <Tooltip title={t('catalog.edit.items.down')}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('catalog.edit.items.downRow', { n: f.name + 1 })}
                        disabled={disabled || f.name === fields.length - 1}
                        onClick={() => move(f.name, f.name + 1)}
                      />
                    </Tooltip>
                    <Tooltip title={t('action.delete')}>
                      <Button
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('catalog.edit.items.removeRow', { n: f.name + 1 })}
                        disabled={disabled}
                        onClick={() => remove(f.name)}
                      />
                    </Tooltip>
                  </Space>
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined aria-hidden />} onClick={() => add({})} disabled={disabled} style={{ marginTop: 8 }}>
            {t('catalog.edit.items.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
