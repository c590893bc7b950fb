package org.uma4j.dbg;

/**
 * One recorded event in an allocation's life: its allocation, a {@link UmaDbg#touch touch}
 * with a hint, a retain or release, its free. Kept, the last N per allocation, when the level
 * asks for access records, and printed in leak and double-free reports.
 *
 * <p>Threading: immutable.
 *
 * @param what what happened: "alloc", "free", "touch", ...
 * @param hint the caller's hint for a touch; null if none
 * @param site where it happened
 * @param thread the name of the thread it happened on
 * @param nanoTime {@link System#nanoTime()} when it happened
 * @param stack the stack from the first frame outside uma4j; null unless stacks are recorded
 */
public record AccessRecord(String what, String hint, Site site, String thread, long nanoTime,
                           StackTraceElement[] stack) {

    /** Returns "touch at Foo.java:42 on main (hint: parsed header)". */
    @Override
    public String toString() {
        return what + " at " + site + " on " + thread + (hint != null ? " (hint: " + hint + ")" : "");
    }
}
