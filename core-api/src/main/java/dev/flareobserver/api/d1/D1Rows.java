package dev.flareobserver.api.d1;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@code results} of a raw statement: column names in order and one {@code Object[]} per row (not a map
 * per row: a 100,000-row answer stays compact). Values are {@code null}, {@link String}, {@link Long},
 * {@link Double}, {@link Boolean}, {@code byte[]} (a BLOB, which D1 sends as an array of byte values) or,
 * for anything else, a {@link JsonNode}. Read straight from the JSON stream.
 */
@JsonDeserialize(using = D1Rows.Reader.class)
public record D1Rows(List<String> columns, List<Object[]> rows) {

  public static final D1Rows EMPTY = new D1Rows(List.of(), List.of());

  public D1Rows {
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    rows = Objects.requireNonNull(rows, "rows");
  }

  public int size() {
    return rows.size();
  }

  /** Streams {@code {"columns": [...], "rows": [[...], ...]}} into row arrays. */
  static final class Reader extends JsonDeserializer<D1Rows> {

    @Override
    public D1Rows deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (parser.currentToken() != JsonToken.START_OBJECT) {
        return context.reportInputMismatch(D1Rows.class, "raw results must be an object, not %s",
            parser.currentToken());
      }
      List<String> columns = List.of();
      List<Object[]> rows = new ArrayList<>();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("columns".equals(field) && value == JsonToken.START_ARRAY) {
          List<String> names = new ArrayList<>();
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            names.add(parser.getValueAsString());
          }
          columns = names;
        } else if ("rows".equals(field) && value == JsonToken.START_ARRAY) {
          while (parser.nextToken() == JsonToken.START_ARRAY) {
            rows.add(readRow(parser, columns.size()));
          }
        } else {
          parser.skipChildren();
        }
      }
      return new D1Rows(columns, rows);
    }

    private static Object[] readRow(JsonParser parser, int expected) throws IOException {
      Object[] row = new Object[Math.max(expected, 1)];
      int i = 0;
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        if (i == row.length) {
          row = java.util.Arrays.copyOf(row, row.length * 2);
        }
        row[i++] = value(parser, token);
      }
      return i == row.length ? row : java.util.Arrays.copyOf(row, i);
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
      return switch (token) {
        case VALUE_NULL -> null;
        case VALUE_STRING -> parser.getText();
        case VALUE_NUMBER_INT -> integer(parser);
        case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        default -> blobOrTree(parser.readValueAsTree());
      };
    }

    /** A whole number beyond a long (SQLite has none, but JSON allows it) is kept as a double. */
    private static Object integer(JsonParser parser) throws IOException {
      if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return parser.getDecimalValue().doubleValue();
      }
      return parser.getLongValue();
    }

    /** An array of byte values is a BLOB; any other structure is kept as it came. */
    private static Object blobOrTree(JsonNode node) {
      if (node.isArray()) {
        byte[] bytes = new byte[node.size()];
        for (int i = 0; i < bytes.length; i++) {
          JsonNode b = node.get(i);
          if (!b.isIntegralNumber() || b.asInt() < 0 || b.asInt() > 255) {
            return node;
          }
          bytes[i] = (byte) b.asInt();
        }
        return bytes;
      }
      return node;
    }
  }
}
