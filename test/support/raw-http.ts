import { connect, type Socket } from "node:net";
import type { Server } from "node:http";

/** A client socket to the app with what the server sent back, for requests fetch() cannot make. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server sent, once it closed the connection. */
  closed: Promise<string>;
}

export function openRaw(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString("latin1")));
    const closed = new Promise<string>((done) => socket.once("close", () => done(received)));
    // The server may reset a connection it refuses; what it sent is still in `received`.
    socket.on("error", () => {});
    socket.once("connect", () => resolve({ socket, closed }));
    socket.once("error", reject);
  });
}

/** The status code of the first response in what a server sent. */
export function statusOf(received: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
  return match ? Number(match[1]) : undefined;
}

/** Counts, per connection, how many bytes the server read from it (once it closed). */
export function serverReads(server: Server): { total(): number; perConnection(): number[] } {
  const sockets: Socket[] = [];
  const onConnection = (socket: Socket) => sockets.push(socket);
  server.on("connection", onConnection);
  return {
    total: () => sockets.reduce((n, s) => n + s.bytesRead, 0),
    perConnection: () => sockets.map((s) => s.bytesRead),
  };
}
