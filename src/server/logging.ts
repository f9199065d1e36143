import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/** Where log lines go instead of standard output (the tests' capture). */
export interface LogDestination {
  write(line: string): void;
}

/** Query parameters whose values are secrets (a link's token, say): never written to the logs. */
const SECRET_PARAMS = /([?&](?:token|password|passphrase|secret|api[_-]?key|csrf[_-]?token)=)[^&#]*/gi;

/** The URL as logged: the values of secret parameters replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[Redacted]');
}

/**
 * The server's structured JSON logs (pino, through Fastify): one line per event, each request's with its request id.
 * Nothing secret is written: requests are logged by method, redacted URL, host and client address (never their
 * headers or bodies), and the credentials' headers are redacted should anything log them.
 */
export function loggerOptions(level: string, stream?: LogDestination): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
    serializers: {
      req: (req: FastifyRequest) => ({
        method: req.method,
        url: redactUrl(req.url),
        host: req.host,
        remoteAddress: req.ip,
      }),
    },
  };
}
