package org.uma4j.agent.instrument;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.ConstantDynamic;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.uma4j.agent.account.CallKind;
import org.uma4j.agent.account.SiteRegistry;

/**
 * Rewrites the calls of {@link CallKind} in one class file: {@code invokestatic
 * java/nio/ByteBuffer.{allocate,allocateDirect,wrap}} into calls of the bridge's hooks, and
 * {@code invokevirtual org/uma4j/alloc/Zone.{alloc,free}} into their overloads with a site, the
 * call site's id pushed as an extra constant argument.
 *
 * <p>The rewrite pushes one or two values on top of the operand stack right before the call,
 * which consumes them together with the original arguments: stack map frames stay valid (no
 * frame lies between the push and the call) and the method's max stack grows by at most two,
 * so nothing is recomputed and no class is loaded. A {@code ByteBuffer} call in a class file of
 * Java 11 or later gets its site's cell, an {@code ldc} of a dynamic constant that the bridge
 * resolves once, so that C2 compiles the hook with the cell as a constant; in an older class
 * file (no dynamic constants before version 55), and for the allocator's calls, the site id.
 *
 * <p>Threading: stateless; each {@link #rewrite} call uses its own visitors.
 */
public final class CallSiteRewriter {

    /** The allocator's flag for a sleeping allocation, pushed for {@code Zone.alloc()}. */
    private static final int WAITOK = org.uma4j.alloc.Zone.WAITOK;
    /** The bridge's bootstrap of a site's cell, {@code BufferHooks.cell(Lookup, String, Class, int)}. */
    private static final Handle CELL_BOOTSTRAP = new Handle(Opcodes.H_INVOKESTATIC, CallKind.Owners.BRIDGE, "cell",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;I)L"
                    + CallKind.Owners.SITE_CELL + ";", false);

    private final SiteRegistry registry; // ids of ByteBuffer sites, accounted by the agent
    private final ZoneSiteIds zoneSites; // ids of Zone sites, resolved by the debug layer and JFR

    /**
     * Creates a rewriter whose zone call sites get ids of the debug layer's global site table.
     *
     * @param registry assigns ids to the {@code ByteBuffer} sites found
     */
    public CallSiteRewriter(SiteRegistry registry) {
        this(registry, ZoneSiteIds.DEBUG_SITE_TABLE);
    }

    /**
     * Creates a rewriter.
     *
     * @param registry assigns ids to the {@code ByteBuffer} sites found
     * @param zoneSites assigns ids to the {@code Zone.alloc}/{@code free} sites found
     */
    public CallSiteRewriter(SiteRegistry registry, ZoneSiteIds zoneSites) {
        this.registry = registry;
        this.zoneSites = zoneSites;
    }

    /**
     * Rewrites one class file.
     *
     * @param classFile the class file bytes
     * @return the rewritten bytes, or null if the class has no call to rewrite
     */
    public byte[] rewrite(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, 0);
        SiteClassVisitor visitor = new SiteClassVisitor(writer);
        reader.accept(visitor, 0);
        return visitor.changed ? writer.toByteArray() : null;
    }

    /** Collects the class's name and source file, and rewrites each method. */
    private final class SiteClassVisitor extends ClassVisitor {
        String className; // dotted name of the visited class
        String sourceFile; // SourceFile attribute, or null
        boolean constants; // whether the class file version has dynamic constants (Java 11+)
        boolean changed; // whether any call was rewritten

        SiteClassVisitor(ClassVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
            className = name.replace('/', '.');
            constants = (version & 0xFFFF) >= Opcodes.V11; // the high half is the minor version
            super.visit(version, access, name, signature, superName, interfaces);
        }

        @Override
        public void visitSource(String source, String debug) {
            sourceFile = source;
            super.visitSource(source, debug);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return next == null ? null : new SiteMethodVisitor(next, this, name, descriptor);
        }
    }

    /** Tracks the current line and replaces matching calls. */
    private final class SiteMethodVisitor extends MethodVisitor {
        private final SiteClassVisitor owner; // the class being rewritten
        private final String method; // this method's name
        private final String descriptor; // this method's descriptor
        private int line = -1; // line of the instructions being visited
        private int ordinal; // rewritten calls so far in this method
        private int extraStack; // slots the rewrite pushes at most: 0, 1 or 2

        SiteMethodVisitor(MethodVisitor next, SiteClassVisitor owner, String method, String descriptor) {
            super(Opcodes.ASM9, next);
            this.owner = owner;
            this.method = method;
            this.descriptor = descriptor;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitMethodInsn(int opcode, String callOwner, String name, String callDescriptor, boolean isInterface) {
            CallKind kind = opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKEVIRTUAL
                    ? CallKind.of(callOwner, name, callDescriptor) : null;
            if (kind == null || (opcode == Opcodes.INVOKESTATIC) != kind.accounted()) {
                super.visitMethodInsn(opcode, callOwner, name, callDescriptor, isInterface);
                return;
            }
            int site = kind.accounted()
                    ? registry.register(owner.className, method, descriptor, ordinal++, owner.sourceFile, line, kind,
                            ClassFilter.PROBE.equals(owner.className.replace('.', '/')))
                    : zoneSites.id(owner.className, method, owner.sourceFile, line);
            if (kind.pushesWaitFlag()) {
                pushInt(WAITOK);
                extraStack = 2;
            } else {
                extraStack = Math.max(extraStack, 1);
            }
            if (kind.accounted() && owner.constants) {
                super.visitLdcInsn(new ConstantDynamic("site", "L" + CallKind.Owners.SITE_CELL + ";", CELL_BOOTSTRAP, site));
                super.visitMethodInsn(opcode, kind.targetOwner(), kind.method(), kind.cellDescriptor(), false);
            } else {
                pushInt(site);
                super.visitMethodInsn(opcode, kind.targetOwner(), kind.method(), kind.targetDescriptor(), false);
            }
            owner.changed = true;
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            super.visitMaxs(maxStack + extraStack, maxLocals);
        }

        private void pushInt(int value) {
            if (value >= 0 && value <= 5) {
                super.visitInsn(Opcodes.ICONST_0 + value);
            } else if (value <= Byte.MAX_VALUE) {
                super.visitIntInsn(Opcodes.BIPUSH, value);
            } else if (value <= Short.MAX_VALUE) {
                super.visitIntInsn(Opcodes.SIPUSH, value);
            } else {
                super.visitLdcInsn(value);
            }
        }
    }
}
