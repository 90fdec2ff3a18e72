package dev.flareobserver.orchestration.resources.kv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flareobserver.api.kv.KvKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KvKeyBrowserTest {

    /** A listing of {@code total} keys in pages of 1000, counting requests. */
    private static KvKeyBrowser browser(int total, AtomicInteger requests) {
        return new KvKeyBrowser("ns", "", cursor -> {
            requests.incrementAndGet();
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            List<KvKey> keys = new ArrayList<>();
            for (int i = from; i < Math.min(total, from + 1000); i++) {
                keys.add(new KvKey("key:%07d".formatted(i), i % 2 == 0 ? 1_900_000_000L + i : null,
                        i % 10 == 0 ? new ObjectMapper().createObjectNode().put("n", i) : null));
            }
            int next = from + keys.size();
            return new KvKeyPage(cursor, keys, next < total ? Integer.toString(next) : null);
        });
    }

    @Test
    void pagesAreFetchedOnlyAsTheUserScrollsNearTheEnd() {
        AtomicInteger requests = new AtomicInteger();
        KvKeyBrowser b = browser(2_500, requests);
        assertThat(requests).hasValue(0);
        assertThat(b.wantsMore(0)).isTrue();

        b.loadNext();
        assertThat(b.size()).isEqualTo(1000);
        assertThat(b.wantsMore(500)).isFalse();
        assertThat(b.wantsMore(1000 - KvKeyBrowser.PREFETCH_DISTANCE)).isTrue();

        b.loadNext();
        b.loadNext();
        assertThat(b.size()).isEqualTo(2_500);
        assertThat(b.isComplete()).isTrue();
        assertThat(b.wantsMore(2_499)).isFalse();
        assertThat(b.loadNext()).isZero();
        assertThat(requests).hasValue(3);
    }

    @Test
    void rowsKeepNamesExpirationsAndMetadata() {
        KvKeyBrowser b = browser(1_500, new AtomicInteger());
        b.loadNext();
        b.loadNext();

        assertThat(b.key(0)).isEqualTo("key:0000000");
        assertThat(b.key(1_499)).isEqualTo("key:0001499");
        assertThat(b.expiration(1_000)).isEqualTo(1_900_001_000L);
        assertThat(b.expiration(1_001)).isNull();
        assertThat(b.metadataJson(1_010)).isEqualTo("{\"n\":1010}");
        assertThat(b.metadataJson(1_011)).isNull();
    }

    @Test
    void aPageForAnOlderPositionIsIgnored() {
        KvKeyBrowser b = browser(3_000, new AtomicInteger());
        KvKeyPage first = b.fetchNext();
        KvKeyPage sameAgain = b.fetchNext();

        assertThat(b.append(first)).isEqualTo(1000);
        assertThat(b.append(sameAgain)).as("a double-fetched page is not appended twice").isZero();
        assertThat(b.size()).isEqualTo(1000);
    }

    @Test
    void keysThatUtf8CannotCarryComeBackUnchanged() {
        String odd = "lone\uD800surrogate";
        KvKeyBrowser b = new KvKeyBrowser("ns", "", cursor -> new KvKeyPage(cursor,
                List.of(new KvKey("ü/日本語", null, null), new KvKey(odd, null, null)), null));
        b.loadNext();

        assertThat(b.key(0)).isEqualTo("ü/日本語");
        assertThat(b.key(1)).isEqualTo(odd);
    }

    @Test
    void fiftyThousandKeysTakeAFewMegabytes() {
        KvKeyBrowser b = browser(50_000, new AtomicInteger());
        while (!b.isComplete()) {
            b.loadNext();
        }
        assertThat(b.size()).isEqualTo(50_000);
        assertThat(b.estimatedBytes()).isLessThan(3L * 1024 * 1024);
    }
}
