// A user's media-stream endpoint on 127.0.0.1 (the `ws` package, a real WebSocket server): records every message
// and the handshake headers, and echoes the inbound track back as bidirectional `media`, until `t.after`.
import { WebSocketServer } from 'ws';

export class StreamServer {
  #server;
  #sockets = new Set();
  messages = [];
  handshakes = [];
  echo = true;

  static async start(t) {
    const server = new StreamServer();
    server.#server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.#server.once('listening', resolve));
    server.#server.on('connection', (socket, request) => {
      server.#sockets.add(socket);
      server.handshakes.push(request.headers);
      socket.on('message', (data, isBinary) => {
        if (isBinary) {
          server.messages.push({ binary: data });
          return;
        }
        const message = JSON.parse(data.toString());
        server.messages.push(message);
        if (server.echo && message.event === 'media' && message.media.track === 'inbound') {
          socket.send(JSON.stringify({ event: 'media', media: { payload: message.media.payload } }));
        }
      });
      socket.on('close', () => server.messages.push({ event: '(closed)' }));
    });
    t.after(() => server.close());
    return server;
  }

  get url() {
    return `ws://127.0.0.1:${this.#server.address().port}/stream`;
  }

  /** The `event` of every text message, in order. */
  get events() {
    return this.messages.filter((m) => m.event).map((m) => m.event);
  }

  /** Sends a text message to every connected stream. */
  send(message) {
    for (const socket of this.#sockets) {
      socket.send(JSON.stringify(message));
    }
  }

  close() {
    for (const socket of this.#sockets) {
      socket.terminate();
    }
    return new Promise((resolve) => this.#server.close(resolve));
  }
}
