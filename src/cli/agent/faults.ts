// Test-only crash points: JUTONG_AGENT_FAULT=<point>@<n>[,…] makes the agent SIGKILL itself
// at that point of batch (push) or page (pull) number n, so the tests can stop it exactly in
// each window that matters instead of hoping a timed kill lands there.
//
//   before-send  the batch is written down in the state file, nothing sent
//   mid-send     half of the batch's body is on the wire
//   after-send   the platform has answered (the run is published), the state does not know yet
//   mid-apply    a pulled page is half applied, its transaction not committed
//   after-apply  a pulled page is committed to the destination, its token not yet saved

type FaultPoint = 'before-send' | 'mid-send' | 'after-send' | 'mid-apply' | 'after-apply';

const planned = new Set((process.env.JUTONG_AGENT_FAULT ?? '').split(',').filter(Boolean));

export function fault(point: FaultPoint, n: number) {
  if (planned.size && planned.has(`${point}@${n}`)) {
    process.stderr.write(`[fault] ${point}@${n}: SIGKILL\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
