package dev.flareobserver.emulator.registry;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * TLS for the registry's HTTPS port: a self-signed certificate for 127.0.0.1/localhost shipped with the emulator
 * (its key protects nothing: it only lets clients speak HTTPS to a loopback registry). Clients that refuse
 * unverified TLS fail fast and fall back as they do for any insecure registry (Jib's allowInsecureRegistries,
 * skopeo's --tls-verify=false); against a plain-HTTP port they would wait for an answer to their TLS hello instead.
 */
public final class RegistryTls {

    private static final String KEYSTORE = "/dev/flareobserver/emulator/registry/registry-tls.p12";
    private static final char[] PASSWORD = "flare-emulator".toCharArray();

    private RegistryTls() {
    }

    /** One context per JVM: loading the keystore is the slow part, and the context is immutable once built. */
    public static SSLContext context() {
        return Holder.CONTEXT;
    }

    private static final class Holder {
        static final SSLContext CONTEXT = load();
    }

    private static SSLContext load() {
        try (InputStream in = RegistryTls.class.getResourceAsStream(KEYSTORE)) {
            if (in == null) {
                throw new IllegalStateException("The registry's TLS keystore is missing from the emulator: " + KEYSTORE);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("The registry's TLS keystore could not be loaded: " + e.getMessage(), e);
        }
    }
}
