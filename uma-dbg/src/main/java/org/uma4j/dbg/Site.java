package org.uma4j.dbg;

import java.util.Objects;

/**
 * A call site: where an allocation, a free or an access happened, resolved from a site id by
 * the {@link SiteTable}. Printed as {@code Foo.java:42} in one-line reports and as
 * {@code com.acme.Foo.bar(Foo.java:42)} in long ones.
 *
 * <p>Threading: immutable.
 */
public final class Site {
    /** The site of id 0 and of ids nobody registered: nothing known. */
    public static final Site UNKNOWN = new Site(0, "?", "?", null, -1);

    private final int id;            // the id it was registered under; 0 for UNKNOWN
    private final String className;  // binary name of the declaring class; "?" if unknown
    private final String methodName; // "?" if unknown
    private final String fileName;   // null if unknown
    private final int line;          // -1 if unknown

    Site(int id, String className, String methodName, String fileName, int line) {
        this.id = id;
        this.className = Objects.requireNonNull(className, "className");
        this.methodName = Objects.requireNonNull(methodName, "methodName");
        this.fileName = fileName;
        this.line = line;
    }

    /** Returns the id the site is registered under in its {@link SiteTable}; 0 if unknown. */
    public int id() {
        return id;
    }

    /** Returns the binary name of the class, or "?" if unknown. */
    public String className() {
        return className;
    }

    /** Returns the method name, or "?" if unknown. */
    public String methodName() {
        return methodName;
    }

    /** Returns the source file name, or null if unknown. */
    public String fileName() {
        return fileName;
    }

    /** Returns the line number, or -1 if unknown. */
    public int line() {
        return line;
    }

    /** Returns true unless this is {@link #UNKNOWN} or an id nobody registered. */
    public boolean isKnown() {
        return id != 0;
    }

    /** Returns the long form, {@code com.acme.Foo.bar(Foo.java:42)}, as a stack frame prints. */
    public String describe() {
        if (!isKnown()) {
            return "unknown site";
        }
        return className + "." + methodName + "(" + shortForm() + ")";
    }

    /** Returns the short form, {@code Foo.java:42}, as one-line reports print it. */
    @Override
    public String toString() {
        return isKnown() ? shortForm() : "unknown site";
    }

    private String shortForm() {
        String file = fileName != null ? fileName : simpleName(className);
        return line >= 0 ? file + ":" + line : file;
    }

    private static String simpleName(String cls) {
        return cls.substring(cls.lastIndexOf('.') + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Site && ((Site) o).id == id && ((Site) o).className.equals(className)
                && ((Site) o).methodName.equals(methodName) && ((Site) o).line == line
                && Objects.equals(((Site) o).fileName, fileName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, className, methodName, line);
    }
}
