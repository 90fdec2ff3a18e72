package dev.flareobserver.transport.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.Framedata;
import org.java_websocket.protocols.Protocol;
import org.junit.jupiter.api.Test;

class LeanDraftTest {

  private static byte[] frame(int opcode, byte[] payload, boolean masked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0x80 | opcode);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      out.write(maskBit | payload.length);
    } else if (payload.length <= 0xFFFF) {
      out.write(maskBit | 126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xFF);
    } else {
      out.write(maskBit | 127);
      ByteBuffer len = ByteBuffer.allocate(8).putLong(payload.length);
      out.writeBytes(len.array());
    }
    byte[] mask = {7, 42, -3, 99};
    if (masked) {
      out.writeBytes(mask);
    }
    for (int i = 0; i < payload.length; i++) {
      out.write(masked ? payload[i] ^ mask[i & 3] : payload[i]);
    }
    return out.toByteArray();
  }

  private static String text(Framedata f) {
    return StandardCharsets.UTF_8.decode(f.getPayloadData().duplicate()).toString();
  }

  @Test
  void framesSplitAtEveryByteBoundaryComeOutWhole() throws Exception {
    String small = "{\"outcome\":\"ok\",\"logs\":[\"héllo ✓\"]}";
    String medium = "x".repeat(300);
    String large = "y".repeat(70_000);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    stream.writeBytes(frame(1, small.getBytes(StandardCharsets.UTF_8), false));
    stream.writeBytes(frame(9, "ping".getBytes(StandardCharsets.UTF_8), false));
    stream.writeBytes(frame(1, medium.getBytes(StandardCharsets.UTF_8), true));
    stream.writeBytes(frame(1, large.getBytes(StandardCharsets.UTF_8), false));
    byte[] all = stream.toByteArray();
    for (int split : new int[] {1, 2, 3, 5, 40, 45, 300, 1000, 50_000, all.length - 1}) {
      LeanDraft draft = new LeanDraft(List.of(new Protocol("trace-v1")));
      List<Framedata> frames = new ArrayList<>(draft.translateFrame(ByteBuffer.wrap(all, 0, split)));
      frames.addAll(draft.translateFrame(ByteBuffer.wrap(all, split, all.length - split)));
      assertThat(frames).as("split at " + split).hasSize(4);
      assertThat(text(frames.get(0))).isEqualTo(small);
      assertThat(frames.get(1).getOpcode()).isEqualTo(Opcode.PING);
      assertThat(text(frames.get(2))).isEqualTo(medium);
      assertThat(text(frames.get(3))).isEqualTo(large);
    }
  }

  @Test
  void reservedBitsAndUnknownOpcodesAreRefused() {
    byte[] rsv = frame(1, new byte[] {'a'}, false);
    rsv[0] |= 0x40;
    assertThatThrownBy(() -> new LeanDraft(List.of()).translateFrame(ByteBuffer.wrap(rsv)))
        .isInstanceOf(InvalidDataException.class);
    byte[] unknown = frame(3, new byte[] {'a'}, false);
    assertThatThrownBy(() -> new LeanDraft(List.of()).translateFrame(ByteBuffer.wrap(unknown)))
        .isInstanceOf(InvalidDataException.class);
  }

  @Test
  void copiesStartWithoutLeftovers() throws Exception {
    LeanDraft draft = new LeanDraft(List.of(new Protocol("trace-v1")));
    byte[] f = frame(1, "hello".getBytes(StandardCharsets.UTF_8), false);
    assertThat(draft.translateFrame(ByteBuffer.wrap(f, 0, 3))).isEmpty();
    LeanDraft copy = (LeanDraft) draft.copyInstance();
    assertThat(copy.translateFrame(ByteBuffer.wrap(f))).hasSize(1);
    assertThat(copy.getKnownProtocols()).extracting(p -> p.getProvidedProtocol()).containsExactly("trace-v1");
  }
}
