package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.SettingDefinition;
import jdk.jfr.StackTrace;

/**
 * One free to a zone: the profiling view. Off by default; when on, sampled 1 in N
 * per thread through the {@code sample} setting ({@link SampleSetting}), with a stack trace
 * when {@code stackTrace} is on.
 */
@Name(Names.ITEM_FREE)
@Label("Item Free")
@Description("An item was freed to a zone. Off by default; sampled 1 in N per thread by the sample setting.")
@Category({"uma4j", "Items"})
@Enabled(false)
@StackTrace(false)
@Registered(false)
final class ItemFreeEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The zone freed to")
    String zone;

    @Label("Length")
    @Description("Bytes the freed allocation had")
    @DataAmount
    int length;

    @Label("Slab")
    @Description("Keg-unique number of the item's slab")
    int slab;

    @Label("Index")
    @Description("The item's index in its slab")
    int index;

    @Label("Site")
    @Description("The caller's call-site id (see Call Site Statistics), 0 if none")
    int site;

    private transient byte sampled; // 0 undecided, 1 in, 2 out: JFR may ask more than once per commit

    @SettingDefinition
    @Name("sample")
    @Label("Sample")
    @Description("Record 1 in N frees per thread")
    protected boolean sample(SampleSetting control) {
        if (sampled == 0) {
            sampled = control.take() ? (byte) 1 : (byte) 2;
        }
        return sampled == 1;
    }
}
