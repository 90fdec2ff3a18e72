package dev.flareobserver.orchestration.deploy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the ELF header, program headers and dynamic section of a file to decide whether Cloudflare Containers can
 * run it as the only file of a scratch image: a 64-bit little-endian x86-64 executable ({@code ET_EXEC}, or
 * {@code ET_DYN} that is a PIE / static-pie), statically linked (no {@code PT_INTERP}). Only local reads, no request.
 */
public final class BinaryInspector {

    private static final int ET_REL = 1;
    private static final int ET_EXEC = 2;
    private static final int ET_DYN = 3;
    private static final int ET_CORE = 4;
    private static final int EM_X86_64 = 62;
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PT_INTERP = 3;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_STRSZ = 10;
    private static final long DT_SONAME = 14;
    private static final long DT_FLAGS_1 = 0x6ffffffbL;
    private static final long DF_1_PIE = 0x08000000L;
    /** Program headers and dynamic sections are a few KB; a header claiming more is damaged. */
    private static final int MAX_TABLE = 1 << 20;
    private static final String AMD64_ONLY = "Cloudflare Containers run linux/amd64 only";

    private static final Map<Integer, String> MACHINES = Map.ofEntries(
            Map.entry(3, "x86 (32-bit Intel)"), Map.entry(8, "MIPS"), Map.entry(20, "PowerPC"),
            Map.entry(21, "PowerPC 64"), Map.entry(22, "IBM S/390"), Map.entry(40, "ARM (32-bit)"),
            Map.entry(183, "AArch64 (ARM)"), Map.entry(243, "RISC-V"), Map.entry(258, "LoongArch"));

