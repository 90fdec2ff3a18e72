package dev.flareobserver.orchestration.deploy;

import java.nio.file.Path;
import java.util.List;

/**
 * What the local checks found in a file the operator wants to deploy. Cloudflare runs linux/amd64 only, so
 * anything but an x86-64 ELF executable is {@link Verdict#REFUSED} with the reason; a dynamically linked one is
 * {@link Verdict#DYNAMIC}, naming the libraries it needs. A scratch image holds none of them (nor a dynamic loader), so
 * {@link DeployWorkflow#deploy} warns with that list and then stops at the check step, before any request.
 */
public record BinaryReport(Path file, long size, Verdict verdict, String reason, List<String> neededLibraries) {

    public enum Verdict { STATIC, DYNAMIC, REFUSED }

    public BinaryReport {
        neededLibraries = List.copyOf(neededLibraries);
    }

    public boolean deployable() {
        return verdict != Verdict.REFUSED;
    }
}
