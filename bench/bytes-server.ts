/**
 * The floor of a load measure: a bare Node.js HTTP server that answers every request with the
 * same number of bytes (the load's client does not decompress answers, so their encoding does not
 * matter to it). The load's own client has to read every answer too, so under the same load this server's latency is
 * the least any server could show for an answer of that size on this machine. Prints its port as
 * one JSON line, then serves until it is killed.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const size = Number(process.argv[2]);
if (!Number.isInteger(size) || size < 0) throw new Error('Usage: bytes-server.ts BYTES');
// Compressed bytes look random; the client only counts them.
const body = randomBytes(size);
const server = http.createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'content-length': body.length,
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
