package dev.flareobserver.orchestration.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local checks on synthetic ELF headers (a few hundred bytes each), a real dynamic binary and non-ELF files. */
class BinaryInspectorTest {

    private static final int ET_REL = 1;
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;
    private static final int X86_64 = 62;
    private static final int AARCH64 = 183;

    @TempDir
    Path dir;
    private final BinaryInspector inspector = new BinaryInspector();

    /**
     * A 64-bit little-endian ELF file: header, program headers (one PT_LOAD covering the file at vaddr 0x400000,
     * optionally PT_INTERP and PT_DYNAMIC) and, with a dynamic section, its string table.
     */
    private static byte[] elf(int elfClass, int machine, int type, long entry, String interpreter, List<String> needed,
                              String soname, boolean pieFlag) {
        boolean dynamic = !needed.isEmpty() || soname != null || pieFlag;
        int phnum = 1 + (interpreter != null ? 1 : 0) + (dynamic ? 1 : 0);
        int phoff = 64;
        int dataStart = phoff + 56 * phnum;
        ByteBuffer data = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        int interpOffset = dataStart;
        if (interpreter != null) {
            data.put(interpreter.getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        }
        int strtabOffset = dataStart + data.position();
        StringBuilder strings = new StringBuilder("\0");
        List<Integer> neededAt = new java.util.ArrayList<>();
        for (String n : needed) {
            neededAt.add(strings.length());
            strings.append(n).append('\0');
        }
        int sonameAt = strings.length();
        if (soname != null) {
            strings.append(soname).append('\0');
        }
        data.put(strings.toString().getBytes(StandardCharsets.US_ASCII));
        while (data.position() % 8 != 0) {
            data.put((byte) 0);
        }
        int dynamicOffset = dataStart + data.position();
        if (dynamic) {
            for (int at : neededAt) {
                data.putLong(1).putLong(at);
            }
            if (soname != null) {
                data.putLong(14).putLong(sonameAt);
            }
            data.putLong(5).putLong(0x400000L + strtabOffset).putLong(10).putLong(strings.length());
            if (pieFlag) {
                data.putLong(0x6ffffffbL).putLong(0x08000000L);
            }
            data.putLong(0).putLong(0);
        }
        int dynamicSize = dataStart + data.position() - dynamicOffset;
        int total = dataStart + data.position();

        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, 1, 1, 0});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1).putLong(entry).putLong(phoff).putLong(0)
                .putInt(0).putShort((short) 64).putShort((short) 56).putShort((short) phnum);
        b.position(phoff);
        b.putInt(1).putInt(5).putLong(0).putLong(0x400000L).putLong(0x400000L).putLong(total).putLong(total)
                .putLong(0x1000);
        if (interpreter != null) {
            b.putInt(3).putInt(4).putLong(interpOffset).putLong(0x400000L + interpOffset).putLong(0)
                    .putLong(interpreter.length() + 1).putLong(interpreter.length() + 1).putLong(1);
        }
        if (dynamic) {
            b.putInt(2).putInt(6).putLong(dynamicOffset).putLong(0x400000L + dynamicOffset).putLong(0)
                    .putLong(dynamicSize).putLong(dynamicSize).putLong(8);
        }
        b.put(dataStart, data.array(), 0, data.position());
        return b.array();
    }

    private static byte[] staticExecutable() {
        return elf(2, X86_64, ET_EXEC, 0x401000, null, List.of(), null, false);
    }

    private BinaryReport inspect(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return inspector.inspect(file);
    }

    @Test
    void aStaticX8664ExecutableIsDeployable() throws IOException {
        BinaryReport report = inspect("server", staticExecutable());

        assertThat(report.verdict()).isEqualTo(BinaryReport.Verdict.STATIC);
        assertThat(report.deployable()).isTrue();
        assertThat(report.reason()).isEqualTo("a static x86-64 executable");
        assertThat(report.neededLibraries()).isEmpty();
    }

    @Test
    void aStaticPieIsDeployable() throws IOException {
        BinaryReport report = inspect("static-pie", elf(2, X86_64, ET_DYN, 0x1040, null, List.of(), null, true));

        assertThat(report.verdict()).isEqualTo(BinaryReport.Verdict.STATIC);
        assertThat(report.reason()).isEqualTo("a static-pie x86-64 executable");
    }

    @Test
    void aDynamicPieIsAllowedWithTheLibrariesItNeeds() throws IOException {
        BinaryReport report = inspect("pie", elf(2, X86_64, ET_DYN, 0x1040, "/lib64/ld-linux-x86-64.so.2",
                List.of("libssl.so.3", "libc.so.6"), null, true));

        assertThat(report.verdict()).isEqualTo(BinaryReport.Verdict.DYNAMIC);
        assertThat(report.deployable()).isTrue();
        assertThat(report.neededLibraries()).containsExactly("libssl.so.3", "libc.so.6");
        assertThat(report.reason()).contains("interpreter /lib64/ld-linux-x86-64.so.2")
                .contains("needs libssl.so.3, libc.so.6").contains("link it statically");
    }

    @Test
    void aRealDynamicBinaryNamesItsLibraries() throws IOException {
        Path ls = Path.of("/bin/ls");
        assumeTrue(Files.isRegularFile(ls), "/bin/ls is on every Debian machine");

        BinaryReport report = inspector.inspect(ls);

        assertThat(report.verdict()).isEqualTo(BinaryReport.Verdict.DYNAMIC);
        assertThat(report.neededLibraries()).contains("libc.so.6");
    }

    @Test
    void anArmBinaryIsRefusedBecauseCloudflareRunsAmd64Only() throws IOException {
        BinaryReport report = inspect("arm", elf(2, AARCH64, ET_EXEC, 0x400000, null, List.of(), null, false));

        assertThat(report.verdict()).isEqualTo(BinaryReport.Verdict.REFUSED);
        assertThat(report.reason()).isEqualTo("built for AArch64 (ARM); Cloudflare Containers run linux/amd64 only");
    }

    @Test
    void a32BitBinaryIsRefused() throws IOException {
        byte[] header = staticExecutable();
        header[4] = 1;

        assertThat(inspect("i386", header).reason()).startsWith("a 32-bit ELF file");
    }

    @Test
    void aRelocatableObjectIsRefused() throws IOException {
        BinaryReport report = inspect("main.o", elf(2, X86_64, ET_REL, 0, null, List.of(), null, false));

        assertThat(report.verdict()).isEqualTo(BinaryReport.Verdict.REFUSED);
        assertThat(report.reason()).isEqualTo("a relocatable object file (.o), not a linked executable");
    }

    @Test
    void aSharedLibraryIsRefusedByItsName() throws IOException {
        BinaryReport report = inspect("libfoo.so", elf(2, X86_64, ET_DYN, 0, null, List.of("libc.so.6"),
                "libfoo.so.1", false));

        assertThat(report.verdict()).isEqualTo(BinaryReport.Verdict.REFUSED);
        assertThat(report.reason()).isEqualTo("a shared library (libfoo.so.1), not an executable");
    }

    @Test
    void filesThatAreNotElfSayWhatTheyLookLike() throws IOException {
        assertThat(inspect("run.sh", "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo("a script (#!/bin/sh), not a native executable");
        assertThat(inspect("app.jar", new byte[] {'P', 'K', 3, 4, 20, 0, 8, 0}).reason())
                .isEqualTo("not an ELF file (looks like a ZIP/JAR)");
        assertThat(inspect("empty", new byte[0]).reason()).isEqualTo("an empty file");
        assertThat(inspect("notes.txt", "hello".getBytes(StandardCharsets.UTF_8)).reason())
                .isEqualTo("not an ELF file (no ELF header)");
        assertThat(inspector.inspect(dir).reason()).isEqualTo("a folder, not a file");
    }

    @Test
    void aTruncatedElfFileIsRefusedAsDamaged() throws IOException {
        byte[] whole = elf(2, X86_64, ET_DYN, 0x1040, "/lib64/ld-linux-x86-64.so.2", List.of("libc.so.6"), null, true);
        byte[] cut = java.util.Arrays.copyOf(whole, 100);

        BinaryReport report = inspect("cut", cut);

        assertThat(report.verdict()).isEqualTo(BinaryReport.Verdict.REFUSED);
        assertThat(report.reason()).startsWith("a damaged ELF file");
    }
}
