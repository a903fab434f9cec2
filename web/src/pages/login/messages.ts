export const messages = {
  zh: {
    'login.title': '聚通 · 政务数据共享交换平台',
    'login.subtitle': '政务信息资源目录、共享交换与开放',
    'login.username': '用户名',
    'login.password': '密码',
    'login.submit': '登录',
    'login.required.username': '请输入用户名',
    'login.required.password': '请输入密码',
    'login.locked': '账号已锁定',
  } as Record<string, string>,
  en: {
    'login.title': 'Jutong · Government Data Sharing Platform',
    'login.subtitle': 'Resource catalog, data sharing and open data',
    'login.username': 'Username',
    'login.password': 'Password',
    'login.submit': 'Log in',
    'login.required.username': 'Enter your username',
    'login.required.password': 'Enter your password',
    'login.locked': 'Account locked',
  } as Record<string, string>,
};
