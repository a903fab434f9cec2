import { App, type FormInstance } from 'antd';
import { useCallback, useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { errorAction } from '../api/errors';
import { useT } from '../i18n/i18n';

/**
 * Handles any failed call the same way: an expired session goes to login, field errors
 * land on the form's fields (when a form is given), anything else is a message.
 */
export function useApiError() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const t = useT();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      const a = errorAction(err, t('error.network'));
      if (a.kind === 'login') {
        navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
        return;
      }
      if (a.kind === 'fields' && form) {
        const known = a.fields.filter((f) => form.getFieldInstance(f.name) !== undefined || typeof f.name[0] === 'string');
        form.setFields(known.map((f) => ({ name: f.name, errors: f.errors })));
      }
      message.error(a.message === 'server' ? t('error.server') : a.message);
    },
    [message, navigate, location, t],
  );
}

/** Reports a query's error when it appears, as any failed call is (a query has no call site to catch it at). */
export function useQueryError(error: unknown) {
  const onError = useApiError();
  useEffect(() => {
    if (error) onError(error);
  }, [error, onError]);
}
