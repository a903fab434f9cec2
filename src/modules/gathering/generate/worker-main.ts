/** A generator worker thread: encodes row ranges on request and hands the bytes back (transferred, not copied). */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeRows, type RangeReply, type RangeRequest, type WorkerOptions } from './generator.js';

const { options } = workerData as { options: WorkerOptions };

parentPort!.on('message', (m: RangeRequest) => {
  let reply: RangeReply;
  try {
    const buf = encodeRows(options, m.start, m.rows);
    reply = { id: m.id, bytes: buf.buffer as ArrayBuffer };
  } catch (e) {
    reply = { id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  parentPort!.postMessage(reply, 'bytes' in reply ? [reply.bytes] : []);
});
