/**
 * uma4j's debugging layer: FreeBSD's uma_dbg (trash fill and verify, allocation-state checks),
 * redzone and memguard-style quarantine re-created for on-heap items, plus stale-handle,
 * refcount and leak detection (deterministic scopes and GC-tracked handles), all reported as
 * one {@link org.uma4j.dbg.Finding} model to {@link org.uma4j.dbg.FindingListener}s under a
 * {@link org.uma4j.dbg.Policy} (log, throw, halt).
 *
 * <p>Entry point: {@link org.uma4j.dbg.UmaDbg#install(org.uma4j.alloc.ZoneRegistry, org.uma4j.dbg.DebugConfig)}
 * plugs the layer into every zone the registry builds from then on, through the allocator's
 * {@link org.uma4j.alloc.DebugHooks} SPI; {@link org.uma4j.dbg.UmaDbg#configure} installs it on
 * one zone. Call sites are ids resolved by the {@link org.uma4j.dbg.SiteTable}.
 *
 * <p>Dependencies: {@code org.uma4j.alloc} and the JDK ({@code java.base}) only. The allocator
 * never names this package, so with no hooks installed none of its classes load.
 *
 * <p>Leak scopes come in two kinds: all-threads scopes compare the allocator's own per-item
 * state, site and generation with a snapshot taken at open ({@code ZoneWideScan}) and need no
 * hooks; per-thread scopes need the SCOPE detector's per-item record. A zone with every
 * detector off gets no hooks at all; a zone with TRASH alone gets lean hooks ({@code
 * TrashHooks}: fill and verify, two sites per item) instead of the general ones
 * ({@code ZoneHooks}). Detectors switched on later reach only zones built afterwards.
 *
 * <p>Threading: every public type is safe for any thread. The hooks run on the allocating and
 * freeing threads with no allocator lock held; with STATE on, per-item debug state changes by
 * compare-and-set, so of two racing frees of one item exactly one succeeds, and an item is
 * never cached twice; with STATE and LEAK off the owner moves it with release stores.
 */
package org.uma4j.dbg;
