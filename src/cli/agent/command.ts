import type { Command } from 'commander';

// `jutong agent`: registered here, loaded when run (the agent is a client of the platform and never loads its code).

export function registerAgent(program: Command) {
  program
    .command('agent')
    .description('前置机 exchange agent: push tables of the department’s database to the platform, pull granted resources into it')
    .requiredOption('--config <file>', 'the agent’s JSON configuration (platform, apiKey, state, jobs)')
    .option('--once', 'run every job until it is caught up, then exit (exit code 1 if a job failed or stopped)')
    .option('--retry <job>', 'send the batch a job stopped at again, under a new idempotency key', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--status', 'print where each job stands and exit')
    .action(async (o: { config: string; once?: boolean; retry: string[]; status?: boolean }) => {
      const { agentMain } = await import('./agent.js');
      process.exitCode = await agentMain(o);
    });
}
