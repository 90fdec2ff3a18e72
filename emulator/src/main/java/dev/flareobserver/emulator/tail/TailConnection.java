package dev.flareobserver.emulator.tail;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One open tail socket. Frames arrive already framed ({@link WsFrames}) and are batched into
 * buffers of up to 64 KiB that go straight onto Java-WebSocket's public out queue, with a write demand
 * to its selector: the library would otherwise copy and re-frame every message and write each with
 * its own system call, which caps a flood far below the 100,000 frames/s the benchmarks need.
 * Thread-safe: the pump and a flood may write at once; frames never interleave inside each other.
 */
final class TailConnection {

    private static final Logger LOG = LoggerFactory.getLogger(TailConnection.class);
    private static final int BATCH_BYTES = 64 * 1024;

    private final WebSocketImpl socket;
    private final TailSocketServer server;
    private final String remoteIp;
    private final byte[] batch = new byte[BATCH_BYTES];
    private int batched;

    TailConnection(WebSocket socket, TailSocketServer server) {
        this.socket = (WebSocketImpl) socket;
        this.server = server;
        this.remoteIp = socket.getRemoteSocketAddress() == null ? null
                : socket.getRemoteSocketAddress().getAddress().getHostAddress();
    }

    WebSocket socket() {
        return socket;
    }

    /** The client's address, what a {@code "self"} client_ip filter means. */
    String remoteIp() {
        return remoteIp;
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    /** Buffers written but not yet taken by the socket: grows when the client stops reading. */
    int queuedBuffers() {
        return socket.outQueue.size();
    }

    /** Adds one frame to the batch; false when the socket has closed. */
    synchronized boolean add(byte[] frame) {
        if (batched + frame.length > BATCH_BYTES && !flushLocked()) {
            return false;
        }
        if (frame.length > BATCH_BYTES) {
            return queue(ByteBuffer.wrap(frame));
        }
        System.arraycopy(frame, 0, batch, batched, frame.length);
        batched += frame.length;
        return true;
    }

    /** Hands the batch to the socket; false when the socket has closed. */
    synchronized boolean flush() {
        return flushLocked();
    }

    private boolean flushLocked() {
        if (batched == 0) {
            return socket.isOpen();
        }
        ByteBuffer out = ByteBuffer.wrap(Arrays.copyOf(batch, batched));
        batched = 0;
        return queue(out);
    }

    private boolean queue(ByteBuffer frames) {
        if (!socket.isOpen()) {
            return false;
        }
        socket.outQueue.add(frames);
        server.onWriteDemand(socket);
        return true;
    }

    /** A clean close: pending frames go first, then the close frame. */
    void close(int code, String reason) {
        flush();
        socket.close(code, reason);
    }

    /**
     * Cuts the TCP connection with no close frame, as a network failure would: SO_LINGER 0 makes the
     * close a reset, so the client sees the connection die rather than a polite end of stream.
     */
    void abort() {
        if (socket.getChannel() instanceof SocketChannel channel) {
            try {
                channel.socket().setSoLinger(true, 0);
            } catch (IOException e) {
                LOG.debug("Could not arm a reset on the tail socket; closing it plainly", e);
            }
        }
        socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "connection dropped by the emulator");
    }
}
