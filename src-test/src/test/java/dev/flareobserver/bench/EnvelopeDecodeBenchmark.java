package dev.flareobserver.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.transport.ApiResult;
import dev.flareobserver.transport.EnvelopeDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decoding one 1000-item list page through the v4 envelope decoder, against plain Jackson binding
 * of the same bytes to the same item records (the cost floor any decoder has to pay).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvelopeDecodeBenchmark {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeyItem(String name, Long expiration, java.util.Map<String, Object> metadata) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RawPage(boolean success, List<Object> errors, List<Object> messages, List<KeyItem> result,
                          java.util.Map<String, Object> result_info) {}

    private byte[] page;
    private ObjectMapper mapper;
    private EnvelopeDecoder decoder;
    private JavaType itemList;

    @Setup
    public void setUp() {
        page = listPage(1000).getBytes(StandardCharsets.UTF_8);
        mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        decoder = new EnvelopeDecoder(mapper);
        itemList = mapper.getTypeFactory().constructCollectionType(List.class, KeyItem.class);
    }

    @Benchmark
    public RawPage rawJackson() throws Exception {
        return mapper.readValue(page, RawPage.class);
    }

    @Benchmark
    public ApiResult<List<KeyItem>> envelopeDecode() {
        return decoder.decode(page, 200, itemList);
    }

    /** A KV key listing page in the documented shape (CursorLimitPagination). */
    static String listPage(int items) {
        StringBuilder json = new StringBuilder("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[");
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"name\":\"user:").append(100000 + i).append(":profile\",\"expiration\":")
                    .append(1_800_000_000L + i).append(",\"metadata\":{\"owner\":\"team-").append(i % 7)
                    .append("\",\"version\":").append(i % 13).append("}}");
        }
        return json.append("],\"result_info\":{\"count\":").append(items)
                .append(",\"cursor\":\"6Ck1la0VxJ0djhidm1MdX2FyDGxLKVeeHZZmORS_8XeSuhz9SjIJRaSa2lnsF01tQOHrfTGAP3R5X1Kv5iVUuMbNKhWNAXHOl6ePB0TUL8nw\"}}")
                .toString();
    }
}
