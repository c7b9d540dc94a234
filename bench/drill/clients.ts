/**
 * Many players' live streams from one process: plain node:http requests to the SSE endpoint, each
 * noting when an inject arrives (wall clock, the same clock as the node on this machine). The
 * stamp is taken when the chunk reaches this process, so the figures include this process's own
 * delays: they are an upper bound of what a player would see.
 */
import { Agent, request } from 'node:http';

export interface Arrival {
  at: number;
  dueAt: number;
}

export interface Stream {
  ready: Promise<void>;
  /** First arrival by inject id, with the due time the node announced for it. */
  arrivals: Map<string, Arrival>;
  /** Injects that arrived more than once on this stream (should stay 0). */
  repeats: number;
  close(): void;
}

const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

export function openStream(url: string, token: string): Stream {
  let markReady: () => void = () => {};
  let fail: (err: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const stream: Stream = { ready, arrivals: new Map(), repeats: 0, close: () => req.destroy() };
  const req = request(url, { agent, headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` } }, (res) => {
    if (res.statusCode !== 200) {
      fail(new Error(`stream answered ${res.statusCode}`));
      res.resume();
      return;
    }
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk: string) => {
      const at = Date.now();
      buffer += chunk;
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event === 'ready') markReady();
        if (event !== 'inject') continue;
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as { injectId: string; dueAt: string };
        if (stream.arrivals.has(data.injectId)) stream.repeats++;
        else stream.arrivals.set(data.injectId, { at, dueAt: Date.parse(data.dueAt) });
      }
    });
    res.on('error', (err) => fail(err));
  });
  req.on('error', (err) => fail(err));
  req.end();
  return stream;
}

/** Opens the streams in waves so that the node is not asked for 2,000 connections in one instant. */
export async function openStreams(url: string, tokens: string[], wave = 200): Promise<Stream[]> {
  const streams: Stream[] = [];
  for (let i = 0; i < tokens.length; i += wave) {
    const batch = tokens.slice(i, i + wave).map((t) => openStream(url, t));
    streams.push(...batch);
    await Promise.all(batch.map((s) => s.ready));
  }
  return streams;
}
