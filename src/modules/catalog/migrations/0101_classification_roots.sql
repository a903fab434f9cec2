-- The three 类 and the five 基础信息资源 项 that 《政务信息资源目录编制指南》 fixes.
INSERT INTO catalog_classifications (code, name, parent_code, kind) VALUES
  ('1', '基础信息资源', NULL, 'base'),
  ('2', '主题信息资源', NULL, 'theme'),
  ('3', '部门信息资源', NULL, 'department'),
  ('101', '人口信息资源', '1', 'base'),
  ('102', '法人单位信息资源', '1', 'base'),
  ('103', '自然资源和空间地理信息资源', '1', 'base'),
  ('104', '社会信用信息资源', '1', 'base'),
  ('105', '电子证照信息资源', '1', 'base');
