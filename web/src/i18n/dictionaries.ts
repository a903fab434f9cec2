import { messages as admin } from '../pages/admin/messages';
import { messages as audit } from '../pages/audit/messages';
import { messages as bases } from '../pages/bases/messages';
import { messages as catalog } from '../pages/catalog/messages';
import { messages as catalogRead } from '../pages/catalog/messages-read';
import { messages as dataElements } from '../pages/data-elements/messages';
import { messages as gathering } from '../pages/gathering/messages';
import { messages as home } from '../pages/home/messages';
import { messages as importPage } from '../pages/import/messages';
import { messages as login } from '../pages/login/messages';
import { messages as profile } from '../pages/profile/messages';
import { messages as review } from '../pages/review/messages';
import { messages as sharing } from '../pages/sharing/messages';
import { common } from './common';

export type Lang = 'zh' | 'en';
type Messages = { zh: Record<string, string>; en: Record<string, string> };

export const namespaces: Record<string, Messages> = {
  common,
  login,
  home,
  catalog,
  catalogRead,
  review,
  import: importPage,
  dataElements,
  gathering,
  bases,
  sharing,
  admin,
  audit,
  profile,
};

export const dictionaries: Record<Lang, Record<string, string>> = {
  zh: Object.assign({}, ...Object.values(namespaces).map((m) => m.zh)),
  en: Object.assign({}, ...Object.values(namespaces).map((m) => m.en)),
};
