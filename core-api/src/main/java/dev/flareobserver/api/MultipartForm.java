package dev.flareobserver.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A {@code multipart/form-data} body built in memory: Worker bundles and KV values (at most 25 MiB) are small enough. */
public final class MultipartForm {
  private final String boundary = "flare-observer-" + UUID.randomUUID();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public MultipartForm field(String name, String contentType, byte[] value) {
    return part("form-data; name=\"" + escape(name) + "\"", contentType, value);
  }

  public MultipartForm file(String name, String contentType, byte[] value) {
    return part("form-data; name=\"" + escape(name) + "\"; filename=\"" + escape(name) + "\"", contentType, value);
  }

  private MultipartForm part(String disposition, String contentType, byte[] value) {
    write("--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n");
    if (contentType != null) {
      write("Content-Type: " + contentType + "\r\n");
    }
    write("\r\n");
    out.writeBytes(value);
    write("\r\n");
    return this;
  }

  public String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  public byte[] bytes() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return copy.toByteArray();
  }

  private void write(String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String name) {
    return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
  }
}
