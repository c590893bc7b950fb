package org.uma4j.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Annotates one JIT-compiled method with the CPU samples perf took in it, without hsdis: the
 * JVM prints the method's machine code as hex when it has no disassembler
 * ({@code -XX:CompileCommand=print,...}), {@code objdump} disassembles those bytes, and each
 * instruction gets the number of samples whose instruction pointer it holds. JMH's
 * {@code perfasm} needs both hsdis and hardware events; on a VM with neither, this works with
 * {@code perf record -e cpu-clock}. {@code benchmarks/profile.sh} runs the fork, perf and this.
 *
 * <p>Usage: {@code AsmProfile LOG IPS OUT [TOP]}: LOG is the JMH fork's output holding the
 * printed method (the last non-OSR C2 compilation in it is used), IPS the lines
 * {@code <count> <hex ip>} of {@code perf script -F ip | sort | uniq -c}, OUT the annotated
 * listing to write; the TOP (default 25) hottest instructions are printed.
 *
 * <p>Threading: a command-line tool, one thread.
 */
public final class AsmProfile {
    private static final Pattern CODE = Pattern.compile("\\s*0x([0-9a-f]+): (.*)");
    private static final Pattern OBJDUMP = Pattern.compile("\\s*([0-9a-f]+):\t.*");

    private AsmProfile() {
    }

    /** The machine code of one compiled method: its bytes, first address, and the JVM's comments by address. */
    record Code(String header, long base, byte[] bytes, Map<Long, List<String>> comments) {
    }

    /** Runs the tool; see the class comment. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 3) {
            System.err.println("usage: AsmProfile LOG IPS OUT [TOP] (expected: the JMH log, perf's ip counts, the listing to write)");
            System.exit(2);
        }
        Code code = lastC2(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8));
        Map<Long, Long> samples = samples(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8));
        List<String> listing = disassemble(code);
        int top = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        try (PrintStream out = new PrintStream(Files.newOutputStream(Path.of(args[2])), false, StandardCharsets.UTF_8)) {
            report(code, listing, samples, top, out, System.out);
        }
    }

    /**
     * Finds the last C2 compilation that is not on-stack replacement (the code a JMH stub runs
     * after warm-up) and decodes its {@code [MachCode]} hex.
     *
     * @throws IllegalArgumentException if the log holds no such compilation
     */
    static Code lastC2(List<String> log) {
        int at = -1;
        for (int i = 0; i < log.size(); i++) {
            String l = log.get(i);
            if (l.startsWith("Compiled method (c2)") && !l.matches(".*\\d+ %\\s.*")) {
                at = i;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("log: no C2 compilation printed (expected: a fork run with "
                    + "-XX:CompileCommand=print,<method> that reached C2)");
        }
        int i = at;
        while (i < log.size() && !log.get(i).contains("[MachCode]")) {
            i++;
        }
        long base = -1;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<Long, List<String>> comments = new HashMap<>();
        for (i++; i < log.size() && !log.get(i).contains("[/MachCode]"); i++) {
            Matcher m = CODE.matcher(log.get(i));
            if (m.matches()) {
                long addr = Long.parseUnsignedLong(m.group(1), 16);
                String rest = m.group(2);
                if (rest.startsWith(";")) {
                    comments.computeIfAbsent(addr, a -> new ArrayList<>()).add(rest.trim());
                    continue;
                }
                if (base < 0) {
                    base = addr;
                }
                if (addr != base + bytes.size()) {
                    throw new IllegalArgumentException("log line " + (i + 1) + ": code at 0x" + Long.toHexString(addr)
                            + " (expected: 0x" + Long.toHexString(base + bytes.size()) + ", right after the previous bytes)");
                }
                String hex = rest.replaceAll("[^0-9a-f]", "");
                for (int k = 0; k + 1 < hex.length(); k += 2) {
                    bytes.write(Integer.parseInt(hex, k, k + 2, 16));
                }
            } else if (base >= 0 && log.get(i).trim().startsWith(";")) {
                comments.computeIfAbsent(base + bytes.size(), a -> new ArrayList<>()).add(log.get(i).trim());
            }
        }
        return new Code(log.get(at), base, bytes.toByteArray(), comments);
    }

    /** Parses {@code <count> <hex ip>} lines. */
    static Map<Long, Long> samples(List<String> lines) {
        Map<Long, Long> m = new HashMap<>();
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 2) {
                m.merge(Long.parseUnsignedLong(f[1], 16), Long.parseLong(f[0]), Long::sum);
            }
        }
        return m;
    }

    private static List<String> disassemble(Code code) throws IOException, InterruptedException {
        Path bin = Files.createTempFile("uma4j-asm", ".bin");
        try {
            Files.write(bin, code.bytes());
            Process p = new ProcessBuilder("objdump", "-D", "-b", "binary", "-m", "i386:x86-64",
                    "--adjust-vma=0x" + Long.toHexString(code.base()), bin.toString()).redirectErrorStream(true).start();
            List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("objdump failed (expected: binutils' objdump on the PATH): " + String.join("\n", out));
            }
            return out;
        } finally {
            Files.deleteIfExists(bin);
        }
    }

    private static void report(Code code, List<String> listing, Map<Long, Long> samples, int top,
                               PrintStream out, PrintStream summary) {
        long all = samples.values().stream().mapToLong(Long::longValue).sum();
        long inside = 0;
        long instructions = 0;
        Map<String, Long> hottest = new LinkedHashMap<>();
        for (String l : listing) {
            Matcher m = OBJDUMP.matcher(l);
            if (!m.matches()) {
                continue;
            }
            long addr = Long.parseUnsignedLong(m.group(1), 16);
            for (String c : code.comments().getOrDefault(addr, List.of())) {
                out.println("              " + c);
            }
            long n = samples.getOrDefault(addr, 0L);
            inside += n;
            instructions++;
            out.printf("%7s %s%n", n == 0 ? "" : Long.toString(n), l);
            if (n > 0) {
                hottest.put(l.trim(), n);
            }
        }
        summary.println(code.header().trim());
        summary.printf("%d instructions, %d bytes; %d of %d samples (%.1f %%) in this method%n",
                instructions, code.bytes().length, inside, all, all == 0 ? 0.0 : 100.0 * inside / all);
        if (all > 0 && inside * 10 < all) {
            summary.println("(most samples fell outside this code: the method ran inlined into a caller, or is not hot;"
                    + " name the caller, e.g. the JMH stub)");
        }
        hottest.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(top)
                .forEach(e -> summary.printf("%7d  %s%n", e.getValue(), e.getKey()));
    }
}
