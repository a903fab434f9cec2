import { z } from 'zod';
import { defineRead } from '../actions/action.js';
import { isBureauAdmin } from '../auth/principal.js';
import { NotFound } from '../errors.js';

export const showJob = defineRead({
  name: 'jobs.show',
  summary: '任务进度 A job: phase, progress, result or error (your own jobs)',
  input: z.object({ id: z.uuid() }),
  auth: (p) => p.kind === 'user',
  async run({ principal, services }, { id }) {
    const job = await services.jobs.get(id);
    if (!job || (job.createdBy !== principal.userId && !isBureauAdmin(principal))) throw new NotFound('任务');
    return job;
  },
});
