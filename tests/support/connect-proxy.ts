// A forward proxy for tests: answers HTTP CONNECT (what undici's ProxyAgent sends for every
// request) by tunnelling to one local port, whatever host was asked for, and records each
// CONNECT's target and Proxy-Authorization header. With an unresolvable API host, a request
// can reach the server behind it only through this proxy.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxy {
  port: number;
  connects: { target: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

export async function startConnectProxy(opts: { targetPort: number }): Promise<ConnectProxy> {
  const connects: ConnectProxy['connects'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => {
    // Only tunnels: a plain proxied request would mean the client is not using CONNECT.
    res.writeHead(405).end();
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    connects.push({ target: req.url ?? '', authorization: req.headers['proxy-authorization'] });
    sockets.add(client);
    const upstream = connect(opts.targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('error', end);
    client.on('error', end);
    client.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connects,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
