package dev.flareobserver.orchestration.connection;

public enum ConnectionState {
    DISCONNECTED, CONNECTING, CONNECTED, FAILED
}
