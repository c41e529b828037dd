import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the test server answers the next requests (change it between downloads). */
export interface ServerBehaviour {
  /** Answer `Range` requests with 206 (true) or ignore them and send the whole file with 200 (false). */
  ranges: boolean;
  /** Send this many body bytes, then destroy the socket (a connection that breaks mid-download). */
  cutAfter: number | null;
  /** Send this many body bytes, then nothing more (until the client gives up). */
  stallAfter: number | null;
}

export interface FileServer {
  /** `http://127.0.0.1:<port>/<name>` */
  url: string;
  behaviour: ServerBehaviour;
  /** The `Range` header of every request, in order (undefined when there was none). */
  ranges: Array<string | undefined>;
  close(): Promise<void>;
}

/** A loopback HTTP server serving one file, with switchable range support and failures. */
export async function startFileServer(body: Uint8Array, name = 'model.gguf'): Promise<FileServer> {
  const behaviour: ServerBehaviour = { ranges: true, cutAfter: null, stallAfter: null };
  const ranges: Array<string | undefined> = [];
  const server = http.createServer((request, response) => {
    if (request.url !== `/${name}`) {
      response.writeHead(404).end();
      return;
    }
    ranges.push(request.headers.range);
    let start = 0;
    const match = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
    if (match && behaviour.ranges) {
      start = Number(match[1]);
      if (start >= body.length) {
        response.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      response.writeHead(206, { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'content-length': body.length - start, 'accept-ranges': 'bytes' });
    } else {
      response.writeHead(200, { 'content-length': body.length });
    }
    const rest = body.subarray(start);
    if (behaviour.cutAfter !== null) {
      response.write(rest.subarray(0, behaviour.cutAfter), () => response.socket?.destroy());
    } else if (behaviour.stallAfter !== null) {
      response.write(rest.subarray(0, behaviour.stallAfter));
    } else {
      response.end(rest);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/${name}`,
    behaviour,
    ranges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
