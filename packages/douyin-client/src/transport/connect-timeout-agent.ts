import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

/** Error code our agents put on a socket that did not connect in time. */
export const CONNECT_TIMEOUT_CODE = 'ECONNECT_TIMEOUT';

/**
 * Destroys the socket when the TCP (and TLS) handshake does not finish in time. Node has no
 * connect timeout of its own, and knowing the connection never opened is what makes a retry of
 * a single-use login code or a message send safe.
 */
function armConnectTimeout(socket: Duplex | null | undefined, ms: number, tls: boolean): void {
  if (!socket) return;
  const timer = setTimeout(() => {
    const err = Object.assign(new Error(`connect timeout after ${ms} ms`), { code: CONNECT_TIMEOUT_CODE });
    socket.destroy(err);
  }, ms);
  timer.unref();
  const clear = (): void => clearTimeout(timer);
  socket.once(tls ? 'secureConnect' : 'connect', clear);
  socket.once('close', clear);
}

/** Plain HTTP agent (local emulator) with a connect timeout. */
export class ConnectTimeoutHttpAgent extends http.Agent {
  constructor(
    options: http.AgentOptions,
    private readonly connectTimeoutMs: number,
  ) {
    super(options);
  }

  override createConnection(options: http.ClientRequestArgs, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection(options, callback);
    armConnectTimeout(socket, this.connectTimeoutMs, false);
    return socket;
  }
}

/**
 * HTTPS agent with a connect timeout. Certificate verification is forced on: there is no option
 * to turn it off (the official SDK's default of turning it off is what this client must not copy).
 */
export class ConnectTimeoutHttpsAgent extends https.Agent {
  constructor(
    options: Omit<https.AgentOptions, 'rejectUnauthorized'>,
    private readonly connectTimeoutMs: number,
  ) {
    super({ ...options, rejectUnauthorized: true });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const socket = super.createConnection({ ...options, rejectUnauthorized: true }, callback);
    armConnectTimeout(socket, this.connectTimeoutMs, true);
    return socket;
  }
}
