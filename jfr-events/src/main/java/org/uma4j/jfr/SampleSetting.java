package org.uma4j.jfr;

import java.util.Set;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.MetadataDefinition;
import jdk.jfr.Name;
import jdk.jfr.SettingControl;

/**
 * The {@code sample} setting of the per-item events: record 1 in N commits per thread, the
 * rate control for JDK 17 to 24, which have no {@code @Throttle}. Set it as
 * {@code org.uma4j.ItemAllocation#sample=100} in a {@code .jfc} file, on the command line or
 * with {@code Recording.enable(..).with("sample", "100")}. Values below 1 or not a number
 * read as 1 (record every commit); in {@link #combine} an unreadable value is ignored. When several recordings run, the smallest N wins, so the
 * recording that asks for the most events gets them.
 *
 * <p>Threading: JFR calls {@link #setValue} and {@link #combine} under its own lock; the
 * event thread reads the divisor (volatile) and its own counter, never shared state it
 * writes, so sampling costs no contention.
 */
@MetadataDefinition
@Name("org.uma4j.Sample")
@Label("Sample")
@Description("Record 1 in N events per thread")
final class SampleSetting extends SettingControl {
    private final ThreadLocal<int[]> counters = ThreadLocal.withInitial(() -> new int[1]); // per type, per thread
    private volatile int divisor = 1; // written by JFR, read by every sampled commit

    /** Creates the control with N = 1; JFR calls this once per event type. */
    public SampleSetting() {
    }

    /** Returns true for the first commit of every N on the calling thread. */
    boolean take() {
        int n = divisor;
        if (n <= 1) {
            return true;
        }
        int[] c = counters.get();
        int k = c[0] + 1;
        if (k >= n) {
            c[0] = 0;
            return true;
        }
        c[0] = k;
        return false;
    }

    @Override
    public String combine(Set<String> values) {
        int min = Integer.MAX_VALUE;
        for (String v : values) {
            try {
                min = Math.min(min, Math.max(1, Integer.parseInt(v.trim())));
            } catch (RuntimeException e) {
                // not a number: this recording does not constrain the rate
            }
        }
        return min == Integer.MAX_VALUE ? "1" : Integer.toString(min);
    }

    @Override
    public void setValue(String value) {
        divisor = parse(value);
    }

    @Override
    public String getValue() {
        return Integer.toString(divisor);
    }

    static int parse(String v) {
        try {
            return Math.max(1, Integer.parseInt(v.trim()));
        } catch (RuntimeException e) {
            return 1;
        }
    }
}
