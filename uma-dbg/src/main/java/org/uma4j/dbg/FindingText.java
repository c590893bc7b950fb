package org.uma4j.dbg;

/**
 * Renders findings as text: the one-line {@code uma4j:} message that exceptions carry, and the
 * multi-line log report that starts with the kind's stable prefix.
 *
 * <p>Threading: stateless.
 */
final class FindingText {
    private FindingText() {
    }

    static String message(Finding f) {
        StringBuilder sb = new StringBuilder("uma4j: ");
        switch (f.kind()) {
            case MODIFIED_AFTER_FREE:
                sb.append("memory modified after free of ").append(f.item()).append(" + ").append(f.offset())
                        .append(" = 0x").append(String.format("%08x", f.value())).append(" (")
                        .append(f.modifiedBytes()).append(" bytes modified)");
                caught(sb, f);
                tail(sb, "freed at", f.freeSite());
                tail(sb, "allocated at", f.allocSite());
                break;
            case REDZONE_OVERFLOW:
                sb.append("buffer overflow detected: ").append(f.modifiedBytes()).append(" bytes after ")
                        .append(f.length()).append(" allocated of ").append(f.item()).append(" (size ")
                        .append(f.size()).append(", first at + ").append(f.offset()).append(")");
                if (f.site().isKnown()) {
                    sb.append(" at free ").append(f.site());
                }
                tail(sb, "allocated at", f.allocSite());
                break;
            case WRONG_ZONE:
                sb.append("free to wrong zone of ").append(f.item()).append(" to zone \"").append(f.zone())
                        .append('"');
                caught(sb, f);
                tail(sb, "allocated at", f.allocSite());
                break;
            case FOREIGN:
                sb.append("free of foreign object ").append(f.detail()).append(" to zone \"").append(f.zone())
                        .append('"');
                caught(sb, f);
                break;
            case REFCOUNT:
            case STALE_HANDLE:
            case LEAK:
                lifeCycle(sb, f);
                break;
            default: // DUPLICATE_FREE, DUPLICATE_ALLOC
                sb.append(f.kind().words()).append(" of ").append(f.item());
                caught(sb, f);
                tail(sb, f.kind() == FindingKind.DUPLICATE_FREE ? "first freed at" : "allocated at",
                        f.kind() == FindingKind.DUPLICATE_FREE ? f.freeSite() : f.allocSite());
                break;
        }
        return sb.toString();
    }

    /** The findings about an allocation's life: refcount errors, stale handles, leaks. */
    private static void lifeCycle(StringBuilder sb, Finding f) {
        switch (f.kind()) {
            case REFCOUNT:
                sb.append("refcount error: ").append(f.detail()).append(" of ").append(f.item()).append(" (refs ")
                        .append(f.refs()).append(')');
                caught(sb, f);
                tail(sb, "allocated at", f.allocSite());
                tail(sb, "freed at", f.freeSite());
                break;
            case STALE_HANDLE:
                sb.append("stale handle of ").append(f.item()).append(" (generation ").append(f.handleGeneration())
                        .append(", item at ").append(f.generation()).append(")");
                if (f.detail() != null) {
                    sb.append(' ').append(f.detail());
                }
                caught(sb, f);
                tail(sb, "allocated at", f.allocSite());
                tail(sb, "freed at", f.freeSite());
                break;
            case LEAK:
                sb.append("leak of ").append(f.item());
                if (f.detail() != null) {
                    sb.append(' ').append(f.detail());
                }
                tail(sb, "allocated at", f.allocSite());
                break;
            default:
                break;
        }
    }

    private static void caught(StringBuilder sb, Finding f) {
        if (f.site().isKnown()) {
            sb.append(" at ").append(f.site());
        }
    }

    private static void tail(StringBuilder sb, String words, Site s) {
        if (s.isKnown()) {
            sb.append("; ").append(words).append(' ').append(s);
        }
    }

    static String report(Finding f) {
        String m = message(f);
        StringBuilder sb = new StringBuilder(f.kind().logPrefix()).append(' ').append(m.substring("uma4j: ".length()));
        sb.append(" [thread ").append(f.thread());
        if (f.generation() >= 0) {
            sb.append(", generation ").append(f.generation());
        }
        sb.append(']');
        site(sb, "caught at", f.site());
        site(sb, "allocated at", f.allocSite());
        site(sb, f.kind() == FindingKind.DUPLICATE_FREE ? "first freed at" : "freed at", f.freeSite());
        stack(sb, "Caught at:", f.stack());
        stack(sb, "Allocation backtrace:", f.allocStack());
        stack(sb, "Free backtrace:", f.freeStack());
        if (!f.accessRecords().isEmpty()) {
            sb.append(System.lineSeparator()).append("Recent access records (oldest first):");
            int i = 1;
            for (AccessRecord r : f.accessRecords()) {
                sb.append(System.lineSeparator()).append('#').append(i++).append(": ").append(r);
                if (r.stack() != null) {
                    for (StackTraceElement e : r.stack()) {
                        sb.append(System.lineSeparator()).append("\t").append(e);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void site(StringBuilder sb, String words, Site s) {
        if (s.isKnown()) {
            sb.append(System.lineSeparator()).append("    ").append(words).append(' ').append(s.describe());
        }
    }

    private static void stack(StringBuilder sb, String title, StackTraceElement[] st) {
        if (st == null) {
            return;
        }
        sb.append(System.lineSeparator()).append(title);
        for (StackTraceElement e : st) {
            sb.append(System.lineSeparator()).append("\t").append(e);
        }
    }
}
