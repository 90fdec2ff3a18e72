package dev.flareobserver.emulator.r2;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Small demo pictures written as PNG by hand (8-bit RGB, one IDAT): no AWT, so generating them costs
 * microseconds and never loads a desktop toolkit into the emulator.
 */
final class DemoPng {

    private DemoPng() {
    }

    /** A diagonal gradient with a disc, colours derived from {@code seed}: the same picture for the same seed. */
    static byte[] picture(int width, int height, long seed) {
        int[] from = colour(seed);
        int[] to = colour(seed * 31 + 17);
        int[] disc = colour(seed * 131 + 7);
        int cx = width / 2 + (int) (Math.floorMod(seed, 7) - 3) * width / 16;
        int cy = height / 2;
        int r = Math.min(width, height) / 3;
        byte[] raw = new byte[height * (1 + width * 3)];
        int i = 0;
        for (int y = 0; y < height; y++) {
            raw[i++] = 0; // filter: none
            for (int x = 0; x < width; x++) {
                double t = (x + y) / (double) (width + height - 2);
                boolean inDisc = (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r;
                for (int c = 0; c < 3; c++) {
                    raw[i++] = (byte) (inDisc ? disc[c] : from[c] + (to[c] - from[c]) * t);
                }
            }
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.write(new byte[] {8, 2, 0, 0, 0}); // 8 bits, RGB, deflate, no filter set, no interlace
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", deflate(raw));
            chunk(out, "IEND", new byte[0]);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory cannot fail", e);
        }
    }

    private static int[] colour(long seed) {
        long x = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        x ^= x >>> 29;
        return new int[] {(int) (x & 0xff), (int) (x >>> 8 & 0xff), (int) (x >>> 16 & 0xff)};
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(typeBytes);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
