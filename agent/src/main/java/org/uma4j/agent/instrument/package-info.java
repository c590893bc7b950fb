/**
 * Call-site rewriting: the class file transformer, its class filter, the ASM visitor that
 * redirects {@code ByteBuffer} factory calls to the bootstrap bridge, and the bridge's
 * installation on the boot class path.
 * A plain {@link java.lang.instrument.ClassFileTransformer} with Byte Buddy's repackaged ASM
 * is used rather than an {@code AgentBuilder} with {@code MemberSubstitution}: the four targets
 * are known exactly (owner, name, descriptor), so no type resolution is needed, and most classes
 * are rejected by name and by a byte scan before any parsing. Internal to the agent: types are
 * public only for the agent's other packages. Depends on the JDK, Byte Buddy's ASM and
 * {@code org.uma4j.agent.account}. Threading: the transformer is called concurrently by
 * class-loading threads and keeps no per-class state outside the call.
 */
package org.uma4j.agent.instrument;
