package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/**
 * A debug finding of uma-dbg: one event type per kind, all with the same fields, always on
 * while the detector runs (findings are rare and each one matters), with the stack trace of
 * the thread that hit it. The concrete kinds are the nested classes.
 */
@Category({"uma4j", "Findings"})
@StackTrace(true)
@Registered(false)
abstract class FindingEvent extends jdk.jfr.Event {
    @Label("Zone")
    @Description("The zone of the item, or of the free that went wrong")
    String zone;

    @Label("Slab")
    @Description("Keg-unique number of the item's slab, -1 if unknown")
    int slab;

    @Label("Index")
    @Description("The item's index in its slab, -1 if unknown")
    int index;

    @Label("Offset")
    @Description("Byte offset in the item where the damage was found, -1 if none")
    int offset;

    @Label("Allocation Site")
    @Description("Where the item was allocated, empty if not tracked")
    String allocationSite;

    @Label("Free Site")
    @Description("Where the item was freed (first free for a double free), empty if not tracked")
    String freeSite;

    @Label("Message")
    @Description("The finding as uma-dbg reports it, starting with uma4j:")
    String message;

    /** An allocation became unreachable without being freed. */
    @Name(Names.LEAK)
    @Label("Leak")
    @Description("An allocation became unreachable, or was still allocated at the check, without being freed.")
    static final class Leak extends FindingEvent {
    }

    /** The trash pattern of a freed item was overwritten before reuse. */
    @Name(Names.MODIFIED_AFTER_FREE)
    @Label("Memory Modified After Free")
    @Description("The trash pattern of a freed item was overwritten before the item was reused.")
    static final class ModifiedAfterFree extends FindingEvent {
    }

    /** An item was freed twice. */
    @Name(Names.DOUBLE_FREE)
    @Label("Double Free")
    @Description("An item that was not allocated was freed again.")
    static final class DoubleFree extends FindingEvent {
    }

    /** An item was freed to a zone it does not belong to. */
    @Name(Names.WRONG_ZONE_FREE)
    @Label("Wrong Zone Free")
    @Description("An item was freed to a zone it does not belong to.")
    static final class WrongZoneFree extends FindingEvent {
    }

    /** A handle was used after its allocation was freed. */
    @Name(Names.STALE_HANDLE)
    @Label("Stale Handle")
    @Description("A handle was used after its allocation was freed and the item handed out again.")
    static final class StaleHandle extends FindingEvent {
    }

    /** A release went below zero, or a retain came after the last release. */
    @Name(Names.REFCOUNT_ERROR)
    @Label("Refcount Error")
    @Description("A release went below zero references, or a retain came after the last release.")
    static final class RefcountError extends FindingEvent {
    }

    /** Guard bytes past an allocation's length were overwritten. */
    @Name(Names.REDZONE_OVERFLOW)
    @Label("Redzone Overflow")
    @Description("Guard bytes past the end of an allocation were overwritten.")
    static final class RedzoneOverflow extends FindingEvent {
    }
}
