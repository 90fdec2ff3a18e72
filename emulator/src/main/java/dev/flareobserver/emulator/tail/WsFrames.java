package dev.flareobserver.emulator.tail;

/**
 * Server-to-client WebSocket frames (RFC 6455 5.2), built once so an event shown to many tails, or
 * replayed by a flood, is never framed again: a frame is a final, unmasked text frame.
 */
final class WsFrames {

    private static final int FIN_TEXT = 0x81;

    private WsFrames() {
    }

    /** A text frame carrying {@code utf8}, which must be valid UTF-8 (Jackson's output is). */
    static byte[] text(byte[] utf8) {
        int n = utf8.length;
        int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + n];
        frame[0] = (byte) FIN_TEXT;
        if (n < 126) {
            frame[1] = (byte) n;
        } else if (n <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = 127;
            long len = n;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) (len >>> (56 - 8 * i));
            }
        }
        System.arraycopy(utf8, 0, frame, header, n);
        return frame;
    }
}
