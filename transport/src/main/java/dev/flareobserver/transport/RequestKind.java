package dev.flareobserver.transport;

/** Which Cloudflare rate budget a request draws on. */
public enum RequestKind {
  REST,
  GRAPHQL
}
