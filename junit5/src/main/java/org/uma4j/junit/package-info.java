/**
 * A JUnit 5 extension that fails a test when it leaks uma4j buffers or trips a debug detector:
 * {@link org.uma4j.junit.UmaLeakCheck} on a class or method.
 *
 * <p>Dependencies: {@code org.uma4j.dbg} (and through it the allocator) and the JUnit Jupiter
 * API. Threading: the extension runs on JUnit's thread; the leak scope it opens counts the
 * allocations of every thread while a test runs, so tests checked by it must not run in
 * parallel with each other.
 */
package org.uma4j.junit;
