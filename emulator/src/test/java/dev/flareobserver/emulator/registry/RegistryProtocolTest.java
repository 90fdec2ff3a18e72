package dev.flareobserver.emulator.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flareobserver.emulator.Emulator;
import dev.flareobserver.emulator.EmulatorOptions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OCI distribution API under /v2/, spoken by hand: uploads, digests, manifests, lists, auth, expiry. */
class RegistryProtocolTest {

    private static final ShiftedClock CLOCK = new ShiftedClock();
    private static Emulator emu;
    private static EmulatorHttp http;
    private static String account;
    private static String repo;
    private static String push;

    /** The system clock plus a shift the test moves (credentials expire in emulator time). */
    static final class ShiftedClock extends Clock {
        volatile Duration shift = Duration.ZERO;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }

    @BeforeAll
    static void start() {
        emu = Emulator.start(EmulatorOptions.builder().clock(CLOCK).build());
        http = new EmulatorHttp(emu);
        account = emu.accounts().get(0).id();
        repo = account + "/proto";
        push = http.registryCredentials(account, 15, "push", "pull");
    }

    @AfterAll
    static void stop() {
        emu.close();
    }

    @Test
    void withoutCredentialsTheRegistryChallengesForBasicAuth() {
        EmulatorHttp.Reply r = http.registry("GET", "/v2/", null, null, null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(r.json().at("/errors/0/code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(http.registry("GET", "/v2/", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("v1:guess".getBytes(StandardCharsets.UTF_8)), null, null).status()).isEqualTo(401);
        assertThat(http.registry("GET", "/v2/", push, null, null).status()).isEqualTo(200);
    }

    @Test
    void chunkedUploadIsVerifiedAgainstItsDigestAndThenServed() {
        byte[] blob = "chunk-one|chunk-two|chunk-three".getBytes(StandardCharsets.UTF_8);
        EmulatorHttp.Reply start = http.registry("POST", "/v2/" + repo + "/blobs/uploads/", push, new byte[0], null);
        assertThat(start.status()).isEqualTo(202);
        String location = start.header("Location");
        EmulatorHttp.Reply first = http.registry("PATCH", location, push, Arrays.copyOfRange(blob, 0, 10),
                "application/octet-stream", "Content-Range", "0-9");
        assertThat(first.header("Range")).isEqualTo("0-9");
        EmulatorHttp.Reply outOfOrder = http.registry("PATCH", first.header("Location"), push,
                Arrays.copyOfRange(blob, 20, blob.length), "application/octet-stream", "Content-Range", "20-30");
        assertThat(outOfOrder.status()).as("a chunk must start where the last ended").isEqualTo(416);
        EmulatorHttp.Reply status = http.registry("GET", location, push, null, null);
        assertThat(status.status()).isEqualTo(204);
        assertThat(status.header("Range")).as("a resuming client reads how far it got").isEqualTo("0-9");
        http.registry("PATCH", location, push, Arrays.copyOfRange(blob, 10, 20), "application/octet-stream");
        String digest = Digests.of(blob);
        EmulatorHttp.Reply done = http.registry("PUT", location + "?digest=" + digest, push,
                Arrays.copyOfRange(blob, 20, blob.length), "application/octet-stream");

        assertThat(done.status()).isEqualTo(201);
        assertThat(done.header("Docker-Content-Digest")).isEqualTo(digest);
        EmulatorHttp.Reply head = http.registry("HEAD", "/v2/" + repo + "/blobs/" + digest, push, null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(blob.length));
        assertThat(http.registry("GET", "/v2/" + repo + "/blobs/" + digest, push, null, null).bytes()).isEqualTo(blob);
    }

    @Test
    void aBlobWhoseContentDoesNotMatchItsDigestIsRefusedAndNotStored() {
        byte[] blob = "the real content".getBytes(StandardCharsets.UTF_8);
        String claimed = Digests.of("something else".getBytes(StandardCharsets.UTF_8));

        EmulatorHttp.Reply r = http.registry("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + claimed, push, blob,
                "application/octet-stream");

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/errors/0/code").asText()).isEqualTo("DIGEST_INVALID");
        assertThat(http.registry("HEAD", "/v2/" + repo + "/blobs/" + claimed, push, null, null).status()).isEqualTo(404);
        assertThat(http.registry("HEAD", "/v2/" + repo + "/blobs/" + Digests.of(blob), push, null, null).status())
                .isEqualTo(404);
    }

    @Test
    void manifestsByTagAndDigestTagListsAndCatalog() {
        OciImages.Image image = OciImages.image("hello.txt", "hi\n".getBytes(StandardCharsets.UTF_8), List.of("/hello.txt"));
        EmulatorHttp.Reply missingBlobs = http.registry("PUT", "/v2/" + account + "/app/manifests/v1", push,
                image.manifest(), "application/vnd.oci.image.manifest.v1+json");
        assertThat(missingBlobs.status()).isEqualTo(400);
        assertThat(missingBlobs.json().at("/errors/0/code").asText()).isEqualTo("MANIFEST_BLOB_UNKNOWN");

        String digest = OciImages.push(http, push, account + "/app", "v1", image);

        assertThat(digest).isEqualTo(image.manifestDigest());
        EmulatorHttp.Reply byTag = http.registry("GET", "/v2/" + account + "/app/manifests/v1", push, null, null,
                "Accept", "application/vnd.oci.image.manifest.v1+json");
        assertThat(byTag.bytes()).isEqualTo(image.manifest());
        assertThat(byTag.header("Content-Type")).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        EmulatorHttp.Reply head = http.registry("HEAD", "/v2/" + account + "/app/manifests/" + digest, push, null, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Docker-Content-Digest")).isEqualTo(digest);
        assertThat(http.registry("GET", "/v2/" + account + "/app/tags/list", push, null, null).json()
                .get("tags").toString()).isEqualTo("[\"v1\"]");
        JsonNode catalog = http.registry("GET", "/v2/_catalog", push, null, null).json();
        assertThat(catalog.get("repositories").toString()).contains(account + "/app");
        JsonNode withTags = http.registry("GET", "/v2/_catalog?tags=true", push, null, null).json();
        assertThat(withTags.at("/repositories/" + account + "~1app").toString()).isEqualTo("[\"v1\"]");

        assertThat(http.registry("DELETE", "/v2/" + account + "/app/manifests/v1", push, null, null).status())
                .isEqualTo(202);
        assertThat(http.registry("GET", "/v2/" + account + "/app/manifests/v1", push, null, null).status())
                .isEqualTo(404);
    }

    @Test
    void credentialsReachOnlyTheirAccountAndTheirPermissions() {
        String other = emu.accounts().get(1).id();
        String pullOnly = http.registryCredentials(account, 15, "pull");

        EmulatorHttp.Reply foreign = http.registry("POST", "/v2/" + other + "/x/blobs/uploads/", push, new byte[0], null);
        EmulatorHttp.Reply readOnly = http.registry("POST", "/v2/" + account + "/x/blobs/uploads/", pullOnly,
                new byte[0], null);

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.json().at("/errors/0/message").asText()).contains("push");
        EmulatorHttp.Reply unknownDomain = http.api("POST", "/accounts/" + account
                + "/containers/registries/docker.io/credentials", "{\"expiration_minutes\":5,\"permissions\":[\"push\"]}");
        assertThat(unknownDomain.status()).isEqualTo(404);
    }

    @Test
    void expiredCredentialsAreRefusedAndNewOnesWork() {
        String shortLived = http.registryCredentials(account, 1, "pull");
        assertThat(http.registry("GET", "/v2/", shortLived, null, null).status()).isEqualTo(200);

        CLOCK.shift = CLOCK.shift.plusMinutes(2);
        try {
            EmulatorHttp.Reply expired = http.registry("GET", "/v2/", shortLived, null, null);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(expired.json().at("/errors/0/message").asText()).contains("expire");
            String renewed = http.registryCredentials(account, 1, "pull");
            assertThat(http.registry("GET", "/v2/", renewed, null, null).status()).isEqualTo(200);
        } finally {
            CLOCK.shift = CLOCK.shift.minusMinutes(2);
        }
    }
}
