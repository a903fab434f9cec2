import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, type TestPlatform, testPlatform } from '../../../test/platform.js';
import { anonymous, type Principal } from '../../platform/auth/principal.js';
import { principalFromToken } from '../../platform/auth/service.js';
import { DEMO_CALENDAR_2026, deadline, listCalendar, loadOverrides, setCalendar } from './calendar.js';
import { addWorkingDays } from './workdays.js';

// The calendar the bureau keeps, through its actions and HTTP routes on each engine, and the
// deadlines computed from what is stored.

const sh = (local: string) => new Date(`${local}+08:00`);
const endOf = (day: string) => new Date(`${day}T23:59:59.999+08:00`);

describe.each(engines())('the working-day calendar on %s', (engine) => {
  let p: TestPlatform;
  let admin: Principal;
  let user: Principal;
  let deptAdmin: Principal;

  const principal = async (username: string) => (await principalFromToken(p.db, await p.token(username), null)) as Principal;
  const list = (year: number) => p.actions.run(listCalendar, user, { year });
  const set = (days: { day: string; workday: boolean; note?: string }[]) => p.actions.run(setCalendar, admin, { days });
  const rows = () => p.db.query<{ n: number }>('SELECT count(*)::int AS n FROM work_calendar').then((r) => r[0].n);
  const audits = () => p.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'sharing.calendar.set'`).then((r) => r[0].n);

  beforeAll(async () => {
    p = await testPlatform(engine);
    // Counted from an empty calendar, whatever the demo seed put in it.
    await p.db.query('DELETE FROM work_calendar');
    [admin, user, deptAdmin] = await Promise.all(['admin', 'gaj_user', 'gaj_admin'].map(principal));
  });
  afterAll(() => p?.close());

  it('stores the 2026 exceptions, lists them by year and audits who set them', async () => {
    expect(await set([...DEMO_CALENDAR_2026])).toEqual({ days: 25, from: '2026-01-01', to: '2026-10-10', stored: 25, reset: 0 });
    expect(await list(2026)).toEqual({ year: 2026, days: DEMO_CALENDAR_2026 });
    expect(await list(2025)).toEqual({ year: 2025, days: [] });

    const [a] = await p.db.query<{ actor_id: string; target_type: string; details: unknown }>(
      `SELECT actor_id, target_type, details FROM audit_log WHERE action = 'sharing.calendar.set' ORDER BY seq DESC LIMIT 1`,
    );
    expect(a).toEqual({ actor_id: admin.userId, target_type: 'work_calendar', details: { days: 25, from: '2026-01-01', to: '2026-10-10' } });
    const [by] = await p.db.query<{ updated_by: string }>(`SELECT updated_by FROM work_calendar WHERE day = '2026-02-14'`);
    expect(by.updated_by).toBe(admin.userId);
  });

  it('replaces a day’s note, and a day set as Monday–Friday would have it loses its exception', async () => {
    await set([{ day: '2027-01-01', workday: false, note: '元旦' }]);
    expect((await list(2027)).days).toEqual([{ day: '2027-01-01', workday: false, note: '元旦' }]);
    await set([{ day: '2027-01-01', workday: false, note: ' 元旦（2027 年通知）' }]);
    expect((await list(2027)).days).toEqual([{ day: '2027-01-01', workday: false, note: '元旦（2027 年通知）' }]);

    // Friday back to a working day, a Saturday back to rest, a Tuesday that never was an exception.
    const out = await set([
      { day: '2027-01-01', workday: true },
      { day: '2027-01-02', workday: false },
      { day: '2027-01-05', workday: true },
    ]);
    expect(out).toEqual({ days: 3, from: '2027-01-01', to: '2027-01-05', stored: 0, reset: 3 });
    expect((await list(2027)).days).toEqual([]);
    expect((await list(2026)).days).toEqual(DEMO_CALENDAR_2026);
  });

  it('lets only the bureau change it, and only signed-in users read it', async () => {
    const days = [{ day: '2026-12-31', workday: false, note: '' }];
    await expect(p.actions.run(setCalendar, user, { days })).rejects.toMatchObject({ status: 403 });
    await expect(p.actions.run(setCalendar, deptAdmin, { days })).rejects.toMatchObject({ status: 403 });
    await expect(p.actions.run(listCalendar, anonymous, { year: 2026 })).rejects.toMatchObject({ status: 401 });
    expect(await rows()).toBe(DEMO_CALENDAR_2026.length);
  });

  it('refuses bad input as a whole, writing none of it', async () => {
    const good = { day: '2026-12-31', workday: false, note: '' };
    const before = { rows: await rows(), audits: await audits() };
    for (const days of [
      [good, { day: '2026-02-30', workday: false }],
      [good, { day: '2026/03/03', workday: false }],
      [good, { day: '2026-03-03', workday: false, note: '节'.repeat(101) }],
      [good, { ...good, workday: true }],
      [],
      Array.from({ length: 401 }, (_, i) => ({ day: `2026-03-${String((i % 28) + 1).padStart(2, '0')}`, workday: false })),
    ]) {
      await expect(set(days), JSON.stringify(days).slice(0, 80)).rejects.toMatchObject({ status: 400 });
    }
    await expect(list(1999)).rejects.toMatchObject({ status: 400 });
    expect({ rows: await rows(), audits: await audits() }).toEqual(before);
  });

  it('keeps only exceptions in the table itself', async () => {
    await expect(p.db.query(`INSERT INTO work_calendar (day, workday) VALUES ('2026-03-03', true)`)).rejects.toThrow(/work_calendar_exception/);
    await expect(p.db.query(`INSERT INTO work_calendar (day, workday) VALUES ('2026-03-07', false)`)).rejects.toThrow(/work_calendar_exception/);
  });

  it('computes deadlines from what is stored', async () => {
    expect(await deadline(p.db, sh('2026-02-13T10:00'), 2)).toEqual(endOf('2026-02-24'));
    expect(await deadline(p.db, sh('2026-09-30T16:00'), 5)).toEqual(endOf('2026-10-13'));
    // Past its first 60-day window: 清明 (6 April) is loaded on the second try and moves the deadline.
    const from = sh('2026-01-05T10:00');
    expect(await deadline(p.db, from, 65)).toEqual(endOf('2026-04-13'));
    expect(addWorkingDays(from, 65, await loadOverrides(p.db, '2026-01-05', '2026-03-06'))).toEqual(endOf('2026-04-10'));
  });

  it('is served over HTTP', async () => {
    const put = await p.api('admin', 'PUT', '/api/v1/sharing/calendar', { days: [{ day: '2028-01-01', workday: true, note: '' }] });
    expect(put).toEqual({ status: 200, body: { days: 1, from: '2028-01-01', to: '2028-01-01', stored: 1, reset: 0 } }); // a Saturday
    expect(await p.api('gaj_user', 'GET', '/api/v1/sharing/calendar?year=2028')).toEqual({
      status: 200,
      body: { year: 2028, days: [{ day: '2028-01-01', workday: true, note: '' }] },
    });
    expect((await p.api('gaj_user', 'PUT', '/api/v1/sharing/calendar', { days: [{ day: '2028-01-03', workday: false }] })).status).toBe(403);
    expect((await p.api(null, 'GET', '/api/v1/sharing/calendar?year=2028')).status).toBe(401);
    expect((await p.api('gaj_user', 'GET', '/api/v1/sharing/calendar?year=next')).status).toBe(400);
  });
});
