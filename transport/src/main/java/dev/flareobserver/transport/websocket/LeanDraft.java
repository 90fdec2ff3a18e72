package dev.flareobserver.transport.websocket;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidFrameException;
import org.java_websocket.exceptions.LimitExceededException;
import org.java_websocket.framing.FramedataImpl1;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.TextFrame;
import org.java_websocket.protocols.IProtocol;

/**
 * RFC 6455 without extensions, reading frames itself so that a whole text frame reaches a
 * {@link TextReceiver} as its bytes: Java-WebSocket validates every text frame byte by byte
 * ({@code TextFrame.isValid}) and then decodes it through a {@code CharBuffer} twice its size. On a live
 * tail at 100,000 frames a second that took three quarters of the socket thread and most of the garbage.
 * Everything else (fragments, control frames, closing) is still the library's {@code processFrame}.
 */
final class LeanDraft extends Draft_6455 {

  /** Takes whole text frames as UTF-8 bytes (on the socket thread). */
  interface TextReceiver {
    void onTextFrame(ByteBuffer utf8);
  }

  private static final int MAX_FRAME = 64 * 1024 * 1024;

  /** The start of a frame that has not fully arrived yet, kept until the next read. */
  private ByteBuffer partial;

  LeanDraft(List<IProtocol> protocols) {
    super(List.of(), protocols);
  }

  @Override
  public Draft copyInstance() {
    List<IProtocol> copies = new ArrayList<>();
    for (IProtocol p : getKnownProtocols()) {
      copies.add(p.copyInstance());
    }
    return new LeanDraft(copies);
  }

  @Override
  public void reset() {
    super.reset();
    partial = null;
  }

  @Override
  public void processFrame(WebSocketImpl socket, Framedata frame) throws InvalidDataException {
    if (frame instanceof DecodedLaterTextFrame && frame.isFin()
        && socket.getWebSocketListener() instanceof TextReceiver receiver) {
      receiver.onTextFrame(frame.getPayloadData());
      return;
    }
    super.processFrame(socket, frame);
  }

  @Override
  public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
    ByteBuffer in = buffer;
    if (partial != null) {
      ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + buffer.remaining());
      joined.put(partial).put(buffer).flip();
      in = joined;
      partial = null;
    }
    List<Framedata> frames = new ArrayList<>();
    while (in.hasRemaining()) {
      int start = in.position();
      Framedata frame = readFrame(in);
      if (frame == null) {
        in.position(start);
        partial = ByteBuffer.allocate(in.remaining()).put(in).flip();
        break;
      }
      frames.add(frame);
    }
    return frames;
  }

  /** One whole frame from {@code in}, or null (position unspecified) when it has not fully arrived. */
  private static Framedata readFrame(ByteBuffer in) throws InvalidDataException {
    if (in.remaining() < 2) {
      return null;
    }
    byte b1 = in.get();
    byte b2 = in.get();
    if ((b1 & 0x70) != 0) {
      throw new InvalidFrameException("reserved bits set without a negotiated extension");
    }
    Opcode opcode = opcode(b1 & 0x0F);
    long length = b2 & 0x7F;
    if (length == 126) {
      if (in.remaining() < 2) {
        return null;
      }
      length = in.getShort() & 0xFFFF;
    } else if (length == 127) {
      if (in.remaining() < 8) {
        return null;
      }
      length = in.getLong();
    }
    if (length < 0 || length > MAX_FRAME) {
      throw new LimitExceededException("frame of " + length + " bytes is over the limit", MAX_FRAME);
    }
    boolean masked = (b2 & 0x80) != 0;
    byte[] mask = null;
    if (masked) {
      if (in.remaining() < 4) {
        return null;
      }
      mask = new byte[4];
      in.get(mask);
    }
    if (in.remaining() < length) {
      return null;
    }
    byte[] payload = new byte[(int) length];
    in.get(payload);
    if (mask != null) {
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i & 3];
      }
    }
    FramedataImpl1 frame = opcode == Opcode.TEXT ? new DecodedLaterTextFrame() : FramedataImpl1.get(opcode);
    frame.setFin((b1 & 0x80) != 0);
    frame.setTransferemasked(masked);
    frame.setPayload(ByteBuffer.wrap(payload));
    frame.isValid();
    return frame;
  }

  private static Opcode opcode(int code) throws InvalidFrameException {
    return switch (code) {
      case 0 -> Opcode.CONTINUOUS;
      case 1 -> Opcode.TEXT;
      case 2 -> Opcode.BINARY;
      case 8 -> Opcode.CLOSING;
      case 9 -> Opcode.PING;
      case 10 -> Opcode.PONG;
      default -> throw new InvalidFrameException("unknown opcode " + code);
    };
  }

  /** A text frame whose UTF-8 is left to whoever decodes it. */
  private static final class DecodedLaterTextFrame extends TextFrame {
    @Override
    public void isValid() throws InvalidDataException {
      if (isRSV1() || isRSV2() || isRSV3()) {
        throw new InvalidFrameException("reserved bits set");
      }
    }
  }
}
