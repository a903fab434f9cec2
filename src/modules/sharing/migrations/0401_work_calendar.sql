-- The bureau's working-day calendar (工作日历) for review deadlines. Only exceptions are
-- stored: a holiday on a weekday (workday = false) or a make-up working Saturday or Sunday
-- (workday = true); every other day follows Monday to Friday (src/modules/sharing/workdays.ts).
-- A day is an Asia/Shanghai calendar day.
CREATE TABLE work_calendar (
  day date PRIMARY KEY,
  workday boolean NOT NULL,
  note text NOT NULL DEFAULT '',
  updated_by uuid NULL REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- A row that agrees with Monday to Friday would be an exception that is not one.
  CONSTRAINT work_calendar_exception CHECK (workday = (extract(isodow FROM day) >= 6))
);
