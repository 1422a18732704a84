import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, type Status } from './status-errors';

/** The request body; larger bodies than the kube-apiserver's own limit (3 MiB) are refused. */
export async function readBody(req: IncomingMessage, maxBytes = 3 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > maxBytes) throw badRequest(`request body larger than ${maxBytes} bytes`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON body, answering 400 with the parser's message when it is not JSON. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw badRequest(`the request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.statusCode = code;
  res.setHeader('Content-Type', headers['Content-Type'] ?? 'application/json');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  for (const [k, v] of Object.entries(headers)) if (k !== 'Content-Type') res.setHeader(k, v);
  res.end(text);
}

export function sendStatus(res: ServerResponse, status: Status): void {
  if (res.headersSent) return void res.end();
  sendJson(res, status.code, status);
}
