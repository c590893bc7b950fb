/**
 * The UMA slab allocator for on-heap buffers: zones of type-stable items over kegs of slabs.
 *
 * <p>An allocation is served by the first layer that has an item, in this order:
 * <ol>
 *   <li><b>cache bucket</b>: the calling thread's {@code ZoneCache} (UMA's per-CPU cache),
 *       found in the zone's home table by thread id or else through a {@code ThreadLocal}
 *       ({@code ThreadCaches}), pops its alloc bucket, or swaps in its free bucket; no lock, no
 *       atomic operation;</li>
 *   <li><b>zone bucket cache</b>: a full {@link org.uma4j.alloc.Bucket} is taken from the
 *       zone's {@code BucketCache} under the zone lock;</li>
 *   <li><b>keg partial slab</b>: a bucket is filled from the keg's partial slabs, then its
 *       free slabs, under the keg lock, and each new item runs the zone's {@code init};</li>
 *   <li><b>new slab</b>: the keg cuts a new slab into items ({@link org.uma4j.alloc.SlabGeometry}).</li>
 * </ol>
 * Frees go the other way: free bucket, zone bucket cache, keg; a sole owner's free that knows
 * only the item ({@code Item.freeSole}) first tries the cache its alloc left in the item as a
 * hint, taken only when it is the calling thread's cache of the item's zone. An item's life
 * cycle and the hooks on each transition are tabled in {@link org.uma4j.alloc.Zone}.
 *
 * <p>Dependencies: the JDK only ({@code java.base}; {@code java.management} only when
 * {@link org.uma4j.alloc.ZoneRegistry#reclaimOnLowMemory} is called). This package knows
 * nothing of the layers above it; they plug in through three small SPIs read from final
 * fields, which cost one branch when nobody installs them: {@link org.uma4j.alloc.ZoneObserver}
 * (slow-path events), {@link org.uma4j.alloc.ItemObserver} (per item) and
 * {@link org.uma4j.alloc.DebugHooks} (uma_dbg checks), installed per zone through
 * {@link org.uma4j.alloc.ZoneBuilder} or for every new zone through a
 * {@link org.uma4j.alloc.ZoneConfigurer}. Each item reserves one field for the debug layer's
 * record ({@link org.uma4j.alloc.DebugHooks#attach}), as UMA reserves a debug bitset per slab;
 * {@link org.uma4j.alloc.Keg#forEachItem} lets that layer scan what is out.
 *
 * <p>Threading: zones are safe for any number of threads. A thread cache is touched only by
 * its owner (platform threads) or under its stripe lock (virtual threads); the bucket cache
 * is guarded by the zone lock, slabs by the keg lock. Statistics are folded on read.
 */
package org.uma4j.alloc;
