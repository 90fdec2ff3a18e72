package dev.flareobserver.orchestration.deploy;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import dev.flareobserver.api.containers.RegistriesClient;
import dev.flareobserver.api.containers.RegistryCredentials;
import dev.flareobserver.orchestration.task.TaskContext;
import java.io.IOException;
import java.util.Objects;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * Pushes a {@link ContainerImage} to {@code <registry_host>/<repository>:<tag>} with short-lived credentials from
 * {@code POST /registries/{domain}/credentials}. Credentials that expire mid-push (401) are issued again and the push
 * retried once. A broken push resumes: Jib asks the registry (HEAD) for each blob first and sends only the missing.
 */
public final class ImagePusher {

    /** Where the image went: the full reference and its manifest digest ({@code sha256:...}). */
    public record PushedImage(String reference, String digest) {
    }

    private final ImageBuilder builder;
    private final Supplier<RegistryCredentials> issue;

    /** {@code issue} asks the account for new push+pull credentials (each call issues new ones). */
    public ImagePusher(ImageBuilder builder, Supplier<RegistryCredentials> issue) {
        this.builder = Objects.requireNonNull(builder);
        this.issue = Objects.requireNonNull(issue);
    }

    /** @param repository {@code <account_id>/<name>} */
    public PushedImage push(ContainerImage image, String repository, String tag, DoubleConsumer progress,
                            TaskContext task) throws Exception {
        RegistryCredentials credentials = issue.get();
        try {
            return pushWith(credentials, image, repository, tag, progress, task);
        } catch (RegistryUnauthorizedException expired) {
            task.throwIfCancelled();
            return pushWith(issue.get(), image, repository, tag, progress, task);
        }
    }

    private PushedImage pushWith(RegistryCredentials credentials, ContainerImage image, String repository, String tag,
                                 DoubleConsumer progress, TaskContext task) throws Exception {
        // The reference always names registry_host; without one, Cloudflare's managed registry is where wrangler pushes.
        String host = credentials.registryHost() == null || credentials.registryHost().isBlank()
                ? RegistriesClient.MANAGED_REGISTRY : credentials.registryHost();
        String reference = host + "/" + repository + ":" + tag;
        Containerizer to = Containerizer.to(RegistryImage.named(reference)
                        .addCredential(credentials.username(), credentials.password()))
                // A local emulator serves HTTPS with a self-signed certificate; a remote registry must be trusted.
                .setAllowInsecureRegistries(isLoopback(host));
        JibContainer pushed = builder.containerize(image, to, progress, task);
        return new PushedImage(reference, pushed.getDigest().toString());
    }

    /** {@code localhost}, {@code 127.x.x.x} or {@code [::1]}, with or without a port. */
    static boolean isLoopback(String host) {
        String name = host.startsWith("[") ? host.substring(1, Math.max(1, host.indexOf(']')))
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return name.equals("localhost") || name.equals("::1") || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** What went wrong with a push, in words an operator can act on. */
    static String describe(Exception e) {
        if (e instanceof RegistryUnauthorizedException) {
            return "the registry refused the push credentials even after new ones were issued";
        }
        if (e instanceof InsecureRegistryException) {
            return "the registry's TLS certificate is not trusted";
        }
        if (e instanceof RegistryException) {
            return "the registry refused the push: " + e.getMessage();
        }
        if (e instanceof IOException) {
            return "the registry could not be reached or the connection broke (" + e.getMessage() + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
