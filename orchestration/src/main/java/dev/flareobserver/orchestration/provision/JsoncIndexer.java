package dev.flareobserver.orchestration.provision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/** Where the objects and keys of a JSON-with-comments text are ({@link ConfigIndex}), from Jackson's token locations. */
final class JsoncIndexer {

    private final String text;
    private final JsonParser parser;
    private final ConfigIndex index = new ConfigIndex();

    private JsoncIndexer(String text, JsonFactory factory) throws IOException {
        this.text = text;
        this.parser = factory.createParser(text);
    }

    /** The text must already have parsed with {@code factory}. */
    static ConfigIndex index(String text, JsonFactory factory) throws IOException {
        JsoncIndexer indexer = new JsoncIndexer(text, factory);
        try (JsonParser p = indexer.parser) {
            if (p.nextToken() != null) {
                indexer.value("");
            }
        }
        return indexer.index;
    }

    /** The current token is the value's first token; on return, its last. */
    private void value(String path) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            JsonLocation at = parser.currentTokenLocation();
            ConfigIndex.Table table = new ConfigIndex.Table(path, (int) at.getCharOffset(), at.getLineNr(),
                    at.getColumnNr(), true);
            index.add(table);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonLocation keyAt = parser.currentTokenLocation();
                parser.nextToken();
                int valueStart = (int) parser.currentTokenLocation().getCharOffset();
                String child = ConfigIndex.child(path, key);
                value(child);
                index.add(table, key, new ConfigIndex.Entry(child, keyAt.getLineNr(), keyAt.getColumnNr(),
                        valueStart, valueEnd(valueStart)));
            }
            table.end = (int) parser.currentTokenLocation().getCharOffset();
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                value(ConfigIndex.element(path, i++));
            }
        }
    }

    /** Just past the value that starts at {@code start} (its closing quote or bracket, or its last character). */
    private int valueEnd(int start) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
            return (int) parser.currentTokenLocation().getCharOffset() + 1;
        }
        int i = start;
        if (text.charAt(i) == '"') {
            i++;
            while (i < text.length() && text.charAt(i) != '"') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            return i + 1;
        }
        while (i < text.length() && ",}] \t\r\n/".indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }
}
