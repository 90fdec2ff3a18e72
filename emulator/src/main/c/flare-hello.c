/*
 * flare-hello: the demo container of the Flare Observer emulator. A tiny HTTP/1.1 server, built static so it runs
 * from a `scratch` image, in the spirit of the container-pool seed's Go app: it listens on $PORT (else
 * $CF_CONTAINER_PORT, else 8080), answers every request with a greeting naming where it runs, adds the seed's
 * X-Container-* headers, logs each request to stdout, and exits cleanly on SIGTERM.
 * `flare-hello --exit-at-once N` exits with code N immediately (a crashing container, for tests and demos).
 * Options for tests of the emulator's limits, given before serving: `--allocate-mib N` allocates and touches N MiB
 * once it listens (a container over its memory limit), `--ignore-sigterm` keeps serving after SIGTERM (one that
 * must be killed).
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stopping = 0;

static void on_term(int sig) {
    (void) sig;
    stopping = 1;
}

static const char *env_or(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v && *v ? v : fallback;
}

int main(int argc, char **argv) {
    if (argc >= 3 && strcmp(argv[1], "--exit-at-once") == 0) {
        fprintf(stderr, "flare-hello: exiting at once with code %s, as asked\n", argv[2]);
        return atoi(argv[2]);
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    long allocate_mib = 0;
    int ignore_term = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--allocate-mib") == 0 && i + 1 < argc) {
            allocate_mib = atol(argv[++i]);
        } else if (strcmp(argv[i], "--ignore-sigterm") == 0) {
            ignore_term = 1;
        }
    }
    int port = atoi(env_or("PORT", env_or("CF_CONTAINER_PORT", "8080")));
    const char *id = env_or("CLOUDFLARE_DEPLOYMENT_ID", "local");
    const char *location = env_or("CLOUDFLARE_LOCATION", "unknown");
    const char *region = env_or("CLOUDFLARE_REGION", "unknown");
    const char *country = env_or("CLOUDFLARE_COUNTRY_A2", "XX");
    const char *greeting = env_or("GREETING", "Hello from flare-hello");

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = ignore_term ? SIG_IGN : on_term;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int server = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons((unsigned short) port);
    if (bind(server, (struct sockaddr *) &addr, sizeof addr) != 0 || listen(server, 64) != 0) {
        fprintf(stderr, "flare-hello: cannot listen on port %d: %s\n", port, strerror(errno));
        return 1;
    }
    printf("flare-hello %s listening on port %d in %s (%s, %s)\n", id, port, location, region, country);
    if (allocate_mib > 0) {
        char *block = malloc((size_t) allocate_mib << 20);
        if (block) {
            memset(block, 1, (size_t) allocate_mib << 20); /* touched, so it is resident */
            printf("flare-hello: allocated %ld MiB\n", allocate_mib);
        }
    }

    long served = 0;
    while (!stopping) {
        int client = accept(server, NULL, NULL);
        if (client < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        char request[4096];
        ssize_t n = recv(client, request, sizeof request - 1, 0);
        if (n <= 0) {
            close(client);
            continue;
        }
        request[n] = 0;
        char method[16] = "?", path[1024] = "/";
        sscanf(request, "%15s %1023s", method, path);
        char body[1024];
        int len = snprintf(body, sizeof body, "%s (%s) in %s, %s: %s %s\n", greeting, id, location, country, method, path);
        char head[1024];
        int hlen = snprintf(head, sizeof head,
                            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n"
                            "X-Container-ID: %s\r\nX-Container-Country: %s\r\nX-Container-Location: %s\r\n"
                            "X-Container-Region: %s\r\nConnection: close\r\n\r\n", len, id, country, location, region);
        send(client, head, (size_t) hlen, 0);
        if (strcmp(method, "HEAD") != 0) {
            send(client, body, (size_t) len, 0);
        }
        close(client);
        printf("%s %s -> 200 (%ld served)\n", method, path, ++served);
    }
    printf("flare-hello %s: SIGTERM, stopping after %ld requests\n", id, served);
    close(server);
    return 0;
}
