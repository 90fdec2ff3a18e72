package dev.flareobserver.orchestration.resources.kv;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.kv.KvBulkEntry;
import dev.flareobserver.orchestration.resources.InvalidResourceInputException;
import dev.flareobserver.transport.CloudflareJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * wrangler's bulk JSON format ({@code wrangler kv bulk put/get}): an array of
 * {@code {key, value, base64?, expiration?, expiration_ttl?, metadata?}}. Reading checks the shape item by item;
 * writing streams entries to a temporary file that replaces the target only when complete.
 */
public final class KvBulkFile {

    private static final ObjectMapper JSON = CloudflareJson.newObjectMapper();

    private KvBulkFile() {
    }

    /**
     * @throws InvalidResourceInputException when the file is not such an array (naming the first bad item)
     * @throws IOException when it cannot be read
     */
    public static List<KvBulkEntry> read(Path file) throws IOException {
        List<KvBulkEntry> entries = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidResourceInputException(file.getFileName() + " is not a bulk file: it must hold a JSON"
                        + " array of {\"key\", \"value\"} objects, as wrangler kv bulk put takes.");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int item = entries.size() + 1;
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new InvalidResourceInputException("Item " + item + " of " + file.getFileName()
                            + " is not an object with \"key\" and \"value\".");
                }
                KvBulkEntry entry;
                try {
                    entry = JSON.readValue(parser, KvBulkEntry.class);
                } catch (JsonProcessingException e) {
                    throw new InvalidResourceInputException("Item " + item + " of " + file.getFileName()
                            + " cannot be read: " + e.getOriginalMessage());
                }
                if (entry.key() == null || entry.value() == null) {
                    throw new InvalidResourceInputException("Item " + item + " of " + file.getFileName()
                            + " needs a string \"key\" and a string \"value\".");
                }
                entries.add(entry);
            }
        } catch (JsonProcessingException e) {
            throw new InvalidResourceInputException(file.getFileName() + " is not valid JSON: " + e.getOriginalMessage());
        }
        return entries;
    }

    /** Starts writing a bulk file; {@link Writer#commit()} puts it in place, {@link Writer#close()} alone discards it. */
    public static Writer write(Path file) throws IOException {
        return new Writer(file);
    }

    /** Streams entries into a bulk file. */
    public static final class Writer implements AutoCloseable {
        private final Path target;
        private final Path temp;
        private final JsonGenerator generator;
        private boolean committed;

        private Writer(Path target) throws IOException {
            this.target = target;
            Path dir = target.toAbsolutePath().getParent();
            this.temp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            this.generator = JSON.createGenerator(temp.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8)
                    .useDefaultPrettyPrinter();
            generator.writeStartArray();
        }

        public void add(KvBulkEntry entry) throws IOException {
            JSON.writeValue(generator, entry);
        }

        public void commit() throws IOException {
            generator.writeEndArray();
            generator.close();
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            committed = true;
        }

        @Override
        public void close() throws IOException {
            if (!committed) {
                generator.close();
                Files.deleteIfExists(temp);
            }
        }
    }
}
