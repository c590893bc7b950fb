package org.uma4j.alloc;

/**
 * Decorates every zone a registry creates from then on: how the debug layer, JFR and the
 * agent reach zones that application code builds. Runs once per zone, at
 * {@link ZoneBuilder#build()}, never on an allocation path.
 *
 * <p>Assumptions and guarantees: called on the building thread before the zone exists; it may
 * install hooks and observers or set a limit on the builder; an exception fails the build.
 * Configurers run in the order they were added.
 */
@FunctionalInterface
public interface ZoneConfigurer {

    /**
     * Configures a zone about to be built.
     *
     * @param builder the builder, after the caller's own settings
     */
    void configure(ZoneBuilder<?> builder);
}
