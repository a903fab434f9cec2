// Every string this page shows, in Chinese and English. Keys are prefixed with the page.
export const messages = {
  zh: {} as Record<string, string>,
  en: {} as Record<string, string>,
};
