package org.uma4j.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails each test (or, with {@link #perClass()}, the class) that leaks a uma4j allocation or
 * trips a debug detector (memory modified after free, duplicate free, wrong zone, stale handle,
 * refcount error, redzone overflow), with a report naming the kind, the zone and the
 * allocation site.
 *
 * <pre>{@code
 * @UmaLeakCheck
 * class DecoderTest {
 *     @Test void decodes() { ... }                 // fails if it leaks
 *     @Test @UmaLeakCheck.Skip void known() { ... } // not checked
 * }
 * }</pre>
 *
 * <p>The check covers zones built while the extension's debug layer is installed (from the
 * first checked test of the class on); when the agent already installed one (its {@code debug}
 * option), that layer is used as it is. Frees made on other threads are waited for up to
 * {@link #awaitMillis()}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(UmaLeakExtension.class)
public @interface UmaLeakCheck {

    /** Debug level of the layer the extension installs when none is installed: {@code basic} or {@code full}. */
    String level() default "basic";

    /** How long to wait for allocations still out to be freed by other threads, in milliseconds. */
    long awaitMillis() default 5000;

    /**
     * Also run GC-tracked leak detection after each test: allocations whose handles became
     * unreachable without a free. Needs level {@code full} (generation handles); costs full GCs.
     */
    boolean gc() default false;

    /** Check once for the whole class instead of after every test. */
    boolean perClass() default false;

    /** Opts one test (or a nested class) out of the check. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @interface Skip {
        /** Why the test is not checked. */
        String value() default "";
    }
}
