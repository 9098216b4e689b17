import type { Server } from 'node:http';

/**
 * Starts listening and resolves with the bound port. Rejects with a clear Error when the port is
 * already in use (or any other listen error), naming the service, host and port.
 */
export function listen(server: Server, port: number, host: string, label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      const where = `${host}:${String(port)}`;
      const message =
        error.code === 'EADDRINUSE'
          ? `${label} could not start: port ${String(port)} on ${host} is already in use. Stop the other process or choose another port.`
          : `${label} could not listen on ${where}: ${error.message}`;
      reject(new Error(message, { cause: error }));
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error(`${label} is not listening on a TCP port`));
        return;
      }
      resolve(address.port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/** Stops accepting connections, closes keep-alive sockets, and resolves once the server is closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => {
      if (error) reject(error);
      else resolve();
    });
    server.closeAllConnections();
  });
}

/** Formats a host for a URL (brackets around an IPv6 literal). */
export function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The default CORS rule: any plain-http origin on localhost or 127.0.0.1, on any port. */
export function isLoopbackOrigin(origin: string): boolean {
  return /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/.test(origin);
}

/** A CORS origin check: exact matches against `origins` when given, else {@link isLoopbackOrigin}. */
export function originChecker(origins: readonly string[] | undefined): (origin: string) => boolean {
  if (origins === undefined) return isLoopbackOrigin;
  const allowed = new Set(origins);
  return (origin) => allowed.has(origin);
}

/** Reads a property of a value that may not be an object (network data, untyped library objects). */
export function getField(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const field: unknown = Reflect.get(value, name);
  return field;
}