    public BinaryReport inspect(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return refused(file, 0, Files.isDirectory(file) ? "a folder, not a file" : "no such file");
        }
        long size = Files.size(file);
        if (size == 0) {
            return refused(file, 0, "an empty file");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = read(channel, 0, (int) Math.min(64, size));
            String notElf = notElf(head);
            if (notElf != null) {
                return refused(file, size, notElf);
            }
            if (size < 64) {
                return refused(file, size, "a damaged ELF file (shorter than its header)");
            }
            int elfClass = head.get(4);
            if (elfClass == 1) {
                return refused(file, size, "a 32-bit ELF file; " + AMD64_ONLY + " (64-bit)");
            }
            if (elfClass != 2) {
                return refused(file, size, "a damaged ELF file (unknown class " + elfClass + ")");
            }
            if (head.get(5) != 1) {
                return refused(file, size, "a big-endian ELF file; " + AMD64_ONLY);
            }
            head.order(ByteOrder.LITTLE_ENDIAN);
            int machine = Short.toUnsignedInt(head.getShort(18));
            if (machine != EM_X86_64) {
                return refused(file, size, "built for " + MACHINES.getOrDefault(machine, "machine type " + machine)
                        + "; " + AMD64_ONLY);
            }
            int type = Short.toUnsignedInt(head.getShort(16));
            if (type == ET_REL) {
                return refused(file, size, "a relocatable object file (.o), not a linked executable");
            }
            if (type == ET_CORE) {
                return refused(file, size, "a core dump, not an executable");
            }
            if (type != ET_EXEC && type != ET_DYN) {
                return refused(file, size, "an ELF file of unknown type " + type + ", not an executable");
            }
            return new ElfFile(file, size, channel, head).verdict(type);
        }
    }

    /** Why the first bytes are not an ELF header (naming what they look like), or null when they are. */
    private static String notElf(ByteBuffer head) {
        byte[] b = new byte[head.remaining()];
        head.duplicate().get(b);
        if (startsWith(b, 0x7f, 'E', 'L', 'F')) {
            return null;
        }
        if (startsWith(b, '#', '!')) {
            String line = new String(b, StandardCharsets.UTF_8).lines().findFirst().orElse("#!");
            return "a script (" + line.strip() + "), not a native executable";
        }
        if (startsWith(b, 'P', 'K', 3, 4)) {
            return "not an ELF file (looks like a ZIP/JAR)";
        }
        if (startsWith(b, 'M', 'Z')) {
            return "a Windows executable (PE), not a Linux ELF file; " + AMD64_ONLY;
        }
        if (startsWith(b, 0xcf, 0xfa, 0xed, 0xfe) || startsWith(b, 0xca, 0xfe, 0xba, 0xbe)) {
            return "a macOS (Mach-O) binary or Java class file, not a Linux ELF file; " + AMD64_ONLY;
        }
        if (startsWith(b, 0x1f, 0x8b)) {
            return "not an ELF file (looks like a gzip archive; unpack it first)";
        }
        return "not an ELF file (no ELF header)";
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static BinaryReport refused(Path file, long size, String reason) {
        return new BinaryReport(file, size, BinaryReport.Verdict.REFUSED, reason, List.of());
    }

    private static ByteBuffer read(FileChannel channel, long offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new DamagedElfException();
            }
        }
        return buffer.flip();
    }

    /** An offset or size in the file points past its end. */
    private static final class DamagedElfException extends IOException {
        DamagedElfException() {
            super("damaged ELF file");
        }
    }

    /** A 64-bit little-endian x86-64 ELF file being read: its program headers and dynamic section. */
    private static final class ElfFile {
        private final Path file;
        private final long size;
        private final FileChannel channel;
        private final ByteBuffer head;
        private final List<long[]> loads = new ArrayList<>(); // {vaddr, offset, filesz}
        private String interpreter;
        private long dynamicOffset = -1;
        private long dynamicSize;

        ElfFile(Path file, long size, FileChannel channel, ByteBuffer head) {
            this.file = file;
            this.size = size;
            this.channel = channel;
            this.head = head;
        }

        BinaryReport verdict(int type) throws IOException {
            try {
                readProgramHeaders();
                Dynamic dynamic = readDynamic();
                long entry = head.getLong(24);
                boolean executable = type == ET_EXEC || interpreter != null || dynamic.pie()
                        || entry != 0 && dynamic.soname() == null;
                if (!executable) {
                    return refused(file, size, "a shared library" + (dynamic.soname() == null ? ""
                            : " (" + dynamic.soname() + ")") + ", not an executable");
                }
                if (interpreter != null || !dynamic.needed().isEmpty()) {
                    String reason = "dynamically linked" + (interpreter == null ? "" : " (interpreter " + interpreter
                            + ")") + (dynamic.needed().isEmpty() ? "" : "; needs " + String.join(", ", dynamic.needed()))
                            + ". A scratch image holds none of these, so it will not start there: link it statically"
                            + " (e.g. musl, CGO_ENABLED=0, gcc -static)";
                    return new BinaryReport(file, size, BinaryReport.Verdict.DYNAMIC, reason, dynamic.needed());
                }
                String kind = type == ET_DYN ? "a static-pie x86-64 executable" : "a static x86-64 executable";
                return new BinaryReport(file, size, BinaryReport.Verdict.STATIC, kind, List.of());
            } catch (DamagedElfException e) {
                return refused(file, size, "a damaged ELF file (its headers point past the end of the file)");
            }
        }

        private void readProgramHeaders() throws IOException {
            long phoff = head.getLong(32);
            int phentsize = Short.toUnsignedInt(head.getShort(54));
            int phnum = Short.toUnsignedInt(head.getShort(56));
            if (phnum == 0) {
                return;
            }
            if (phentsize < 56 || (long) phentsize * phnum > MAX_TABLE || phoff < 0 || phoff > size) {
                throw new DamagedElfException();
            }
            ByteBuffer table = read(channel, phoff, phentsize * phnum);
            for (int i = 0; i < phnum; i++) {
                int at = i * phentsize;
                int type = table.getInt(at);
                long offset = table.getLong(at + 8);
                long vaddr = table.getLong(at + 16);
                long filesz = table.getLong(at + 32);
                if (type == PT_LOAD) {
                    loads.add(new long[] {vaddr, offset, filesz});
                } else if (type == PT_INTERP) {
                    interpreter = cString(read(channel, offset, (int) Math.min(Math.max(filesz, 1), 4096)), 0);
                } else if (type == PT_DYNAMIC) {
                    dynamicOffset = offset;
                    dynamicSize = filesz;
                }
            }
        }

        private record Dynamic(List<String> needed, String soname, boolean pie) {
        }

        /** DT_NEEDED and DT_SONAME names are offsets into the string table DT_STRTAB (a virtual address). */
        private Dynamic readDynamic() throws IOException {
            if (dynamicOffset < 0 || dynamicSize < 16) {
                return new Dynamic(List.of(), null, false);
            }
            if (dynamicSize > MAX_TABLE) {
                throw new DamagedElfException();
            }
            ByteBuffer dyn = read(channel, dynamicOffset, (int) dynamicSize);
            List<Long> neededOffsets = new ArrayList<>();
            long soname = -1;
            long strtab = -1;
            long strsz = 0;
            boolean pie = false;
            for (int at = 0; at + 16 <= dyn.limit(); at += 16) {
                long tag = dyn.getLong(at);
                long value = dyn.getLong(at + 8);
                if (tag == DT_NULL) {
                    break;
                } else if (tag == DT_NEEDED) {
                    neededOffsets.add(value);
                } else if (tag == DT_SONAME) {
                    soname = value;
                } else if (tag == DT_STRTAB) {
                    strtab = value;
                } else if (tag == DT_STRSZ) {
                    strsz = value;
                } else if (tag == DT_FLAGS_1) {
                    pie = (value & DF_1_PIE) != 0;
                }
            }
            List<String> needed = new ArrayList<>();
            String sonameText = null;
            long strtabOffset = strtab < 0 ? -1 : fileOffset(strtab);
            if (strtabOffset >= 0 && strsz > 0 && strsz <= MAX_TABLE && strtabOffset + strsz <= size) {
                ByteBuffer strings = read(channel, strtabOffset, (int) strsz);
                for (long n : neededOffsets) {
                    needed.add(n >= 0 && n < strsz ? cString(strings, (int) n) : "?");
                }
                sonameText = soname >= 0 && soname < strsz ? cString(strings, (int) soname) : null;
            } else {
                neededOffsets.forEach(n -> needed.add("?"));
            }
            return new Dynamic(List.copyOf(needed), sonameText, pie);
        }

        private long fileOffset(long vaddr) {
            for (long[] load : loads) {
                if (vaddr >= load[0] && vaddr < load[0] + load[2]) {
                    return vaddr - load[0] + load[1];
                }
            }
            return -1;
        }

        private static String cString(ByteBuffer buffer, int from) {
            int end = from;
            while (end < buffer.limit() && buffer.get(end) != 0) {
                end++;
            }
            byte[] bytes = new byte[end - from];
            buffer.get(from, bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
