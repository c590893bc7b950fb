package org.uma4j.agent.integration;

import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Inserts the one-line framework advice: before every {@code return} of
 * {@code io.netty.channel.DefaultChannelConfig}'s constructors,
 * {@code FrameworkHooks.nettyConfig(DefaultChannelConfig.class, this)}; at the entry of
 * {@code org.eclipse.jetty.server.Server.doStart()},
 * {@code FrameworkHooks.jettyServer(Server.class, this)}.
 *
 * <p>The inserted code pushes two values and calls a static {@code void} method: it adds no
 * branch, so the stack map frames stay valid, and the max stack grows by two, so nothing is
 * recomputed and no class is loaded while transforming. Classes are matched by exact name
 * only. A failure is printed as one line and the class is left as it was.
 *
 * <p>Threading: called concurrently by class-loading threads; stateless but for its flags.
 */
final class FrameworkAdvice implements ClassFileTransformer {

    /** Internal name of Netty's base channel configuration. */
    static final String NETTY_CONFIG = "io/netty/channel/DefaultChannelConfig";
    /** Internal name of Jetty's server. */
    static final String JETTY_SERVER = "org/eclipse/jetty/server/Server";

    private static final String HOOKS = "org/uma4j/agent/bridge/FrameworkHooks";
    private static final String HOOK_DESCRIPTOR = "(Ljava/lang/Class;Ljava/lang/Object;)V";

    private final boolean netty; // advise DefaultChannelConfig
    private final boolean jetty; // advise Server.doStart
    private final PrintStream log; // where a failure line goes

    FrameworkAdvice(boolean netty, boolean jetty, PrintStream log) {
        this.netty = netty;
        this.jetty = jetty;
        this.log = log;
    }

    /** Tells whether this transformer changes the class of this internal name. */
    boolean matches(String internalName) {
        return netty && NETTY_CONFIG.equals(internalName) || jetty && JETTY_SERVER.equals(internalName);
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined,
                            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || !matches(className)) {
            return null;
        }
        try {
            return advise(classFile, className.equals(NETTY_CONFIG));
        } catch (Throwable t) {
            log.println("uma4j: cannot instrument " + className.replace('/', '.') + " (" + t + "); "
                    + (className.equals(NETTY_CONFIG) ? "netty=on" : "jetty=on") + " has no effect");
            return null;
        }
    }

    /** Rewrites one class file: its constructors (Netty) or its {@code doStart()} (Jetty). */
    static byte[] advise(byte[] classFile, boolean nettyClass) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        String className = reader.getClassName();
        String hook = nettyClass ? "nettyConfig" : "jettyServer";
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (nettyClass && name.equals("<init>")) {
                    return new HookCall(mv, className, hook, false);
                }
                if (!nettyClass && name.equals("doStart") && descriptor.equals("()V")) {
                    return new HookCall(mv, className, hook, true);
                }
                return mv;
            }
        }, 0);
        return writer.toByteArray();
    }

    /** Calls the hook at method entry or before each {@code return}. */
    private static final class HookCall extends MethodVisitor {
        private final String owner; // the advised class, pushed as a class constant
        private final String hook; // the bridge method
        private final boolean atEntry; // entry (Jetty) or before each return (Netty)

        HookCall(MethodVisitor mv, String owner, String hook, boolean atEntry) {
            super(Opcodes.ASM9, mv);
            this.owner = owner;
            this.hook = hook;
            this.atEntry = atEntry;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (atEntry) {
                callHook();
            }
        }

        @Override
        public void visitInsn(int opcode) {
            if (!atEntry && opcode == Opcodes.RETURN) {
                callHook(); // `this` is initialised here: the constructor's super call has run
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + 2, maxLocals);
        }

        private void callHook() {
            super.visitLdcInsn(Type.getObjectType(owner));
            super.visitVarInsn(Opcodes.ALOAD, 0);
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, hook, HOOK_DESCRIPTOR, false);
        }
    }
}
