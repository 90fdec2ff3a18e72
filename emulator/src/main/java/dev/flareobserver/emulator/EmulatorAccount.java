package dev.flareobserver.emulator;

/** An account the emulator serves: its Cloudflare-style id (32 hex) and name. */
public record EmulatorAccount(String id, String name) {
}
