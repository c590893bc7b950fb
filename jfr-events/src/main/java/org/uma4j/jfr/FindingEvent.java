package org.uma4j.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/**
 * A debug finding of uma-dbg ({@code org.uma4j.dbg.Finding}): one event type per
 * {@code FindingKind}, all with the same fields, always on while the detector runs (findings
 * are rare and each one matters), with the stack trace of the thread that hit it. Fields that
 * do not apply to a kind hold -1 or the empty string, as in {@code Finding}. The concrete
 * kinds are the nested classes.
 */
@Category({"uma4j", "Findings"})
@StackTrace(true)
@Registered(false)
abstract class FindingEvent extends jdk.jfr.Event {
    @Label("Kind")
    @Description("The finding's kind, a FindingKind name such as DUPLICATE_FREE")
    String kind;

    @Label("Zone")
    @Description("The zone the item was freed to or used in")
    String zone;

    @Label("Other Zone")
    @Description("For a wrong-zone free, the zone the item belongs to")
    String otherZone;

    @Label("Slab")
    @Description("Keg-unique number of the item's slab, -1 if unknown")
    int slab;

    @Label("Index")
    @Description("The item's index in its slab, -1 if unknown")
    int index;

    @Label("Generation")
    @Description("The item's generation (times freed), -1 if unknown")
    int generation;

    @Label("Handle Generation")
    @Description("The generation the stale or freed handle was made for, -1 if none")
    int handleGeneration;

    @Label("Offset")
    @Description("Offset in the item of the first damaged byte, -1 if none")
    int offset;

    @Label("Value")
    @Description("The 32-bit word holding the first damaged byte (modified after free)")
    int value;

    @Label("Modified Bytes")
    @Description("How many bytes of the trash pattern or redzone were changed, -1 if none")
    @DataAmount
    int modifiedBytes;

    @Label("Length")
    @Description("Bytes allocated (redzone overflow), -1 if none")
    @DataAmount
    int length;

    @Label("Item Size")
    @Description("Bytes in the item (redzone overflow), -1 if none")
    @DataAmount
    int itemSize;

    @Label("References")
    @Description("The reference count seen (refcount error), -1 if none")
    int refs;

    @Label("Detail")
    @Description("Kind-specific detail: the refcount operation, the leak's scope, what a foreign free freed")
    String detail;

    @Label("Site")
    @Description("Where the violation was caught, empty if not tracked")
    String site;

    @Label("Allocation Site")
    @Description("Where the item was allocated, empty if not tracked")
    String allocationSite;

    @Label("Free Site")
    @Description("Where the item was freed (the first free for a duplicate free), empty if not tracked")
    String freeSite;

    @Label("Message")
    @Description("The finding as uma-dbg reports it, starting with uma4j:")
    String message;

    /** An allocation was never freed. */
    @Name(Names.LEAK)
    @Label("Leak")
    @Description("An allocation was never freed: its handle became unreachable, or a leak scope closed with it out.")
    static final class Leak extends FindingEvent {
    }

    /** The trash pattern of a freed item was overwritten before reuse. */
    @Name(Names.MODIFIED_AFTER_FREE)
    @Label("Memory Modified After Free")
    @Description("The trash pattern written at free was changed before the item was handed out again.")
    static final class ModifiedAfterFree extends FindingEvent {
    }

    /** An item was freed twice. */
    @Name(Names.DUPLICATE_FREE)
    @Label("Duplicate Free")
    @Description("An item was freed that is not allocated: its allocation was already freed (a double free).")
    static final class DuplicateFree extends FindingEvent {
    }

    /** The allocator handed out an item that was already allocated. */
    @Name(Names.DUPLICATE_ALLOC)
    @Label("Duplicate Alloc")
    @Description("The allocator handed out an item that is already allocated (an item was cached twice).")
    static final class DuplicateAlloc extends FindingEvent {
    }

    /** An item of one zone was freed to another. */
    @Name(Names.WRONG_ZONE_FREE)
    @Label("Free To Wrong Zone")
    @Description("An item of one zone was freed to another zone.")
    static final class WrongZoneFree extends FindingEvent {
    }

    /** Something that is no item of a watched zone was freed. */
    @Name(Names.FOREIGN_FREE)
    @Label("Free Of Foreign Object")
    @Description("Something that is no item of any zone the debug layer watches was freed.")
    static final class ForeignFree extends FindingEvent {
    }

    /** A handle was used after its allocation was freed. */
    @Name(Names.STALE_HANDLE)
    @Label("Stale Handle")
    @Description("A handle was used or freed after its allocation was freed; the item may be in use again.")
    static final class StaleHandle extends FindingEvent {
    }

    /** A release went below zero, or a retain came after the last release. */
    @Name(Names.REFCOUNT_ERROR)
    @Label("Refcount Error")
    @Description("A reference count went wrong: a release below zero or a retain after the last release.")
    static final class RefcountError extends FindingEvent {
    }

    /** Bytes between the allocated length and the item size were written. */
    @Name(Names.REDZONE_OVERFLOW)
    @Label("Redzone Overflow")
    @Description("Bytes between the allocated length and the item size (the redzone) were written: a buffer overflow.")
    static final class RedzoneOverflow extends FindingEvent {
    }
}
